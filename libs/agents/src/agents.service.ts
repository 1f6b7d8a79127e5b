import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/platform/clock/clock';
import { Agent, AgentRole } from './agent.entity';
import { ApiToken } from './api-token.entity';
import { generateToken, hashToken } from './api-token.util';
import { hashPassword } from './password.util';
import { SignInLink } from './sign-in-link.entity';
import { Principal } from './principal';

export class DuplicateAgentError extends Error {
  constructor(email: string) {
    super(`an agent with email ${email} already exists`);
    this.name = 'DuplicateAgentError';
  }
}

/** The e-mail of the built-in agent INBOX_ADMIN_TOKEN acts as: not a person, never offered as an assignee. */
export const BUILTIN_ADMIN_EMAIL = 'admin@localhost';
const ADMIN_EMAIL = BUILTIN_ADMIN_EMAIL;
/** How long a one-time sign-in link works. */
export const SIGN_IN_LINK_TTL_MS = 7 * 24 * 3600_000;

export interface AgentChanges {
  active?: boolean;
  role?: AgentRole;
  capacity?: number;
}

export interface TokenView {
  id: number;
  agentId: number;
  agentName: string;
  agentEmail: string;
  label: string;
  createdAt: Date;
}

/** Agents and their API tokens. */
@Injectable()
export class AgentsService {
  private readonly logger = new Logger(AgentsService.name);
  private adminTokenHash: string | null = null;
  private adminAgentId: number | null = null;

  constructor(private readonly db: DataSource, private readonly clock: Clock) {}

  async createAgent(input: { name: string; email: string; role: AgentRole }): Promise<Agent> {
    const repo = this.db.getRepository(Agent);
    const email = input.email.trim().toLowerCase();
    if (await repo.existsBy({ email })) throw new DuplicateAgentError(email);
    return repo.save(repo.create({ name: input.name, email, role: input.role, active: true, capacity: 5, createdAt: this.clock.now() }));
  }

  /** Replaces the agent's extra permissions (e.g. `kb`); false when there is no such agent. */
  async setPermissions(agentId: number, permissions: string[]): Promise<boolean> {
    const result = await this.db.getRepository(Agent).update({ id: agentId }, { permissions: [...new Set(permissions)].sort() });
    return !!result.affected;
  }

  /** Issues a token; the plain value is returned once and only its hash is stored. */
  async issueToken(agentId: number, label = 'api'): Promise<string> {
    const token = generateToken();
    await this.db.getRepository(ApiToken).insert({ agentId, tokenHash: hashToken(token), label, createdAt: this.clock.now() });
    return token;
  }

  /** `INBOX_ADMIN_TOKEN` acts as an ops token of a built-in admin agent, so a fresh install can be driven at once. */
  async enableAdminToken(token: string): Promise<void> {
    const repo = this.db.getRepository(Agent);
    // Created once, also when several processes start at once on an empty database (the email is unique). Only
    // when missing: an ignored insert on SQLite returns no id, which TypeORM refuses.
    if (!(await repo.findOneBy({ email: ADMIN_EMAIL }))) {
      await repo.createQueryBuilder().insert().values({ name: 'Administrator', email: ADMIN_EMAIL, role: 'ops', active: true, capacity: 5, createdAt: this.clock.now() })
        .orIgnore().updateEntity(false).execute();
    }
    const admin = await repo.findOneByOrFail({ email: ADMIN_EMAIL });
    this.adminAgentId = admin.id;
    this.adminTokenHash = hashToken(token);
    this.logger.log('INBOX_ADMIN_TOKEN accepted as an ops token');
  }

