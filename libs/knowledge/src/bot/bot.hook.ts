import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  Conversation, ConversationBot, ConversationChange, ConversationHook, ConversationHooks, ConversationTx, DomainEvents, HandoverReason, Message,
} from '@app/conversations';
import { ReportingEventWriter } from '@app/insights/reporting-event-writer';
import { KbSearchService } from '../kb-search.service';
import { guessLanguage, KbLanguage } from '../search-text.util';
import { answerConfidence, asksForPerson, feedbackOf, hasQuestion, ownText } from './bot-words.util';
import { articleAnswer, transcriptNote } from './bot-message.util';
import { BotChoice, botChoices, botText, greetingText } from './bot-texts';
import { BotSettingsRegistry, ChannelBot } from './bot-settings.service';

/** Articles the bot weighs for one question. */
const CANDIDATES = 3;

/** What one inbound message led the bot to do, inside the transaction that stores the message. */
interface Turn {
  c: Conversation;
  bot: ConversationBot;
  settings: ChannelBot;
  tx: ConversationTx;
  at: Date;
  language: KbLanguage;
  /** Messages the bot wrote in this turn, published after the commit. */
  written: Message[];
}

/**
 * The bot: meets a new conversation on a channel whose bot is on, answers with the best article when it is sure,
 * asks "did this help?", closes the conversation on "yes" and hands it to the agents at once on "no", the person
 * button, a handover word, a question it cannot answer or after `maxAnswers` answers. An agent takes it over by
 * answering, by changing its status or by being assigned it. It runs inside the transaction
 * that stores the customer's message, before the SLA hook, so a conversation the bot holds starts no clock and the
 * handover starts it; the handover is published as `conversation.needs_agent` after the commit.
 */
@Injectable()
export class BotHook implements ConversationHook, OnModuleInit {
  readonly reactsTo = ['inbound', 'reply', 'status', 'assignment', 'choice'] as const;
  /** Conversations the bot is closing now: their status change is the bot's own, not an agent's. */
  private readonly closing = new WeakSet<Conversation>();

  constructor(
    private readonly hooks: ConversationHooks,
    private readonly settings: BotSettingsRegistry,
    private readonly search: KbSearchService,
    private readonly reporting: ReportingEventWriter,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.hooks.registerHolder(this);
  }

  onChange(c: Conversation, change: ConversationChange, tx: ConversationTx, at: Date): boolean | Promise<boolean> {
    if (change.kind === 'inbound') return this.onMessage(c, change.message, null, change.createdConversation, tx, at);
    if (change.kind === 'choice') {
      return (change.offeredBy.meta as { kind?: unknown } | null)?.kind === 'bot' ? this.onMessage(c, change.message, change.choice.id, false, tx, at) : false;
    }
    return this.onAgentOrStatus(c, change, tx, at);
  }

  /** An agent's reply or assignment takes the conversation over; a status change ends the bot's part or hands a comeback to a person. */
  private async onAgentOrStatus(c: Conversation, change: ConversationChange, tx: ConversationTx, at: Date): Promise<boolean> {
    const bot = c.bot as unknown as ConversationBot | null;
    if (change.kind === 'reply' && bot?.state === 'active' && change.message.authorId !== null && !change.message.automatic) {
      // An agent stepped in: the conversation is theirs now, and their answer is its first (the clock starts and stops here).
      await this.endWith(c, bot, 'handed_over', 'agent', tx, at);
      await this.hooks.run(c, { kind: 'handover', reason: 'agent' }, tx, at);
    } else if (change.kind === 'assignment' && change.to !== null && bot?.state === 'active') {
      // Taken over (a lead's "assign to me" from the "With the bot" tab): the assignee's now, the customer waits for them from here.
      await this.endWith(c, bot, 'handed_over', 'agent', tx, at);
      c.awaitingReply = true;
      c.waitingSince = at;
      await this.hooks.run(c, { kind: 'handover', reason: 'agent' }, tx, at);
    } else if (change.kind === 'status' && bot && !this.closing.has(c)) {
      if (bot.state === 'active') await this.endWith(c, bot, 'handed_over', 'agent', tx, at);
      else if (bot.state === 'resolved' && change.to === 'open') {
        // The customer came back to what the bot closed (an e-mail thread): a person looks at it now.
        await this.endWith(c, bot, 'handed_over', 'reopened', tx, at);
        await this.hooks.run(c, { kind: 'handover', reason: 'reopened' }, tx, at);
        this.publishNeedsAgent(c, 'reopened', at, tx);
      }
    }
    return false;
  }

