import type { ConversationView } from '../api';
import { useLang, useT } from '../i18n';
import { formatMoment } from '../format-time';
import { useSession } from '../session';
import { ChannelBadge } from './ChannelBadge';
import { Countdown } from './Countdown';
import { LabelChip } from './LabelChip';
import { Name } from './Name';
import { IncidentBadge } from './IncidentBanner';
import { useIncidentOf } from '../hooks/use-open-incidents';

const initials = (name: string) => name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('');

export function ConversationRow({ c, selected, onSelect }: { c: ConversationView; selected: boolean; onSelect: (id: number) => void }) {
  const t = useT();
  const lang = useLang();
  const { agents } = useSession();
  const incident = useIncidentOf(c.id);
  const assignee = c.assigneeId === null ? null : agents.find((a) => a.id === c.assigneeId);
  return (
    <li>
      <button type="button" class={`row${selected ? ' selected' : ''}${c.awaitingReply ? ' awaiting' : ''}`} data-conversation-id={c.id}
        aria-current={selected ? 'true' : undefined} onClick={() => onSelect(c.id)}>
        <span class="row-top">
          <ChannelBadge type={c.channel.type} name={c.channel.name} compact />
          <Name class="row-contact" value={c.contact.name} />
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
