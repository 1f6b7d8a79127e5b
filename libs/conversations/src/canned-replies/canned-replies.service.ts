import { Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { Clock } from '@app/platform/clock/clock';
import { TemplateError, templateService } from '@app/platform/templates';
import { InvalidRequestError, NotFoundError } from '../errors';
import type { CannedReplyScope, CannedReplyView } from '../api-types';
import { CannedReply } from './canned-reply.entity';
import { likePattern, matchRank, queryWords, searchTextOf } from './canned-search.util';

/** The variables a canned reply may use: `{{ contact.name }}`, `{{ agent.name }}`, `{{ conversation.id }}`, … */
export const CANNED_REPLY_VARIABLES = ['contact', 'agent', 'conversation', 'channel'] as const;

export interface CannedReplyInput {
  shortCode: string;
  title: string;
  body: string;
  scope: CannedReplyScope;
  teamId?: number | null;
}

/** Who asks: replies are visible, and writable, by scope and owner. */
export interface CannedReplyReader {
  agentId: number;
  role: string;
}


const toView = (r: CannedReply): CannedReplyView => ({
  id: r.id, shortCode: r.shortCode, title: r.title, body: r.body, scope: r.scope, teamId: r.teamId, ownerId: r.ownerId, updatedAt: r.updatedAt.toISOString(),
});

/**
 * Canned replies: everyone's and team replies are written by ops, personal ones by their owner. An agent sees
 * everyone's, the team replies of the teams it belongs to (ops: every team's) and its own personal ones.
 */
/** The teams the reader belongs to (routing's team_members table). */
const MY_TEAMS = 'SELECT tm."teamId" FROM team_members tm WHERE tm."agentId" = :me';

@Injectable()
export class CannedRepliesService {
  constructor(private readonly db: DataSource, private readonly clock: Clock) {}

  /** Visible replies, best matches first when there is a query (short code, title and body, any case, ru/en). */
  async list(reader: CannedReplyReader, query: string | undefined, limit: number): Promise<CannedReplyView[]> {
    const words = queryWords(query ?? '');
    const qb = this.db.getRepository(CannedReply).createQueryBuilder('r')
      .where(new Brackets((b) => b.where('r.scope = :everyone', { everyone: 'everyone' })
        .orWhere(`(r.scope = :team AND (:ops = 1 OR r.teamId IN (${MY_TEAMS})))`, { team: 'team', ops: reader.role === 'ops' ? 1 : 0, me: reader.agentId })
        .orWhere('(r.scope = :personal AND r.ownerId = :me)', { personal: 'personal', me: reader.agentId })));
    words.forEach((word, i) => qb.andWhere(`r.searchText LIKE :w${i} ESCAPE '\\'`, { [`w${i}`]: likePattern(word) }));
    const rows = await qb.orderBy('r.shortCode', 'ASC').addOrderBy('r.id', 'ASC').take(words.length ? 500 : limit).getMany();
    if (words.length) rows.sort((a, b) => matchRank(a, words) - matchRank(b, words));
    return rows.slice(0, limit).map(toView);
  }

  async get(id: number, reader: CannedReplyReader): Promise<CannedReplyView> {
    return toView(await this.visible(id, reader));
  }

  async create(input: CannedReplyInput, author: CannedReplyReader): Promise<CannedReplyView> {
    this.assertTemplate(input.body);
    const now = this.clock.now();
    const reply = this.db.getRepository(CannedReply).create({
      ...cleaned(input), ownerId: input.scope === 'personal' ? author.agentId : null, createdById: author.agentId, createdAt: now, updatedAt: now,
    });
    reply.searchText = searchTextOf(reply);
    return toView(await this.db.getRepository(CannedReply).save(reply));
  }

  /** `assertCanWrite` runs on the stored reply and on what it would become, so nobody moves a reply out of their reach. */
  async update(id: number, changes: Partial<CannedReplyInput>, editor: CannedReplyReader, assertCanWrite: (scope: CannedReplyScope, ownerId: number | null) => void): Promise<CannedReplyView> {
    const reply = await this.visible(id, editor);
    assertCanWrite(reply.scope, reply.ownerId);
    if (changes.body !== undefined) this.assertTemplate(changes.body);
    const next = cleaned({ ...reply, ...changes } as CannedReplyInput);
    const ownerId = next.scope === 'personal' ? reply.ownerId ?? editor.agentId : null;
    assertCanWrite(next.scope, ownerId);
    Object.assign(reply, next, { ownerId, updatedAt: this.clock.now() });
    reply.searchText = searchTextOf(reply);
    return toView(await this.db.getRepository(CannedReply).save(reply));
  }

  async remove(id: number, editor: CannedReplyReader, assertCanWrite: (scope: CannedReplyScope, ownerId: number | null) => void): Promise<void> {
    const reply = await this.visible(id, editor);
    assertCanWrite(reply.scope, reply.ownerId);
    await this.db.getRepository(CannedReply).delete({ id });
  }

  /** Refuses a body that does not parse or uses another variable: 400 naming `body` and the line. */
  assertTemplate(body: string): void {
    try {
      templateService.check(body, CANNED_REPLY_VARIABLES);
    } catch (err) {
      if (err instanceof TemplateError) throw new InvalidRequestError('body', err.message);
      throw err;
    }
  }

  /** Another agent's personal reply is as absent as one that does not exist. */
  private async visible(id: number, reader: CannedReplyReader): Promise<CannedReply> {
    const reply = await this.db.getRepository(CannedReply).findOneBy({ id });
    if (!reply || (reply.scope === 'personal' && reply.ownerId !== reader.agentId)) throw new NotFoundError('canned reply', id);
    if (reply.scope === 'team' && reader.role !== 'ops') {
      const member = await this.db.createQueryBuilder().select('1', 'one').from('team_members', 'tm')
        .where('tm."teamId" = :team AND tm."agentId" = :me', { team: reply.teamId, me: reader.agentId }).getRawOne();
      if (!member) throw new NotFoundError('canned reply', id);
    }
    return reply;
  }
}

function cleaned(input: CannedReplyInput): Pick<CannedReply, 'shortCode' | 'title' | 'body' | 'scope' | 'teamId'> {
  return {
    shortCode: input.shortCode.trim().replace(/^\//, ''),
    title: input.title.trim(),
    body: input.body,
    scope: input.scope,
    teamId: input.scope === 'team' ? input.teamId ?? null : null,
  };
}