  /**
   * The agent a token belongs to, read from the database on every call: no cache, so a revoked token or a
   * deactivated agent is refused at once on every process.
   */
  async authenticate(token: string): Promise<Principal | null> {
    const hash = hashToken(token);
    if (this.adminTokenHash && hash === this.adminTokenHash) {
      const admin = this.adminAgentId === null ? null : await this.activePrincipal(this.adminAgentId);
      return admin && { ...admin, credential: { kind: 'token', tokenId: null } };
    }
    // One indexed query per request: the token and its agent, if active.
    const row = await this.db.getRepository(ApiToken).createQueryBuilder('t')
      .innerJoin(Agent, 'a', 'a.id = t.agentId')
      .select(['t.id AS "tokenId"', 'a.id AS "agentId"', 'a.name AS name', 'a.role AS role'])
      .where('t.tokenHash = :hash AND a.active = :active', { hash, active: true })
      .getRawOne<{ tokenId: number; agentId: number; name: string; role: AgentRole }>();
    if (!row) return null;
    return { agentId: Number(row.agentId), name: row.name, role: row.role, credential: { kind: 'token', tokenId: Number(row.tokenId) } };
  }

  /** The agent as a caller, or null when there is no such active agent. */
  async activePrincipal(agentId: number): Promise<Principal | null> {
    const agent = await this.db.getRepository(Agent).findOneBy({ id: agentId, active: true });
    return agent ? { agentId: agent.id, name: agent.name, role: agent.role } : null;
  }

  /** Changes an agent's state, role or capacity; null when there is no such agent. */
  async updateAgent(agentId: number, changes: AgentChanges): Promise<Agent | null> {
    const repo = this.db.getRepository(Agent);
    const patch = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as AgentChanges;
    if (Object.keys(patch).length) await repo.update({ id: agentId }, patch);
    return repo.findOneBy({ id: agentId });
  }

  findAgent(agentId: number): Promise<Agent | null> {
    return this.db.getRepository(Agent).findOneBy({ id: agentId });
  }

  /** Whether the agent is the built-in one INBOX_ADMIN_TOKEN acts as. */
  isBuiltIn(agent: Pick<Agent, 'email'>): boolean {
    return agent.email === ADMIN_EMAIL;
  }

  /** Sets (or replaces) an agent's password. */
  async setPassword(agentId: number, password: string): Promise<void> {
    await this.db.getRepository(Agent).update({ id: agentId }, { passwordHash: await hashPassword(password) });
  }

  /** A one-time sign-in link's secret (shown once; only its hash is stored), valid for SIGN_IN_LINK_TTL_MS. */
  async createSignInLink(agentId: number): Promise<{ secret: string; expiresAt: Date }> {
    const secret = generateToken('sil_');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_TTL_MS);
    await this.db.getRepository(SignInLink).insert({ tokenHash: hashToken(secret), agentId, createdAt: now, expiresAt });
    return { secret, expiresAt };
  }

  /** Every API token (never its value), newest first, with whose it is. */
  async listTokens(): Promise<TokenView[]> {
    const rows = await this.db.getRepository(ApiToken).createQueryBuilder('t')
      .innerJoin(Agent, 'a', 'a.id = t.agentId')
      .select(['t.id AS id', 't.agentId AS "agentId"', 'a.name AS "agentName"', 'a.email AS "agentEmail"', 't.label AS label', 't.createdAt AS "createdAt"'])
      .orderBy('t.id', 'DESC')
      .getRawMany<{ id: number; agentId: number; agentName: string; agentEmail: string; label: string; createdAt: string | number }>();
    return rows.map((r) => ({ ...r, id: Number(r.id), agentId: Number(r.agentId), createdAt: new Date(Number(r.createdAt)) }));
  }

  /** Deletes a token; it is refused from the next request on. Null when there is no such token. */
  async revokeToken(tokenId: number): Promise<{ agentId: number } | null> {
    const repo = this.db.getRepository(ApiToken);
    const row = await repo.findOneBy({ id: tokenId });
    if (!row) return null;
    const result = await repo.delete({ id: tokenId });
    return result.affected ? { agentId: row.agentId } : null;
  }

  list(): Promise<Agent[]> {
    return this.db.getRepository(Agent).find({ order: { id: 'ASC' } });
  }

  exists(id: number): Promise<boolean> {
    return this.db.getRepository(Agent).existsBy({ id, active: true });
  }
}
