import { ConversationChange, ConversationHook, ConversationHooks } from './conversation-hooks';
import type { ConversationTx } from './conversation-tx';
import { Conversation } from './entities';

const conversation = Object.assign(new Conversation(), { id: 1, channelId: 'webchat', status: 'open' });
const tx = {} as ConversationTx;
const at = new Date('2026-11-30T12:00:00Z');
const status: ConversationChange = { kind: 'status', from: 'open', to: 'resolved' };
const handover: ConversationChange = { kind: 'handover', reason: 'button' };

describe('ConversationHooks', () => {
  let calls: string[];
  const hook = (name: string, reactsTo: ConversationHook['reactsTo'], result: (change: ConversationChange) => ReturnType<ConversationHook['onChange']> = () => undefined): ConversationHook => ({
    reactsTo,
    onChange: (_c, change) => {
      calls.push(`${name}:${change.kind}`);
      return result(change);
    },
  });
  beforeEach(() => (calls = []));

  it('runs observers, then holders, then hooks, each only for the changes it reacts to', async () => {
    const hooks = new ConversationHooks();
    hooks.register(hook('sla', ['status', 'handover']));
    hooks.observe(hook('reports', ['status']));
    hooks.registerHolder(hook('bot', ['status']));
    hooks.register(hook('notes', ['note']));

    await hooks.run(conversation, status, tx, at);
    await hooks.run(conversation, handover, tx, at);
    expect(calls).toEqual(['reports:status', 'bot:status', 'sla:status', 'sla:handover']);
  });

  it('counts a queued reply whether the hook answers at once or through a promise, and waits for the promise', async () => {
    const hooks = new ConversationHooks();
    let settled = false;
    hooks.register(hook('sync', ['status'], () => false));
    hooks.register(hook('async', ['status'], () => new Promise((done) => setTimeout(() => { settled = true; done(true); }, 5))));
    await expect(hooks.run(conversation, status, tx, at)).resolves.toBe(true);
    expect(settled).toBe(true);

    const quiet = new ConversationHooks();
    quiet.register(hook('sync', ['status'], () => false));
    quiet.register(hook('async', ['status'], async () => undefined));
    await expect(quiet.run(conversation, status, tx, at)).resolves.toBe(false);

    // Every hook answering at once: so does the run, with no promise to wait for.
    const immediate = new ConversationHooks();
    immediate.register(hook('first', ['status'], () => true));
    immediate.register(hook('second', ['status'], () => false));
    expect(immediate.run(conversation, status, tx, at)).toBe(true);
  });

  it('takes in a hook registered after it has run', async () => {
    const hooks = new ConversationHooks();
    hooks.register(hook('first', ['status']));
    await hooks.run(conversation, status, tx, at);
    hooks.register(hook('late', ['status']));
    await hooks.run(conversation, status, tx, at);
    expect(calls).toEqual(['first:status', 'first:status', 'late:status']);
  });

  it('fails the run when a hook throws: at once while every hook before it answered at once, else through the promise', async () => {
    const throwing = new ConversationHooks();
    throwing.register(hook('sync', ['status'], () => { throw new Error('refused at once'); }));
    expect(() => throwing.run(conversation, status, tx, at)).toThrow('refused at once');
    const rejecting = new ConversationHooks();
    rejecting.register(hook('async', ['status'], () => Promise.reject(new Error('refused later'))));
    await expect(rejecting.run(conversation, status, tx, at)).rejects.toThrow('refused later');
    const throwingAfterAPromise = new ConversationHooks();
    throwingAfterAPromise.register(hook('async', ['status'], () => Promise.resolve(true)));
    throwingAfterAPromise.register(hook('sync', ['status'], () => { throw new Error('refused after a promise'); }));
    await expect(throwingAfterAPromise.run(conversation, status, tx, at)).rejects.toThrow('refused after a promise');
  });
});
