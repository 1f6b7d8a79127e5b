import type { ConversationView } from './api';
import { appendPage, applyUpdate, byUrgency, matchesFilter, mergeFirstPage, NO_FILTER } from './conversation-list';

function conv(id: number, fields: Partial<ConversationView> = {}): ConversationView {
  return {
    id, status: 'open', channel: { id: 'webchat', type: 'webchat', name: 'Web chat' }, contact: { id, name: `c${id}` },
    assigneeId: null, teamId: null, subject: null, lastMessagePreview: 'hi', dueAt: null, warnAt: null, firstResponseDueAt: null,
    nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, slaState: 'ok', awaitingReply: true,
    waitingSince: '2026-11-24T10:00:00.000Z', lastMessageAt: '2026-11-24T10:00:00.000Z', createdAt: '2026-11-24T10:00:00.000Z', labels: [],
    bot: null,
    ...fields,
  };
}

describe('the list order and filter', () => {
  it('puts the earliest deadline first, then the longest wait, conversations without a deadline last', () => {
    const list = [
      conv(1),
      conv(2, { dueAt: '2026-11-24T10:10:00.000Z' }),
      conv(3, { dueAt: '2026-11-24T10:05:00.000Z' }),
      conv(4, { waitingSince: '2026-11-24T09:00:00.000Z' }),
    ].sort(byUrgency);
    expect(list.map((c) => c.id)).toEqual([3, 2, 4, 1]);
  });

  it('hides what the bot holds unless on the "With the bot" tab, which shows only that', () => {
    const now = Date.parse('2026-11-24T10:06:00Z');
    const held = conv(1, { bot: { state: 'active', handoverReason: null } });
    const handedOver = conv(2, { bot: { state: 'handed_over', handoverReason: 'button' } });
    expect(matchesFilter(held, NO_FILTER, 7, now)).toBe(false);
    expect(matchesFilter(handedOver, NO_FILTER, 7, now)).toBe(true);
    expect(matchesFilter(held, { ...NO_FILTER, withBot: true }, 7, now)).toBe(true);
    expect(matchesFilter(handedOver, { ...NO_FILTER, withBot: true }, 7, now)).toBe(false);
    expect(matchesFilter(conv(3), { ...NO_FILTER, withBot: true }, 7, now)).toBe(false);
    // Taken over: the live update moves it off the bot's tab.
    expect(applyUpdate([held], { ...held, bot: handedOver.bot }, { ...NO_FILTER, withBot: true }, 7, now)).toEqual([]);
  });

  it('matches status (default: all but resolved), channel, assignee and breaching like the server', () => {
    const now = Date.parse('2026-11-24T10:06:00Z');
    expect(matchesFilter(conv(1), NO_FILTER, 7, now)).toBe(true);
    expect(matchesFilter(conv(1, { status: 'resolved' }), NO_FILTER, 7, now)).toBe(false);
    expect(matchesFilter(conv(1, { status: 'resolved' }), { ...NO_FILTER, status: 'resolved' }, 7, now)).toBe(true);
    expect(matchesFilter(conv(1), { ...NO_FILTER, channel: 'mail' }, 7, now)).toBe(false);
    const vip = { id: 4, name: 'VIP', color: '#ff0000' };
    expect(matchesFilter(conv(1, { labels: [vip] }), { ...NO_FILTER, label: '4' }, 7, now)).toBe(true);
    expect(matchesFilter(conv(1), { ...NO_FILTER, label: '4' }, 7, now)).toBe(false);
    expect(matchesFilter(conv(1, { teamId: 2 }), { ...NO_FILTER, team: 2 }, 7, now)).toBe(true);
    expect(matchesFilter(conv(1, { teamId: 3 }), { ...NO_FILTER, team: 2 }, 7, now)).toBe(false);
    expect(matchesFilter(conv(1), { ...NO_FILTER, team: 2 }, 7, now)).toBe(false);
    expect(matchesFilter(conv(1, { assigneeId: 7 }), { ...NO_FILTER, who: 'mine' }, 7, now)).toBe(true);
    expect(matchesFilter(conv(1, { assigneeId: 8 }), { ...NO_FILTER, who: 'mine' }, 7, now)).toBe(false);
    expect(matchesFilter(conv(1, { assigneeId: 8 }), { ...NO_FILTER, who: 'unassigned' }, 7, now)).toBe(false);
    expect(matchesFilter(conv(1, { dueAt: '2026-11-24T10:05:00.000Z' }), { ...NO_FILTER, breaching: true }, 7, now)).toBe(true);
    expect(matchesFilter(conv(1, { dueAt: '2026-11-24T10:07:00.000Z' }), { ...NO_FILTER, breaching: true }, 7, now)).toBe(false);
  });

  it('places a live update in order, and drops a conversation that left the filter', () => {
    const items = [conv(1, { dueAt: '2026-11-24T10:05:00.000Z' }), conv(2)];
    const added = applyUpdate(items, conv(3, { dueAt: '2026-11-24T10:01:00.000Z' }), NO_FILTER, 7, 0);
    expect(added.map((c) => c.id)).toEqual([3, 1, 2]);
    const resolved = applyUpdate(added, conv(1, { status: 'resolved' }), NO_FILTER, 7, 0);
    expect(resolved.map((c) => c.id)).toEqual([3, 2]);
    expect(appendPage(resolved, [conv(2), conv(5)]).map((c) => c.id)).toEqual([3, 2, 5]);
  });
});

describe('the safety refresh of the first page', () => {
  const at = (minute: number) => `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z`;

  it('takes the page as the truth within its range and keeps the further pages loaded', () => {
    // 1..4 wait longest first, two pages loaded. Pushes were lost: 2 now waits since minute 5 (past the page of three),
    // 1 has a new message, 5 is new with the longest wait.
    const list = [conv(1, { waitingSince: at(1) }), conv(2, { waitingSince: at(2) }), conv(3, { waitingSince: at(3) }), conv(4, { waitingSince: at(4) })];
    const page = [conv(5, { waitingSince: at(0) }), conv(1, { waitingSince: at(1), lastMessagePreview: 'new' }), conv(3, { waitingSince: at(3) })];
    const merged = mergeFirstPage(list, page, true);
    expect(merged.map((c) => c.id)).toEqual([5, 1, 3, 4]);
    expect(merged[1].lastMessagePreview).toBe('new');
  });

  it('is the page alone when the page is all there is', () => {
    expect(mergeFirstPage([conv(1), conv(2)], [conv(2)], false).map((c) => c.id)).toEqual([2]);
    expect(mergeFirstPage([conv(1)], [], false)).toEqual([]);
  });
});
