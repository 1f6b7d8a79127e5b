import { useLang } from '../i18n';
import { useSession } from '../session';

/** The channel type as a coloured tag, name and colour as its registration gives them; the full name next to it unless `compact`. */
export function ChannelBadge({ type, name, compact = false }: { type: string; name?: string; compact?: boolean }) {
  const lang = useLang();
  const registered = useSession().channelTypes.find((t) => t.type === type);
  const label = registered?.displayName[lang] ?? type;
  return (
    <span class="channel" title={name ? `${label} · ${name}` : label} data-channel-type={type}>
      <span class="channel-tag" aria-hidden="true" style={registered ? { background: registered.badge.colour } : undefined}>{registered?.badge.short ?? type.slice(0, 3).toUpperCase()}</span>
      {!compact && <span class="channel-name">{label}</span>}
    </span>
  );
}
