import { useState } from 'preact/hooks';
import type { TeamInfo } from '../api';
import { useT } from '../i18n';
import { useTeams } from '../hooks/use-teams';
import { useSession } from '../session';

/** Ops: teams and their lines, the channels whose new conversations each takes, members and leads, overflow. */
export function TeamsPage() {
  const t = useT();
  const teams = useTeams();
  return (
    <div class="page teams-page">
      <h1>{t.teamsPage}</h1>
      {teams.map((team) => <TeamForm key={team.id} team={team} teams={teams} />)}
      <TeamForm key="new" team={null} teams={teams} />
    </div>
  );
}

function TeamForm({ team, teams }: { team: TeamInfo | null; teams: TeamInfo[] }) {
  const t = useT();
  const { api, agents, channels } = useSession();
  const [members, setMembers] = useState<Array<{ agentId: number; lead: boolean }>>(team?.members ?? []);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const member = (agentId: number) => members.find((m) => m.agentId === agentId);
  const toggle = (agentId: number, lead = false) => setMembers((list) => {
    const current = list.find((m) => m.agentId === agentId);
    if (lead) return current ? list.map((m) => (m.agentId === agentId ? { ...m, lead: !m.lead } : m)) : [...list, { agentId, lead: true }];
    return current ? list.filter((m) => m.agentId !== agentId) : [...list, { agentId, lead: false }];
  });
  const save = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const overflow = String(data.get('overflowTeamId') ?? '');
    const minutes = String(data.get('overflowAfter') ?? '').trim();
    try {
      await api.saveTeam(team?.id ?? null, {
        name: String(data.get('name')).trim(),
        line: Number(data.get('line')),
        channels: data.getAll('channels').map(String),
        assignment: data.get('assignment') as TeamInfo['assignment'],
        overflowTeamId: overflow ? Number(overflow) : null,
        overflowAfterSeconds: minutes ? Math.round(Number(minutes) * 60) : null,
        members,
      });
      setMessage({ text: t.policySaved, error: false });
      if (!team) { form.reset(); setMembers([]); }
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    }
  };
  return (
    <form class="team-form" data-team={team?.id ?? 'new'} onSubmit={(e) => { e.preventDefault(); void save(e.currentTarget); }}>
      <h2>{team ? team.name : t.addTeam}</h2>
      <label>{t.teamName} <input name="name" required defaultValue={team?.name ?? ''} /></label>
      <label>{t.teamLine} <input name="line" type="number" min={1} max={9} defaultValue={String(team?.line ?? 1)} /></label>
      <label>{t.teamAssignment} <select name="assignment" defaultValue={team?.assignment ?? 'auto'}>
        <option value="auto">{t.assignment_auto}</option><option value="manual">{t.assignment_manual}</option>
      </select></label>
      <fieldset><legend>{t.teamChannels}</legend>
        {channels.map((c) => <label key={c.id}><input type="checkbox" name="channels" value={c.id} defaultChecked={team?.channels.includes(c.id)} /> {c.name}</label>)}
      </fieldset>
      <fieldset><legend>{t.teamMembers}</legend>
        {agents.filter((a) => a.active && !a.builtIn).map((a) => (
          <span key={a.id} class="team-member">
            <label><input type="checkbox" checked={!!member(a.id)} onChange={() => toggle(a.id)} /> {a.name}</label>
            <button type="button" class={`link lead${member(a.id)?.lead ? ' on' : ''}`} aria-pressed={!!member(a.id)?.lead} aria-label={`★ ${a.name}`} onClick={() => toggle(a.id, true)}>★</button>
          </span>
        ))}
      </fieldset>
      <label>{t.teamOverflow} <select name="overflowTeamId" defaultValue={team?.overflowTeamId ? String(team.overflowTeamId) : ''}>
        <option value="">{t.noOverflow}</option>
        {teams.filter((o) => o.id !== team?.id).map((o) => <option key={o.id} value={String(o.id)}>{o.name}</option>)}
      </select></label>
      <label>{t.overflowAfterMinutes} <input name="overflowAfter" type="number" min={1} defaultValue={team?.overflowAfterSeconds ? String(team.overflowAfterSeconds / 60) : ''} /></label>
      <div class="team-actions">
        <button type="submit" class="primary">{team ? t.saveTeam : t.addTeam}</button>
        {team && <button type="button" class="small" onClick={() => { if (confirm(`${t.deleteTeam} «${team.name}»?`)) api.deleteTeam(team.id).catch((err: Error) => setMessage({ text: err.message, error: true })); }}>{t.deleteTeam}</button>}
        {message && <span class={message.error ? 'error' : 'hint'} role={message.error ? 'alert' : 'status'}>{message.text}</span>}
      </div>
    </form>
  );
}
