import type { Choice } from '@app/platform/contracts/choices';
import type { ConversationTx } from './conversation-tx';
import { Conversation, Message } from './entities';

/** What happened to a conversation, inside the transaction that records it. */
export type ConversationChange =
  | { kind: 'inbound'; message: Message; createdConversation: boolean }
  | { kind: 'reply'; message: Message }
  /** An internal note (reminders and mentions are recorded from it). */
  | { kind: 'note'; message: Message }
  | { kind: 'status'; from: Conversation['status']; to: Conversation['status'] }
  | { kind: 'assignment'; from: number | null; to: number | null }
  /** The customer pressed a button (or typed its number) of `offeredBy`: stored, the conversation neither reopened nor waiting. */
  | { kind: 'choice'; message: Message; choice: Choice; offeredBy: Message }
  /** The bot handed the conversation to the agents: from this moment someone waits for an agent (the SLA clock starts). */
  | { kind: 'handover'; reason: string };

/**
 * Lets other libraries (the SLA policies) react inside the same transaction, without this library
 * importing them: they may update the conversation's fields and queue automatic replies.
 * The conversation is saved by the caller after every hook has run.
 */
export interface ConversationHook {
  /** The kinds of change it reacts to; it is not called for the others (ingest runs the hooks for every message). */
  readonly reactsTo: ReadonlyArray<ConversationChange['kind']>;
  /**
   * True (or a promise of true) when it queued an outbound message (so the relay is woken after commit). A hook with
   * nothing to wait for answers at once: ingest runs the hooks for every message, and an async call that awaits
   * nothing still costs a promise and its frame (the hooks' calls were a sixth of what ingest allocated).
   */
  onChange(conversation: Conversation, change: ConversationChange, tx: ConversationTx, at: Date): boolean | void | Promise<boolean | void>;
}


/** The hooks registered by other modules at start; run in registration order. */
export class ConversationHooks {
  private readonly hooks: ConversationHook[] = [];
  private readonly observers: ConversationHook[] = [];
  private readonly holders: ConversationHook[] = [];
  /** Observers, holders and hooks in running order, by the kind of change they react to; rebuilt after a registration. */
  private byKind = new Map<ConversationChange['kind'], { chain: ConversationHook[]; observers: number }>();

  register(hook: ConversationHook): void {
    this.hooks.push(hook);
    this.byKind.clear();
  }

  /**
   * A hook that decides who holds the conversation (the bot) runs before the other hooks, so the SLA clock and
   * routing see that decision for the same change (a new chat the bot takes starts no clock).
   */
  registerHolder(hook: ConversationHook): void {
    this.holders.push(hook);
    this.byKind.clear();
  }

  /**
   * An observer records what happened (the reports) and changes nothing; it runs before the hooks, so it sees the
   * conversation's deadlines as they stood when the change came (whether a reply met its target).
   */
  observe(observer: ConversationHook): void {
    this.observers.push(observer);
    this.byKind.clear();
  }

  /**
   * Runs every hook that reacts to the change: true when any of them queued an outbound message. Synchronous while
   * every hook answers at once (most changes of an ingest batch); from the first hook that answers with a promise
   * on, the rest run after it and the answer is a promise.
   */
  run(conversation: Conversation, change: ConversationChange, tx: ConversationTx, at: Date): boolean | Promise<boolean> {
    const { chain, observers } = this.reacting(change.kind);
    let queued = false;
    for (let i = 0; i < chain.length; i++) {
      const result = chain[i].onChange(conversation, change, tx, at);
      if (result instanceof Promise) return this.runAfter(chain, observers, i, result, queued, conversation, change, tx, at);
      // Observers' answers are not counted: they record, they never queue.
      if (i >= observers) queued = result === true || queued;
    }
    return queued;
  }

  /** The rest of `run` once hook `i` answered with a promise. */
  private async runAfter(
    chain: ConversationHook[], observers: number, i: number, pending: Promise<boolean | void>, queuedBefore: boolean,
    conversation: Conversation, change: ConversationChange, tx: ConversationTx, at: Date,
  ): Promise<boolean> {
    const first = await pending;
    let queued = i >= observers ? first === true || queuedBefore : queuedBefore;
    for (let j = i + 1; j < chain.length; j++) {
      const answer = chain[j].onChange(conversation, change, tx, at);
      const result = answer instanceof Promise ? await answer : answer;
      if (j >= observers) queued = result === true || queued;
    }
    return queued;
  }

  /** The observers then the holders and hooks that react to `kind`, in running order; `observers` counts the first. */
  private reacting(kind: ConversationChange['kind']): { chain: ConversationHook[]; observers: number } {
    let lists = this.byKind.get(kind);
    if (!lists) {
      const reacts = (hook: ConversationHook) => hook.reactsTo.includes(kind);
      const observers = this.observers.filter(reacts);
      lists = { chain: [...observers, ...[...this.holders, ...this.hooks].filter(reacts)], observers: observers.length };
      this.byKind.set(kind, lists);
    }
    return lists;
  }
}
