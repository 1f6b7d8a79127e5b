import { useT } from '../i18n';

const SHORT: Record<string, string> = { telegram: 'TG', whatsapp: 'WA', email: '@', webchat: 'WEB', vk: 'VK' };

/** The channel type as a coloured tag; the full name in words next to it unless `compact`. */
export function ChannelBadge({ type, name, compact = false }: { type: string; name?: string; compact?: boolean }) {
  const t = useT();
  const label = (t as unknown as Record<string, string>)[`type_${type}`] ?? type;
  return (
    <span class={`channel channel-${type}`} title={name ? `${label} · ${name}` : label} data-channel-type={type}>
      <span class="channel-tag" aria-hidden="true">{SHORT[type] ?? type.slice(0, 3).toUpperCase()}</span>
      {!compact && <span class="channel-name">{label}</span>}
    </span>
  );
}
