import { Body, ConflictException, Controller, Delete, ForbiddenException, Get, HttpCode, Inject, Post, Put, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AgentsService, CredentialRevocations, NewSession, Principal, Public, SessionsService, verifyPassword } from '@app/agents';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { CurrentAgent } from './current-agent.decorator';
import { ChangePasswordDto, FirstAccountDto, SignInDto, SignInLinkDto } from './dto/session.dto';
import { FailedAuthLimiter, PublicThrottlerGuard, requestAddressKey } from './rate-limits';
import { CSRF_COOKIE, isSameOrigin, readCookie, SESSION_COOKIE } from './session-cookie.util';

/**
 * Browser sign-in: the first-run account, e-mail and password, one-time links, sign-out. A session is an
 * HttpOnly SameSite=Lax cookie valid in every tab until sign-out or expiry; its CSRF token is a second cookie
 * the page reads and sends back as X-CSRF-Token on writes.
 */
@ApiTags('session')
@Controller('api')
export class SessionController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly agents: AgentsService,
    private readonly failedAuth: FailedAuthLimiter,
    private readonly revocations: CredentialRevocations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('session')
  @Public()
  @UseGuards(PublicThrottlerGuard)
  @ApiOperation({ summary: 'Whether the installation waits for its first account, and who this browser is signed in as' })
  async current(@Req() req: Request) {
    const secret = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = secret ? await this.sessions.authenticate(secret) : null;
    const agent = session ? await this.agents.findAgent(session.principal.agentId) : null;
    return {
      firstRun: await this.sessions.needsFirstAccount(),
      agent: session && agent ? { ...withoutCredential(session.principal), hasPassword: !!agent.passwordHash } : null,
    };
  }

  @Post('session')
  @Public()
  @UseGuards(PublicThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password; sets the session cookie' })
  async signIn(@Body() dto: SignInDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    assertOwnPage(req, this.config.publicUrl);
    const address = requestAddressKey(req);
    await this.failedAuth.assertAllowed(address);
    const session = await this.sessions.signIn(dto.email, dto.password);
    if (!session) {
      await this.failedAuth.recordFailure(address);
      throw new UnauthorizedException('wrong e-mail or password');
    }
    return this.started(session, req, res);
  }

  @Post('session/link')
  @Public()
  @UseGuards(PublicThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with a one-time sign-in link (works once); sets the session cookie' })
  async signInWithLink(@Body() dto: SignInLinkDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    assertOwnPage(req, this.config.publicUrl);
    const address = requestAddressKey(req);
    await this.failedAuth.assertAllowed(address);
    const session = await this.sessions.redeemLink(dto.token);
    if (!session) {
      await this.failedAuth.recordFailure(address);
      throw new UnauthorizedException('this sign-in link is not valid (used, expired or unknown); ask for a new one');
    }
    return this.started(session, req, res);
  }

  @Post('setup/first-account')
  @Public()
  @UseGuards(PublicThrottlerGuard)
  @ApiOperation({ summary: 'First run: create the first ops account and sign it in; only while there is no agent' })
  async firstAccount(@Body() dto: FirstAccountDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    assertOwnPage(req, this.config.publicUrl);
    const session = await this.sessions.createFirstAccount(dto);
    if (!session) throw new ConflictException('the first account exists already; sign in');
    return this.started(session, req, res);
  }

  @Delete('session')
  @HttpCode(204)
  @ApiOperation({ summary: "Sign out: ends this browser's session and closes its realtime connections" })
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const secret = readCookie(req.headers.cookie, SESSION_COOKIE);
    const sessionKey = secret ? await this.sessions.signOut(secret) : null;
    if (sessionKey) this.revocations.revoked({ sessionKey });
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  @Put('me/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set your password (the present one is needed when you have one)' })
  async changePassword(@CurrentAgent() me: Principal, @Body() dto: ChangePasswordDto, @Req() req: Request): Promise<void> {
    const agent = await this.agents.findAgent(me.agentId);
    if (!agent) throw new UnauthorizedException('no such agent');
    if (agent.passwordHash) {
      const address = requestAddressKey(req);
      await this.failedAuth.assertAllowed(address);
      if (!(await verifyPassword(agent.passwordHash, dto.currentPassword ?? ''))) {
        await this.failedAuth.recordFailure(address);
        throw new ForbiddenException('currentPassword is wrong');
      }
    }
    await this.agents.setPassword(me.agentId, dto.password);
  }

  private async started(session: NewSession, req: Request, res: Response) {
    const common = { path: '/', sameSite: 'lax' as const, secure: req.secure, expires: session.expiresAt };
    res.cookie(SESSION_COOKIE, session.secret, { ...common, httpOnly: true });
    res.cookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
    const principal = await this.agents.activePrincipal(session.agentId);
    return { ...principal, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }
}

/** Sign-in forms are posted by the inbox's own page only (a form on another site cannot sign a browser in). */
function assertOwnPage(req: Request, publicUrl: string | undefined): void {
  if (!isSameOrigin(req.headers.origin, req.headers.host, publicUrl)) throw new ForbiddenException('sign in from the inbox page itself');
}

/** The caller as the API shows it (how it signed in stays inside). */
export function withoutCredential(principal: Principal): Omit<Principal, 'credential'> {
  const { credential: _credential, ...shown } = principal;
  return shown;
}
