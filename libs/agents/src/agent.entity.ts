import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimeColumn, timeColumn } from '@app/platform/database/epoch-ms.transformer';

export const AGENT_ROLES = ['agent', 'ops'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];
export const AGENT_AVAILABILITIES = ['online', 'busy', 'offline'] as const;
export type AgentAvailability = (typeof AGENT_AVAILABILITIES)[number];

@Entity('agents')
export class Agent {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 320 }) email: string;
  @Column({ type: 'varchar', length: 16 }) role: AgentRole;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** How many conversations the agent holds at once (the domain documents say 3 to 5 chats). */
  @Column({ type: 'integer', default: 5 }) capacity: number;
  /** Extra rights beyond the role, e.g. `kb` (writes knowledge base articles). */
  @Column({ type: 'simple-array', default: '' }) permissions: string[];
  /** argon2id hash; null until the agent sets a password (a new agent may have only a sign-in link or API tokens). */
  @Column({ type: 'varchar', length: 200, nullable: true }) passwordHash: string | null;
  @Column(timeColumn) createdAt: Date;
  /** online (takes new conversations), busy (keeps what it holds, takes nothing new) or offline. */
  @Column({ type: 'varchar', length: 8, default: 'offline' }) availability: AgentAvailability;
  /** While away (offline, or disconnected without saying so): when the grace period ends and its unanswered conversations return to the queue. */
  @Column(nullableTimeColumn) awayDueAt: Date | null;
  /** The capacity set by ops for routing; null: the installation's `routing.defaultCapacity`. */
  @Column({ type: 'integer', nullable: true }) routingCapacity: number | null;
  /** When routing last gave the agent a conversation: the tie-break between agents with the same room. */
  @Column(nullableTimeColumn) lastAssignedAt: Date | null;
}
