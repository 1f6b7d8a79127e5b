import type { ChannelKind } from '@app/channels/channel-type';
import type { BusinessHours } from '../business-hours';
import type { SlaTargets } from '../sla-clock-state';

export type Language = 'ru' | 'en';
export type Templates = Record<Language, string>;

/** A channel's response-time promise and the automatic messages that go with it. */
export interface SlaPolicy extends SlaTargets {
  /** Zone used to tell customers times ("we will answer by Tuesday 10:00"); defaults to the business hours' zone, else UTC. */
  timeZone: string;
  autoAcknowledge: {
    enabled: boolean;
    /** Which language(s) the message is written in; `both` puts Russian first, then English. */
    language: Language | 'both';
    templates: Templates;
    /** A sender gets at most one acknowledgement within this window. */
    perSenderWindow: number;
  };
  highLoadNotice: {
    enabled: boolean;
    /** Unanswered chats one agent clears within the first-response target (the domain documents: 3 to 5 at once). */
    chatsPerAgent: number;
    language: Language | 'both';
    templates: Templates;
  };
}

const ALWAYS: BusinessHours = { kind: 'always' };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** What the acknowledgement's template may use: the promised time as the customer reads it, and the request's number. */
export const ACK_VARIABLES = ['dueAt', 'conversationId'] as const;
/** What the high-load notice's template may use: the expected wait ("15 минут"). */
export const HIGH_LOAD_VARIABLES = ['wait'] as const;

export const DEFAULT_ACK_TEMPLATES: Templates = {
  ru: 'Здравствуйте! Мы получили ваше обращение № {{conversationId}} и ответим до {{dueAt}}.',
  en: 'Hello! We have received your request #{{conversationId}} and will answer by {{dueAt}}.',
};

export const DEFAULT_HIGH_LOAD_TEMPLATES: Templates = {
  ru: 'Сейчас у нас больше обращений, чем обычно: ответ займёт примерно {{wait}}. Мы обязательно ответим здесь же.',
  en: 'We are busier than usual right now: the answer will take about {{wait}}. We will reply right here.',
};

/** Defaults per kind of channel (its type declares which): chat is answered while the customer is online, mail within the working day. */
export function defaultPolicy(kind: ChannelKind): SlaPolicy {
  const isEmail = kind === 'mail';
  return {
    firstResponse: isEmail ? 12 * HOUR : 5 * MINUTE,
    nextResponse: isEmail ? 12 * HOUR : 10 * MINUTE,
    resolution: undefined,
    warnAt: 0.8,
    pauseWhilePending: true,
    businessHours: ALWAYS,
    timeZone: 'UTC',
    autoAcknowledge: { enabled: isEmail, language: 'both', templates: { ...DEFAULT_ACK_TEMPLATES }, perSenderWindow: 24 * HOUR },
    highLoadNotice: { enabled: !isEmail, chatsPerAgent: 3, language: 'both', templates: { ...DEFAULT_HIGH_LOAD_TEMPLATES } },
  };
}