  /** A customer's message, or a press of one of the bot's choices (`choice`): answered at once where the bot takes no part. */
  private onMessage(c: Conversation, message: Message, choice: string | null, created: boolean, tx: ConversationTx, at: Date): boolean | Promise<boolean> {
    // Never answers a machine (auto-replies, bounces, another bot): that is how bots loop.
    if (message.automatic) return false;
    const settings = this.settings.forChannel(c.channelId);
    if (!settings) return false;
    let bot = c.bot as unknown as ConversationBot | null;
    const greet = created && !bot;
    if (greet) {
      bot = { state: 'active', answers: 0, awaitingFeedbackOn: null, handoverReason: null, endedAt: null };
      this.reporting.recordAtFlush(tx, { kind: 'bot_started', factKey: `bot_started:${c.id}`, conversationId: c.id, channelId: c.channelId, agentId: null, at });
    }
    if (!bot || bot.state !== 'active') return false;
    return this.converse({ c, bot, settings, tx, at, language: settings.language, written: [] }, message, choice, greet);
  }

  private async converse(turn: Turn, message: Message, choice: string | null, greet: boolean): Promise<boolean> {
    const { c, bot, settings } = turn;
    // The bot answers this message itself; nobody waits for an agent unless it hands over.
    c.awaitingReply = false;
    if (greet) await this.say(turn, greetingText(settings.greeting, settings.buttons, turn.language), botChoices(['person'], turn.language));
    await this.respond(turn, message, choice);
    c.bot = { ...bot } as unknown as Record<string, unknown>;
    this.publishWritten(turn);
    return true;
  }

  /** The bot's move on one customer message. */
  private async respond(turn: Turn, message: Message, choice: string | null): Promise<void> {
    const { bot, settings } = turn;
    const text = ownText(message.body);
    if (choice === 'person') return this.handOver(turn, 'button');
    if (asksForPerson(text, settings.handoverWords)) return this.handOver(turn, 'word');
    if (bot.awaitingFeedbackOn !== null) {
      const feedback = choice === 'yes' || choice === 'no' ? choice : feedbackOf(text);
      if (feedback === 'yes') return this.close(turn);
      if (feedback === 'no') return this.handOver(turn, choice ? 'button' : 'word');
    }
    if (!hasQuestion(text)) return; // a hello, an emoji, a sticker: the greeting (or the last question) stands
    if (bot.answers >= settings.maxAnswers) return this.handOver(turn, 'limit');
    const question = text.slice(0, 1000);
    const language = guessLanguage(question);
    const found = await this.search.search({ query: question, language: language ?? undefined, limit: CANDIDATES, mode: 'any' });
    const best = found.items
      .map((hit) => ({ hit, confidence: answerConfidence(question, hit.article) }))
      .filter((h) => h.confidence >= settings.minScore)
      .sort((a, b) => b.confidence - a.confidence)[0];
    if (!best) {
      await turn.tx.sql.run('INSERT INTO kb_search_misses (query, language, source, "createdAt") VALUES (?, ?, ?, ?)', [question.slice(0, 200), language, 'bot', turn.at.getTime()]);
      return this.handOver(turn, 'no_match');
    }
    const article = best.hit.article;
    bot.answers += 1;
    bot.awaitingFeedbackOn = article.id;
    const url = this.settings.articleUrl(article.helpUrl);
    await this.say(turn, articleAnswer(article, url, article.language), []);
    const ask = settings.buttons ? botText('didItHelpButtons', turn.language) : botText('didItHelpWords', turn.language);
    await this.say(turn, ask, botChoices(['yes', 'no', 'person'], turn.language), { articleId: article.id });
  }

