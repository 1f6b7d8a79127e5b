import { useState } from 'preact/hooks';
import { ContactView, ConversationStatus, ConversationView, STATUSES } from '../api';
import { useT } from '../i18n';
import { useSession } from '../session';
import { ChannelBadge } from './ChannelBadge';
import { ConversationLabels } from './ConversationLabels';
import { Countdown } from './Countdown';
import { CsatRating } from './CsatRating';
import { Name } from './Name';
import { SnoozeMenu } from './SnoozeMenu';
import { cleanName } from '../../../../../libs/conversations/src/inbound-text.util';

/** Who the customer is (with every identity), the deadline, and the assignee and status controls. */
export function ConversationHeader({ conversation: c, contact, onChange }: {
  conversation: ConversationView;
  contact: ContactView | null;
  onChange: (c: ConversationView) => void;
}) {
  const t = useT();
  const { api, me, agents, channels } = useSession();
  const [error, setError] = useState<string | null>(null);
  const run = async (action: Promise<ConversationView>) => {
    setError(null);
    try {
      onChange(await action);
    } catch (err) {
      setError(err.message);
    }
  };
  const channelName = (id: string) => channels.find((ch) => ch.id === id)?.name ?? id;
  // An address or a phone helps the agent; an opaque id (a web chat's visitor token) does not.
  const identity = (i: ContactView['identities'][number]) => {
    const showId = channels.find((ch) => ch.id === i.channelId)?.capabilities?.readableContactId !== false && i.externalId !== i.displayName;
    return [i.displayName && cleanName(i.displayName), showId ? i.externalId : null].filter(Boolean).join(', ');
  };

  return (
    <header class="conv-head">
      <div class="conv-title">
        <h2><Name class="contact-name" value={c.contact.name} /></h2>
        <div class="conv-sub">
          <ChannelBadge type={c.channel.type} name={c.channel.name} compact />
          <span>{c.channel.name}</span>
          <span>#{c.id}</span>
          {c.subject && <bdi class="subject">{c.subject}</bdi>}
          {c.bot && <span class="bot-state">{t[`bot_${c.bot.state}`]}</span>}
        </div>
        <ConversationLabels conversation={c} onChange={onChange} />
        {contact && contact.identities.length > 0 && (
          <div class="identities">
            {contact.identities.map((i) => <span key={i.id}>{channelName(i.channelId)}: <bdi>{identity(i)}</bdi></span>)}
          </div>
        )}
        <CsatRating conversationId={c.id} status={c.status} />
      </div>
      <Countdown conversation={c} large />
      <div class="conv-actions">
        <label>
          {t.assignee}
          <select name="assignee" value={c.assigneeId === null ? '' : String(c.assigneeId)}
            onChange={(e) => run(api.assign(c.id, e.currentTarget.value ? Number(e.currentTarget.value) : null))}>
            <option value="">{t.nobody}</option>
            {agents.filter((a) => (a.active && !a.builtIn) || a.id === c.assigneeId).map((a) => <option key={a.id} value={String(a.id)}>{a.name}</option>)}
          </select>
        </label>
        {/* Assigning a conversation the bot answers takes it over from the bot (the server hands it over). */}
        {c.assigneeId !== me.agentId && (
          <button type="button" class="small" onClick={() => run(api.assign(c.id, me.agentId))}>{c.bot?.state === 'active' ? t.takeOver : t.assignToMe}</button>
        )}
        <label>
          {t.status}
          <select name="status" value={c.status} onChange={(e) => run(api.setStatus(c.id, e.currentTarget.value as ConversationStatus))}>
            {/* Snoozing needs a moment: the presets beside this list give it. */}
            {STATUSES.filter((s) => s !== 'snoozed' || c.status === 'snoozed').map((s) => <option key={s} value={s}>{t[`status_${s}`]}</option>)}
          </select>
        </label>
        <SnoozeMenu conversation={c} onSnooze={(until) => run(api.setStatus(c.id, 'snoozed', until))} />
        {error && <span class="error" role="alert">{error}</span>}
      </div>
    </header>
  );
}
