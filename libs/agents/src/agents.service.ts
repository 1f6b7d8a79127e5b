import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/platform/clock/clock';
import { Agent, AgentRole } from './agent.entity';
import { ApiToken } from './api-token.entity';
import { generateToken, hashToken } from './api-token.util';
import { Principal } from './principal';

export class DuplicateAgentError extends Error {
  constructor(email: string) {
    super(`an agent with email ${email} already exists`);
    this.name = 'DuplicateAgentError';
  }
}

const ADMIN_EMAIL = 'admin@localhost';
/** A verified token is trusted this long before the database is asked again (every API call authenticates). */
const PRINCIPAL_TTL_MS = 5_000;
const PRINCIPAL_CACHE_SIZE = 10_000;

/** Agents and their API tokens. */
@Injectable()
export class AgentsService {
  private readonly logger = new Logger(AgentsService.name);
  private adminTokenHash: string | null = null;
  private adminAgentId: number | null = null;
  private readonly principals = new Map<string, { principal: Principal; until: number }>();

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

  async authenticate(token: string): Promise<Principal | null> {
    const hash = hashToken(token);
    const cached = this.principals.get(hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    const principal = await this.lookup(hash);
    if (principal) {
      if (this.principals.size >= PRINCIPAL_CACHE_SIZE) this.principals.clear();
      this.principals.set(hash, { principal, until: Date.now() + PRINCIPAL_TTL_MS });
    } else {
      this.principals.delete(hash);
    }
    return principal;
  }

  private async lookup(hash: string): Promise<Principal | null> {
    let agentId: number | null = null;
    if (this.adminTokenHash && hash === this.adminTokenHash) agentId = this.adminAgentId;
    else {
      const row = await this.db.getRepository(ApiToken).findOneBy({ tokenHash: hash });
      agentId = row?.agentId ?? null;
    }
    if (agentId === null) return null;
    const agent = await this.db.getRepository(Agent).findOneBy({ id: agentId, active: true });
    return agent ? { agentId: agent.id, name: agent.name, role: agent.role } : null;
  }

  list(): Promise<Agent[]> {
    return this.db.getRepository(Agent).find({ order: { id: 'ASC' } });
  }

  exists(id: number): Promise<boolean> {
    return this.db.getRepository(Agent).existsBy({ id, active: true });
  }
}