  /** Hands the conversation to the agents now: the transcript on top for whoever takes it, the SLA clock from this moment. */
  private async handOver(turn: Turn, reason: HandoverReason): Promise<void> {
    const { c, tx, at, language } = turn;
    await this.endWith(c, turn.bot, 'handed_over', reason, tx, at);
    c.awaitingReply = true;
    c.waitingSince = at;
    const lines = await tx.sql.all<{ direction: string; body: string; automatic: unknown }>(
      'SELECT direction, body, automatic FROM messages WHERE "conversationId" = ? ORDER BY id', [c.id]);
    const note = await tx.addMessage(c, {
      direction: 'note', body: transcriptNote(lines.map((l) => ({ ...l, automatic: l.automatic === true || l.automatic === 1 })), reason, language),
      authorId: null, automatic: true, meta: { kind: 'bot-transcript', reason },
    }, at);
    turn.written.push(note);
    await this.say(turn, botText(reason === 'no_match' ? 'noMatch' : 'handedOver', language), []);
    // The one call every other part hears: inside the transaction (the SLA clock starts now) and after the commit (routing).
    await this.hooks.run(c, { kind: 'handover', reason }, tx, at);
    this.publishNeedsAgent(c, reason, at, tx);
  }

  /** "Yes, it helped": the bot closes the conversation, marked as resolved by the bot. */
  private async close(turn: Turn): Promise<void> {
    const { c, tx, at } = turn;
    await this.say(turn, botText('resolved', turn.language), []);
    await this.endWith(c, turn.bot, 'resolved', null, tx, at);
    const from = c.status;
    c.status = 'resolved';
    this.closing.add(c);
    try {
      await this.hooks.run(c, { kind: 'status', from, to: 'resolved' }, tx, at);
    } finally {
      this.closing.delete(c);
    }
  }

  private async endWith(c: Conversation, bot: ConversationBot, state: 'handed_over' | 'resolved', reason: HandoverReason | null, tx: ConversationTx, at: Date): Promise<void> {
    Object.assign(bot, { state, handoverReason: reason, awaitingFeedbackOn: null, endedAt: at.getTime() });
    c.bot = { ...bot } as unknown as Record<string, unknown>;
    const base = { conversationId: c.id, channelId: c.channelId, agentId: null, at, startedAt: c.createdAt };
    if (state === 'resolved') await this.reporting.record(tx.sql, { ...base, kind: 'bot_resolved', factKey: `bot_resolved:${c.id}` });
    else await this.reporting.record(tx.sql, { ...base, kind: 'bot_handover', factKey: `bot_handover:${c.id}`, reason });
  }

  private async say(turn: Turn, body: string, choices: BotChoice[], extra: Record<string, unknown> = {}): Promise<void> {
    turn.written.push(await turn.tx.queueAutomatic(turn.c, body, { kind: 'bot', ...extra }, turn.at, choices));
  }

  private publishWritten(turn: Turn): void {
    const { c, written } = turn;
    if (written.length) turn.tx.afterCommit(() => written.forEach((message) => this.events.emit('message.created', { message, conversation: c })));
  }

  /** The one event routing listens to: this conversation needs an agent now. */
  private publishNeedsAgent(c: Conversation, reason: HandoverReason, at: Date, tx: ConversationTx): void {
    tx.afterCommit(() => this.events.emit('conversation.needs_agent', { conversation: c, reason, at: at.toISOString() }));
  }
}
