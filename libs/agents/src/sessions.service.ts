import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager, Not } from 'typeorm';
import { Clock } from '@app/platform/clock/clock';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { isUniqueViolation } from '@app/platform/database/unique-violation.util';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { Agent } from './agent.entity';
import { AgentSession } from './agent-session.entity';
import { BUILTIN_ADMIN_EMAIL } from './agents.service';
import { generateToken, hashToken } from './api-token.util';
import { hashPassword, verifyPassword } from './password.util';
import { Principal } from './principal';
import { SetupClaim } from './setup-claim.entity';
import { SignInLink } from './sign-in-link.entity';

/** What a new session gives the browser: the cookie's secret and the CSRF token its page sends on writes. */
export interface NewSession {
  secret: string;
  csrfToken: string;
  expiresAt: Date;
  agentId: number;
}

const FIRST_ACCOUNT_CLAIM = 'first-ops-account';

class FirstRunTaken extends Error {}

/**
 * Browser sign-in: e-mail and password (or a one-time link) give a server-side session the cookie names. The
 * session row is read on every request, so sign-out, expiry and deactivation hold at once on every process.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A session for the active agent with this e-mail and password, or null (the same for any wrong part). */
  async signIn(email: string, password: string): Promise<NewSession | null> {
    const agent = await this.db.getRepository(Agent).findOneBy({ email: email.trim().toLowerCase(), active: true });
    if (!(await verifyPassword(agent?.passwordHash, password)) || !agent) return null;
    return this.open(agent.id);
  }

  /** Uses a one-time sign-in link: deleted as it is used (one request wins), so it signs in once. */
  async redeemLink(secret: string): Promise<NewSession | null> {
    const tokenHash = hashToken(secret);
    const link = await this.db.getRepository(SignInLink).findOneBy({ tokenHash });
    if (!link) return null;
    const used = await this.db.getRepository(SignInLink).delete({ tokenHash });
    if (!used.affected || link.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    if (!(await this.db.getRepository(Agent).existsBy({ id: link.agentId, active: true }))) return null;
    return this.open(link.agentId);
  }

  /** The caller a session cookie stands for, and the hash of its CSRF token; null when unknown, expired or its agent inactive. */
  async authenticate(secret: string): Promise<{ principal: Principal; csrfHash: string } | null> {
    const idHash = hashToken(secret);
    const row = await this.db.getRepository(AgentSession).createQueryBuilder('s')
      .innerJoin(Agent, 'a', 'a.id = s.agentId')
      .select(['s.csrfHash AS "csrfHash"', 's.expiresAt AS "expiresAt"', 'a.id AS id', 'a.name AS name', 'a.role AS role'])
      .where('s.idHash = :idHash AND a.active = :active', { idHash, active: true })
      .getRawOne<{ csrfHash: string; expiresAt: string | number; id: number; name: string; role: Agent['role'] }>();
    if (!row || Number(row.expiresAt) <= this.clock.now().getTime()) return null;
    return {
      principal: { agentId: Number(row.id), name: row.name, role: row.role, credential: { kind: 'session', sessionKey: idHash } },
      csrfHash: row.csrfHash,
    };
  }

  /** Whether the CSRF token sent with a write is the session's. */
  csrfMatches(csrfHash: string, sent: string | undefined): boolean {
    if (typeof sent !== 'string' || !sent || sent.length > 200) return false;
    const given = Buffer.from(hashToken(sent), 'hex');
    const expected = Buffer.from(csrfHash, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Ends a session; its key (for closing the sockets it opened), or null when there was none. */
  async signOut(secret: string): Promise<string | null> {
    const idHash = hashToken(secret);
    const result = await this.db.getRepository(AgentSession).delete({ idHash });
    return result.affected ? idHash : null;
  }

  /** Ends every session of an agent (deactivation). */
  async endAgentSessions(agentId: number): Promise<void> {
    await this.db.getRepository(AgentSession).delete({ agentId });
  }

  /** Whether the installation still waits for its first account (no agent but the built-in admin one). */
  async needsFirstAccount(manager: EntityManager = this.db.manager): Promise<boolean> {
    return !(await manager.getRepository(Agent).existsBy({ email: Not(BUILTIN_ADMIN_EMAIL) }));
  }

  /**
   * Creates the first ops account and signs it in, only while there is no agent. Atomic across requests and
   * processes: the claim row's primary key lets one of several concurrent first runs win; null for the others.
   */
  async createFirstAccount(input: { name: string; email: string; password: string }): Promise<NewSession | null> {
    const passwordHash = await hashPassword(input.password);
    const now = this.clock.now();
    let agentId: number;
    try {
      agentId = await this.uow.run(async (m) => {
        if (!(await this.needsFirstAccount(m))) throw new FirstRunTaken();
        await m.getRepository(SetupClaim).insert({ key: FIRST_ACCOUNT_CLAIM, createdAt: now });
        const agent = await m.getRepository(Agent).save(m.getRepository(Agent).create({
          name: input.name.trim(), email: input.email.trim().toLowerCase(), role: 'ops', active: true, capacity: 5, passwordHash, createdAt: now,
        }));
        return agent.id;
      });
    } catch (err) {
      if (err instanceof FirstRunTaken || isUniqueViolation(err)) return null;
      throw err;
    }
    return this.open(agentId);
  }

  private async open(agentId: number): Promise<NewSession> {
    const secret = generateToken('sis_');
    const csrfToken = generateToken('csrf_');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.http.sessionTtlMs);
    const repo = this.db.getRepository(AgentSession);
    // Expired sessions are refused anyway; removing them here keeps the table small.
    await repo.createQueryBuilder().delete().where('expiresAt < :now', { now: now.getTime() }).execute();
    await repo.insert({ idHash: hashToken(secret), agentId, csrfHash: hashToken(csrfToken), createdAt: now, expiresAt });
    return { secret, csrfToken, expiresAt, agentId };
  }
}
