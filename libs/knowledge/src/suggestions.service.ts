import { Injectable } from '@nestjs/common';
import { ConversationQueries } from '@app/conversations';
import { SearchHitView } from './kb-views';
import { KbSearchService } from './kb-search.service';
import { guessLanguage } from './search-text.util';

/** How many of the customer's latest messages make the question, and how much of their text. */
const RECENT_MESSAGES = 3;
const MAX_QUERY_CHARS = 1000;

export interface Suggestions {
  /** The customer's language as read from their messages, when it could be told. */
  language: string | null;
  items: SearchHitView[];
}

/** Articles for the agent answering a conversation: the best matches for what the customer wrote last. */
@Injectable()
export class SuggestionsService {
  constructor(private readonly conversations: ConversationQueries, private readonly search: KbSearchService) {}

  async forConversation(conversationId: number, limit: number): Promise<Suggestions> {
    const messages = await this.conversations.messages(conversationId);
    const lastReply = messages.map((m) => m.direction).lastIndexOf('out');
    // What the customer asked since the last answer; if nothing is new, what they asked before it.
    const inbound = messages.filter((m) => m.direction === 'in' && !m.automatic && m.body.trim());
    const unanswered = inbound.filter((m) => messages.indexOf(m) > lastReply);
    const recent = (unanswered.length ? unanswered : inbound).slice(-RECENT_MESSAGES).map((m) => m.body);
    if (!recent.length) return { language: null, items: [] };
    const question = recent.join('\n').slice(-MAX_QUERY_CHARS);
    const language = guessLanguage(question);
    // The newest message is the question the customer is on now: its articles first, then those for the earlier ones.
    const queries = recent.length > 1 ? [recent[recent.length - 1].slice(-MAX_QUERY_CHARS), question] : [question];
    const items: SearchHitView[] = [];
    for (const query of queries) {
      const found = await this.search.search({ query, language: language ?? undefined, limit, mode: 'any' });
      items.push(...found.items.filter((hit) => !items.some((seen) => seen.article.id === hit.article.id)));
    }
    return { language, items: items.slice(0, limit) };
  }
}
