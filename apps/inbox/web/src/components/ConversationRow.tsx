import type { ConversationView } from '../api';
import { useLang, useT } from '../i18n';
import { useAttentionT } from '../i18n-attention';
import { formatMoment } from '../format-time';
import { useSession } from '../session';
import { ChannelBadge } from './ChannelBadge';
import { Countdown } from './Countdown';
import { LabelChip } from './LabelChip';
import { Name } from './Name';
import { IncidentBadge } from './IncidentBanner';
import { useIncidentOf } from '../hooks/use-open-incidents';

const initials = (name: string) => name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('');

export function ConversationRow({ c, selected, onSelect, checked, onCheck }: {
  c: ConversationView;
  selected: boolean;
  onSelect: (id: number) => void;
  /** Picked for a bulk action; `onCheck(shift)` on a click of its box. */
  checked: boolean;
  onCheck: (shift: boolean) => void;
}) {
  const t = useT();
  const a = useAttentionT();
  const lang = useLang();
  const { agents, me } = useSession();
  const incident = useIncidentOf(c.id);
  const unread = c.assigneeId === me.agentId ? c.unreadCount : 0;
  const assignee = c.assigneeId === null ? null : agents.find((a) => a.id === c.assigneeId);
  return (
    <li class={checked ? 'checked' : undefined}>
      {/* A button acting as a box: its state is only ever ours, so a shift-click's range never fights the browser's toggle. */}
      <button type="button" role="checkbox" class="row-check" aria-checked={checked} aria-label={a.selectRow(c.id)} data-row-check={c.id}
        onClick={(e) => onCheck(e.shiftKey)} />
      <button type="button" class={`row${selected ? ' selected' : ''}${c.awaitingReply ? ' awaiting' : ''}`} data-conversation-id={c.id}
        aria-current={selected ? 'true' : undefined} onClick={() => onSelect(c.id)}>
        <span class="row-top">
          <ChannelBadge type={c.channel.type} name={c.channel.name} compact />
          <Name class="row-contact" value={c.contact.name} />
          {unread > 0 && <span class="unread" title={a.unread(unread)} aria-label={a.unread(unread)}>{unread}</span>}
          <Countdown conversation={c} />
        </span>
        {c.subject && <bdi class="row-subject">{c.subject}</bdi>}
        <bdi class="row-preview">{c.lastMessagePreview || t.noPreview}</bdi>
        {c.labels?.length > 0 && <span class="row-labels">{c.labels.map((l) => <LabelChip key={l.id} label={l} />)}</span>}
        <span class="row-bottom">
          <span>{formatMoment(c.lastMessageAt, lang)}</span>
          {incident && <IncidentBadge title={incident.title} />}
          {c.status !== 'open' && <span class={`status status-${c.status}`}>{t[`status_${c.status}`]}</span>}
          {assignee && <span class="avatar" title={assignee.name}>{initials(assignee.name)}</span>}
        </span>
      </button>
    </li>
  );
}
