import { useCallback, useEffect, useState } from 'preact/hooks';
import { useAccountT } from '../account-texts';
import { AgentInfo, ApiError, TokenInfo } from '../api';
import { useLang, useT } from '../i18n';
import { useSession } from '../session';
import { formatMoment } from '../format-time';

/** Ops: the agents (add with a one-time sign-in link, deactivate, role, capacity) and the API tokens (revoke). */
export function AgentsPage() {
  const t = useT();
  const a = useAccountT();
  const lang = useLang();
  const { api, me } = useSession();
  const [agents, setAgents] = useState<AgentInfo[]>([]);
  const [tokens, setTokens] = useState<TokenInfo[]>([]);
  const [link, setLink] = useState<{ name: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState({ name: '', email: '', role: 'agent' });

  const load = useCallback(async () => {
    const [list, issued] = await Promise.all([api.agents(), api.tokens()]);
    setAgents(list.items);
    setTokens(issued.items);
  }, [api]);

  useEffect(() => {
    load().catch((err) => setError(err instanceof ApiError ? err.message : t.serverUnreachable));
  }, [load]);

  /** Runs a change, then shows the lists as the server has them (or what it refused). */
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t.serverUnreachable);
    }
  };

  const add = (event: Event) => {
    event.preventDefault();
    void act(async () => {
      const created = await api.createAgent({ name: draft.name.trim(), email: draft.email.trim(), role: draft.role });
      setLink({ name: created.name, url: created.signInUrl });
      setDraft({ name: '', email: '', role: 'agent' });
    });
  };

  const newLink = (agent: AgentInfo) => act(async () => setLink({ name: agent.name, url: (await api.signInLink(agent.id)).signInUrl }));
  const setActive = (agent: AgentInfo, active: boolean) => {
    if (!active && !confirm(a.confirmDeactivate(agent.name))) return;
    void act(() => api.updateAgent(agent.id, { active }));
  };
  const revoke = (token: TokenInfo) => {
    if (confirm(a.confirmRevoke)) void act(() => api.revokeToken(token.id));
  };

  return (
    <main class="ops-page">
      <section>
        <h2>{a.agents}</h2>
        {error && <p class="error" role="alert">{error}</p>}
        {link && (
          <p class="sign-in-link" role="status">
            {a.linkFor(link.name)} <input readOnly value={link.url} name="sign-in-link" onFocus={(e) => e.currentTarget.select()} />
          </p>
        )}
        <table class="ops-table" data-table="agents">
          <thead>
            <tr><th>{a.agentName}</th><th>{a.email}</th><th>{a.role}</th><th>{a.capacity}</th><th>{a.state}</th><th /></tr>
          </thead>
          <tbody>
            {agents.map((agent) => (
              <tr key={agent.id} data-agent={agent.email} class={agent.active ? '' : 'inactive'}>
                <td>{agent.name}{agent.id === me.agentId && <span class="hint"> ({a.you})</span>}</td>
                <td>{agent.email}</td>
                {agent.builtIn ? (
                  <td colSpan={4} class="hint">{a.builtIn}</td>
                ) : (
                  <>
                    <td>
                      <select name="role" value={agent.role} disabled={agent.id === me.agentId}
                        onChange={(e) => act(() => api.updateAgent(agent.id, { role: e.currentTarget.value }))}>
                        <option value="agent">agent</option>
                        <option value="ops">ops</option>
                      </select>
                    </td>
                    <td>
                      <input name="capacity" type="number" min={1} max={100} value={agent.capacity} class="capacity"
                        onChange={(e) => act(() => api.updateAgent(agent.id, { capacity: Number(e.currentTarget.value) }))} />
                    </td>
                    <td>{agent.active ? a.active : a.inactive}</td>
                    <td class="actions">
                      <button type="button" class="link" onClick={() => newLink(agent)}>{a.newLink}</button>
                      {agent.id !== me.agentId && (
                        <button type="button" class="link" onClick={() => setActive(agent, !agent.active)}>{agent.active ? a.deactivate : a.activate}</button>
                      )}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        <form class="ops-add" onSubmit={add}>
          <h3>{a.addAgent}</h3>
          <input name="agent-name" placeholder={a.agentName} required maxLength={200} value={draft.name} onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
          <input name="agent-email" type="email" placeholder={a.email} required maxLength={320} value={draft.email} onInput={(e) => setDraft({ ...draft, email: e.currentTarget.value })} />
          <select name="agent-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.currentTarget.value })}>
            <option value="agent">agent</option>
            <option value="ops">ops</option>
          </select>
          <button type="submit" class="primary">{a.addAgent}</button>
        </form>
      </section>
      <section>
        <h2>{a.tokens}</h2>
        {tokens.length === 0 ? <p class="hint">{a.noTokens}</p> : (
          <table class="ops-table" data-table="tokens">
            <thead><tr><th>{a.agentName}</th><th>{a.label}</th><th>{a.created}</th><th /></tr></thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} data-token={token.id}>
                  <td>{token.agentName} <span class="hint">{token.agentEmail}</span></td>
                  <td>{token.label}</td>
                  <td>{formatMoment(token.createdAt, lang)}</td>
                  <td class="actions"><button type="button" class="link" onClick={() => revoke(token)}>{a.revoke}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
