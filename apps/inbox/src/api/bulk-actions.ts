import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgentsService, Principal } from '@app/agents';
import { Conversation, ConversationActions, InvalidRequestError } from '@app/conversations';
import { BulkAssignInput, BulkStatusInput } from './dto/bulk.dto';

export type BulkOutcome = 'changed' | 'unchanged';

/**
 * One action of `POST /api/conversations/bulk`. `input` is the class its fields (beside `ids` and `action`)
 * are validated with; `prepare` checks them once for the whole request; `apply` changes one conversation, given
 * as it was read just before, or throws a domain error whose message becomes that conversation's refusal.
 */
export interface BulkAction<I extends object = object> {
  input: new () => I;
  prepare?(input: I, me: Principal): Promise<void>;
  apply(c: Conversation, input: I, me: Principal): Promise<BulkOutcome>;
}

const action = <I extends object>(a: BulkAction<I>) => a as unknown as BulkAction;

/**
 * The actions bulk requests may name. Labels and teams join with one entry each, e.g.
 * `label: action({ input: BulkLabelInput, apply: (c, i) => this.labels.apply(c.id, i) })`.
 */
@Injectable()
export class BulkActions {
  readonly byName: Record<string, BulkAction>;

  constructor(private readonly actions: ConversationActions, private readonly agents: AgentsService, private readonly db: DataSource) {
    this.byName = {
      assign: action<BulkAssignInput>({
        input: BulkAssignInput,
        prepare: async (i) => {
          if (i.agentId !== null && !(await this.agents.exists(i.agentId))) throw new InvalidRequestError('agentId', `no active agent with id ${i.agentId}`);
        },
        apply: async (c, i) => {
          if (c.assigneeId === i.agentId) return 'unchanged';
          await this.actions.assign(c.id, i.agentId);
          return 'changed';
        },
      }),
      status: action<BulkStatusInput>({
        input: BulkStatusInput,
        apply: async (c, i) => {
          const until = i.until ? new Date(i.until) : undefined;
          if (c.status === i.status && c.snoozedUntil?.getTime() === until?.getTime()) return 'unchanged';
          await this.actions.setStatus(c.id, i.status, until);
          return 'changed';
        },
      }),
    };
  }

  /** The conversations as they are now, by id (missing ids absent). */
  async current(ids: number[]): Promise<Map<number, Conversation>> {
    const rows = await this.db.getRepository(Conversation).createQueryBuilder('c').where('c.id IN (:...ids)', { ids }).getMany();
    return new Map(rows.map((c) => [c.id, c]));
  }
}
