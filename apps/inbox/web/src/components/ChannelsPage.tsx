import { useEffect, useState } from 'preact/hooks';
import type { ChannelInfo, Policies } from '../api';
import { formatMoment } from '../format-time';
import { useLang, useT } from '../i18n';
import { useChannels } from '../hooks/use-channels';
import { useRealtime } from '../realtime';
import { useSession } from '../session';
import { ChannelBadge } from './ChannelBadge';

/** Ops' view of the channels: each connection's live state, the WhatsApp QR code to scan, and the response-time policies. */
export function ChannelsPage() {
  const t = useT();
  const lang = useLang();
  const { items, error } = useChannels(3000);
  return (
    <div class="page channels-page">
      <h1>{t.channelsPage}</h1>
      {error && <p class="error" role="alert">{t.loadFailed}: {error}</p>}
      <table class="channels">
        <thead><tr><th>{t.channelsPage}</th><th>{t.channelState}</th><th>{t.channelSince}</th><th>{t.channelOwner}</th></tr></thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} data-channel={c.id} data-state={c.state}>
              <td><ChannelBadge type={c.type} name={c.name} compact /> {c.name} <span class="hint">{c.id}</span></td>
              <td>
                <span class={`state state-${c.state}`}>{t[`state_${c.state}` as 'state_ready'] ?? c.state}</span>
                {c.reason && <div class="hint">{c.reason}</div>}
                {c.state === 'qr' && <QrCode channel={c} />}
              </td>
              <td>{c.since ? formatMoment(c.since, lang) : '—'}</td>
              <td>{c.owner ? `${c.owner.host} #${c.owner.pid}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PoliciesEditor />
    </div>
  );
}

/**
 * The code WhatsApp shows under "Linked devices", fetched with the agent's credentials and again when the holder
 * reports it rotated (and every 15 s, should a push be missed).
 */
function QrCode({ channel }: { channel: ChannelInfo }) {
  const t = useT();
  const { api, socket } = useSession();
  const [src, setSrc] = useState<string | null>(null);
  const [rotations, setRotations] = useState(0);
  useRealtime(socket, 'channel.state', (change) => { if (change.channelId === channel.id) setRotations((n) => n + 1); });
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    const load = () => api.channelQr(channel.id).then((blob) => {
      if (!live) return;
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(blob);
      setSrc(url);
    }, () => undefined);
    void load();
    const timer = setInterval(load, 15_000);
    return () => {
      live = false;
      clearInterval(timer);
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, channel.id, rotations]);
  return src ? <figure class="qr"><img src={src} alt={t.scanQr} width={240} height={240} /><figcaption>{t.scanQr}</figcaption></figure> : null;
}

/** First and next response targets per channel type and channel; a change applies to deadlines computed from now on. */
function PoliciesEditor() {
  const t = useT();
  const { api } = useSession();
  const [policies, setPolicies] = useState<Policies | null>(null);
  const [message, setMessage] = useState<{ scope: string; text: string; error: boolean } | null>(null);
  const reload = () => api.policies().then(setPolicies, (err: Error) => setMessage({ scope: '', text: err.message, error: true }));
  useEffect(() => { void reload(); }, [api]);
  if (!policies) return null;
  const scopes = [...Object.entries(policies.types ?? {}), ...Object.entries(policies.channels)];
  const save = async (scope: string, form: HTMLFormElement) => {
    const data = new FormData(form);
    try {
      await api.updatePolicy(scope, { firstResponse: String(data.get('firstResponse')), nextResponse: String(data.get('nextResponse')) });
      setMessage({ scope, text: t.policySaved, error: false });
      await reload();
    } catch (err) {
      setMessage({ scope, text: (err as Error).message, error: true });
    }
  };
  return (
    <section class="policies">
      <h2>{t.policiesTitle}</h2>
      <table>
        <thead><tr><th>{t.policyScope}</th><th>{t.firstResponse}</th><th>{t.nextResponse}</th><th /></tr></thead>
        <tbody>
          {scopes.map(([scope, p]) => (
            <tr key={scope} data-scope={scope}>
              <td>{scope}</td>
              <td colSpan={3}>
                <form class="policy-form" onSubmit={(e) => { e.preventDefault(); void save(scope, e.currentTarget); }}>
                  <input name="firstResponse" defaultValue={p.firstResponse} aria-label={`${t.firstResponse} ${scope}`} size={6} />
                  <input name="nextResponse" defaultValue={p.nextResponse} aria-label={`${t.nextResponse} ${scope}`} size={6} />
                  <button type="submit" class="small">{t.savePolicy}</button>
                  {message?.scope === scope && <span class={message.error ? 'error' : 'hint'} role={message.error ? 'alert' : 'status'}>{message.text}</span>}
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
