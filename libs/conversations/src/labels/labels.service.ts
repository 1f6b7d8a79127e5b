import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Clock } from '@app/platform/clock/clock';
import { isUniqueViolation } from '@app/platform/database/unique-violation.util';
import type { LabelView } from '../api-types';
import { DomainEvents } from '../domain-events';
import { Conversation } from '../entities';
import { ConflictError, NotFoundError } from '../errors';
import { ConversationLabel, Label } from './label.entity';

export interface LabelInput {
  name: string;
  color: string;
}

const toView = (l: Label): LabelView => ({ id: l.id, name: l.name, color: l.color });

/** Labels: ops define them, agents put them on conversations and take them off; the list filters by them. */
@Injectable()
export class LabelsService {
  constructor(private readonly db: DataSource, private readonly clock: Clock, private readonly events: DomainEvents) {}

  async list(): Promise<LabelView[]> {
    const labels = await this.db.getRepository(Label).find({ order: { name: 'ASC', id: 'ASC' } });
    return labels.map(toView);
  }

  async create(input: LabelInput): Promise<LabelView> {
    const name = input.name.trim();
    return this.saving(name, () => this.db.getRepository(Label).save({ name, nameKey: name.toLowerCase(), color: input.color.toLowerCase(), createdAt: this.clock.now() }));
  }

  async update(id: number, input: Partial<LabelInput>): Promise<LabelView> {
    const repo = this.db.getRepository(Label);
    const label = await repo.findOneBy({ id });
    if (!label) throw new NotFoundError('label', id);
    if (input.name !== undefined) Object.assign(label, { name: input.name.trim(), nameKey: input.name.trim().toLowerCase() });
    if (input.color !== undefined) label.color = input.color.toLowerCase();
    return this.saving(label.name, () => repo.save(label));
  }

  /** The label goes, and with it from every conversation (the foreign key cascades). */
  async remove(id: number): Promise<void> {
    const affected = (await this.db.getRepository(Label).delete({ id })).affected;
    if (!affected) throw new NotFoundError('label', id);
  }

  /** A label by id, or by name in any case (`?label=VIP`); null when there is none. */
  async find(idOrName: string): Promise<LabelView | null> {
    const repo = this.db.getRepository(Label);
    const label = /^\d+$/.test(idOrName) ? await repo.findOneBy({ id: Number(idOrName) }) : await repo.findOneBy({ nameKey: idOrName.trim().toLowerCase() });
    return label ? toView(label) : null;
  }

  /** Puts the label on the conversation (again is fine); resolves the conversation's labels. */
  async add(conversationId: number, labelId: number, agentId: number): Promise<LabelView[]> {
    const conversation = await this.conversation(conversationId);
    if (!(await this.db.getRepository(Label).existsBy({ id: labelId }))) throw new NotFoundError('label', labelId);
    await this.db.createQueryBuilder().insert().into(ConversationLabel)
      .values({ conversationId, labelId, addedById: agentId, addedAt: this.clock.now() })
      .orIgnore().execute();
    this.events.emit('conversation.updated', { conversation, reason: 'labels' });
    return this.of([conversationId]).then((m) => m.get(conversationId) ?? []);
  }

  async removeFrom(conversationId: number, labelId: number): Promise<LabelView[]> {
    const conversation = await this.conversation(conversationId);
    await this.db.getRepository(ConversationLabel).delete({ conversationId, labelId });
    this.events.emit('conversation.updated', { conversation, reason: 'labels' });
    return this.of([conversationId]).then((m) => m.get(conversationId) ?? []);
  }

  /** The labels of each conversation, by name, for the list rows. */
  async of(conversationIds: number[]): Promise<Map<number, LabelView[]>> {
    const byConversation = new Map<number, LabelView[]>();
    if (!conversationIds.length) return byConversation;
    const rows = await this.db.getRepository(ConversationLabel).findBy({ conversationId: In(conversationIds) });
    if (!rows.length) return byConversation;
    const labels = new Map((await this.db.getRepository(Label).findBy({ id: In([...new Set(rows.map((r) => r.labelId))]) })).map((l) => [l.id, toView(l)]));
    for (const row of rows) {
      const label = labels.get(row.labelId);
      if (!label) continue;
      const list = byConversation.get(row.conversationId) ?? [];
      list.push(label);
      byConversation.set(row.conversationId, list);
    }
    for (const list of byConversation.values()) list.sort((a, b) => a.name.localeCompare(b.name));
    return byConversation;
  }

  private async conversation(id: number): Promise<Conversation> {
    const conversation = await this.db.getRepository(Conversation).findOneBy({ id });
    if (!conversation) throw new NotFoundError('conversation', id);
    return conversation;
  }

  private async saving(name: string, save: () => Promise<Label>): Promise<LabelView> {
    try {
      return toView(await save());
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`a label named "${name}" already exists`);
      throw err;
    }
  }
}
