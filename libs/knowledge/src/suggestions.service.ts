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
    const question = (unanswered.length ? unanswered : inbound).slice(-RECENT_MESSAGES).map((m) => m.body).join('\n').slice(-MAX_QUERY_CHARS);
    if (!question) return { language: null, items: [] };
    const language = guessLanguage(question);
    const found = await this.search.search({ query: question, language: language ?? undefined, limit, mode: 'any' });
    return { language, items: found.items };
  }
}
