import { Logger } from '@nestjs/common';
import type { LongPollAnswer, LongPollServer, VkApi } from './vk-api';
import { TS_CURSOR, VkLongPoll } from './vk-long-poll';
import type { VkEvent } from './vk-event.mapper';

/** A scripted VK: long poll answers in order; the run stops (by abort) once they are used up. */
function setup(answers: LongPollAnswer[], storedTs: string | null = null, failOn?: string) {
  const log: string[] = [];
  const abort = new AbortController();
  let servers = 0;
  const api = {
    call: async (method: string) => {
      log.push(method);
      servers++;
      return { server: 'https://lp.vk.test/wh1', key: `key-${servers}`, ts: String(100 * servers) } satisfies LongPollServer;
    },
    poll: async (server: LongPollServer, ts: string) => {
      log.push(`poll ${server.key} ${ts}`);
      const answer = answers.shift();
      if (!answer) abort.abort();
      return answer ?? { ts, updates: [] };
    },
  } as unknown as VkApi;
  const cursors = new Map<string, string>(storedTs === null ? [] : [[TS_CURSOR, storedTs]]);
  const poll = new VkLongPoll({
    api,
    groupId: 1,
    waitSeconds: 25,
    cursors: {
      get: async (key) => cursors.get(key) ?? null,
      set: async (key, value) => {
        log.push(`save ${value}`);
        cursors.set(key, value);
      },
    },
    handle: async (event: VkEvent) => {
      if (event.event_id === failOn) throw new Error('database is locked');
      log.push(`store ${event.event_id}`);
    },
    onPolled: () => undefined,
    logger: new Logger('test'),
  });
  return { log, run: () => poll.run(abort.signal), cursors };
}

const event = (id: string): VkEvent => ({ type: 'message_new', event_id: id });

describe('VkLongPoll', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('saves VK\'s ts at the first start, and a batch\'s ts only after every event of it is stored', async () => {
    const { log, run } = setup([{ ts: '102', updates: [event('a'), event('b')] }, { ts: '102', updates: [] }]);
    await run();
    expect(log).toEqual(['groups.getLongPollServer', 'save 100', 'poll key-1 100', 'store a', 'store b', 'save 102', 'poll key-1 102', 'poll key-1 102']);
  });

  it('resumes from the stored ts rather than VK\'s current one', async () => {
    const { log, run } = setup([{ ts: '43', updates: [event('c')] }], '42');
    await run();
    expect(log.slice(0, 4)).toEqual(['groups.getLongPollServer', 'poll key-1 42', 'store c', 'save 43']);
  });

  it('on failed: 1 goes on from the ts given; on 2 gets a new key and keeps its ts; on 3 a new key and ts', async () => {
    const { log, run, cursors } = setup([{ failed: 1, ts: 57 }, { failed: 2 }, { failed: 3 }], '42');
    await run();
    expect(log).toEqual([
      'groups.getLongPollServer', 'poll key-1 42',
      'save 57', 'poll key-1 57',
      'groups.getLongPollServer', 'poll key-2 57',
      'groups.getLongPollServer', 'save 300', 'poll key-3 300',
    ]);
    expect(cursors.get(TS_CURSOR)).toBe('300');
  });

  it('leaves the ts unsaved when storing an event fails, so the batch comes again', async () => {
    const { log, run, cursors } = setup([{ ts: '103', updates: [event('a'), event('b'), event('c')] }], '100', 'b');
    await expect(run()).rejects.toThrow('database is locked');
    expect(log).toEqual(['groups.getLongPollServer', 'poll key-1 100', 'store a']);
    expect(cursors.get(TS_CURSOR)).toBe('100');
  });
});
