import { Logger } from '@nestjs/common';
import { ImapFlow } from 'imapflow';
import type { ChannelContext, ChannelState } from '../channel-adapter';
import type { ImapSettings } from './email.config';
import { cursorKey, formatCursor, MailboxCursor, parseCursor, planSync } from './mailbox-cursor.util';
import { backoffMs } from '../shared/backoff.util';
import { withTimeout } from '../shared/timeout.util';

export interface MailboxListener {
  /** Stores one message; resolves once it is committed. A throw stops the sync, which resumes after a reconnect. */
  onMessage(uid: number, source: Buffer): Promise<void>;
  onState(state: ChannelState, reason?: string): void;
  cursors: ChannelContext['cursors'];
}

/** Servers may drop an IDLE after 30 minutes (RFC 9051): restart it before. */
const IDLE_RESTART_MS = 28 * 60_000;
/** imapflow IDLEs only after this much quiet (15 s by default): new mail should arrive within seconds. */
const AUTO_IDLE_DELAY_MS = 300;
const FETCH_BATCH = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Reads one IMAP mailbox: IDLE for new mail (polling servers without IDLE), reconnects with backoff after any
 * drop (imapflow does not reconnect by itself), resumes after the last stored UID, and resyncs everything when
 * UIDVALIDITY changes (the inbox dedupes by Message-ID). The cursor moves only after messages are stored.
 */
export class ImapInbox {
  private client: ImapFlow | null = null;
  /** A connection still logging in: stop() ends it too. */
  private pending: ImapFlow | null = null;
  private stopped = false;
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;

  constructor(
    private readonly settings: ImapSettings,
    private readonly listener: MailboxListener,
    private readonly logger: Logger,
  ) {}

  /** Connects once (the first sync of a new mailbox included); later failures are retried in the background. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopPolling();
    this.pending?.close();
    const client = this.client;
    this.client = null;
    if (client) {
      await withTimeout(client.logout(), 3000).catch(() => undefined);
      client.close();
    }
    await withTimeout(this.syncing ?? Promise.resolve(), 5000).catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.reconnectTimer = null;
    if (this.stopped) return;
    const { host, port, secure, user, password, mailbox } = this.settings;
    const client = new ImapFlow({
      host, port, secure,
      auth: { user, pass: password },
      logger: false,
      autoIdleDelay: AUTO_IDLE_DELAY_MS,
      maxIdleTime: IDLE_RESTART_MS,
      missingIdleCommand: 'NOOP',
      connectionTimeout: 30_000,
      clientInfo: { name: 'support-inbox' },
    });
    // Every long-lived client gets an error listener: an unhandled 'error' would end the process.
    client.on('error', (err: Error) => this.logger.warn(`IMAP ${host}:${port}: ${err.message}`));
    client.on('close', () => this.onClose(client));
    client.on('exists', () => void this.requestSync(client));
    let hasCursor: boolean;
    this.pending = client;
    try {
      await client.connect();
      await client.mailboxOpen(mailbox);
      hasCursor = (await this.listener.cursors.get(cursorKey(mailbox))) !== null;
    } catch (err) {
      client.close();
      if (this.stopped) return;
      const reason = describe(err);
      this.logger.warn(`IMAP ${host}:${port} (${mailbox}): ${reason}`);
      this.listener.onState('error', reason);
      this.scheduleReconnect();
      return;
    } finally {
      this.pending = null;
    }
    if (this.stopped) {
      client.close();
      return;
    }
    this.client = client;
    this.listener.onState('ready');
    if (!client.capabilities.has('IDLE')) {
      this.logger.log(`IMAP ${host}:${port} has no IDLE: polling ${mailbox} every ${this.settings.pollSeconds} s`);
      this.pollTimer = setInterval(() => void this.requestSync(client), this.settings.pollSeconds * 1000);
    }
    const synced = this.requestSync(client);
    if (!hasCursor) await synced; // a new mailbox marks its current end before start() returns
  }

  private onClose(client: ImapFlow): void {
    if (client !== this.client) return; // a failed attempt (already handled) or an old connection
    this.client = null;
    this.stopPolling();
    if (this.stopped) return;
    this.logger.warn(`IMAP ${this.settings.host}:${this.settings.port}: connection closed${client.byeReason ? ` (${client.byeReason})` : ''}; reconnecting`);
    this.listener.onState('connecting', 'connection to the IMAP server lost; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.failures += 1;
    this.reconnectTimer = setTimeout(() => void this.connect(), backoffMs(this.failures, 1000, 60_000, 0.2));
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  /** Runs a sync now, or once more after the current one; resolves when the mailbox is read (never rejects). */
  private requestSync(client: ImapFlow): Promise<void> {
    if (client !== this.client || this.stopped) return Promise.resolve();
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = this.runSync(client).finally(() => {
      this.syncing = null;
      // Asked again meanwhile, possibly by a new connection while this one was being replaced.
      if (this.syncAgain && this.client) void this.requestSync(this.client);
    });
    return this.syncing;
  }

  private async runSync(client: ImapFlow): Promise<void> {
    try {
      do {
        this.syncAgain = false;
        await this.syncOnce(client);
        this.failures = 0;
      } while (this.syncAgain && client === this.client && !this.stopped);
    } catch (err) {
      this.syncAgain = false;
      if (client !== this.client || this.stopped) return; // the connection went away: onClose reconnects
      this.logger.error(`IMAP ${this.settings.mailbox}: reading new mail failed (${describe(err)}); reconnecting`);
      client.close(); // → onClose → reconnect with backoff, then resume from the stored cursor
    }
  }

  private async syncOnce(client: ImapFlow): Promise<void> {
    const { mailbox } = this.settings;
    const lock = await client.getMailboxLock(mailbox);
    try {
      const box = client.mailbox;
      if (!box) throw new Error(`mailbox ${mailbox} is not selected`);
      const uidValidity = box.uidValidity.toString();
      const stored = parseCursor(await this.listener.cursors.get(cursorKey(mailbox)));
      const plan = planSync(stored, uidValidity);
      if (plan.kind === 'start-at-end') {
        const last = box.uidNext > 0 ? box.uidNext - 1 : (await searchUids(client, { all: true })).reduce((a, b) => Math.max(a, b), 0);
        await this.save({ uidValidity, lastUid: last, since: new Date().toISOString() });
        this.logger.log(`IMAP ${mailbox}: first connection, reading mail that arrives from now on`);
        return;
      }
      const cursor: MailboxCursor = { uidValidity, lastUid: plan.kind === 'after' ? plan.lastUid : 0, since: stored!.since };
      let uids: number[];
      let end = 0;
      if (plan.kind === 'resync') {
        this.logger.warn(`IMAP ${mailbox}: UIDVALIDITY changed from ${stored!.uidValidity} to ${uidValidity}; resyncing since ${plan.since.toISOString()}`);
        end = (await searchUids(client, { all: true })).reduce((a, b) => Math.max(a, b), 0);
        uids = await arrivedSince(client, plan.since);
      } else {
        uids = (await searchUids(client, { uid: `${plan.lastUid + 1}:*` })).filter((uid) => uid > plan.lastUid);
      }
      uids.sort((a, b) => a - b);
      for (let i = 0; i < uids.length; i += FETCH_BATCH) {
        const batch = uids.slice(i, i + FETCH_BATCH);
        const messages = await client.fetchAll(batch.join(','), { uid: true, source: true }, { uid: true });
        for (const message of messages.sort((a, b) => a.uid - b.uid)) {
          if (message.source) await this.listener.onMessage(message.uid, message.source);
        }
        cursor.lastUid = Math.max(cursor.lastUid, batch[batch.length - 1]);
        // A resync saves only at its end: interrupted, it starts over (deduped) under the old UIDVALIDITY.
        if (plan.kind === 'after') await this.save(cursor);
      }
      if (plan.kind === 'resync') await this.save({ ...cursor, lastUid: Math.max(cursor.lastUid, end) });
    } finally {
      lock.release();
    }
  }

  private save(cursor: MailboxCursor): Promise<void> {
    return this.listener.cursors.set(cursorKey(this.settings.mailbox), formatCursor(cursor));
  }
}

async function searchUids(client: ImapFlow, query: Parameters<ImapFlow['search']>[0]): Promise<number[]> {
  return (await client.search(query, { uid: true })) || [];
}

/** UIDs of the messages the server received at or after `since` (SEARCH SINCE counts whole days, so refine by INTERNALDATE). */
async function arrivedSince(client: ImapFlow, since: Date): Promise<number[]> {
  const candidates = await searchUids(client, { since: new Date(since.getTime() - DAY_MS) });
  if (!candidates.length) return [];
  const dated = await client.fetchAll(candidates.join(','), { uid: true, internalDate: true }, { uid: true });
  return dated.filter((m) => !m.internalDate || new Date(m.internalDate).getTime() >= since.getTime()).map((m) => m.uid);
}

function describe(err: unknown): string {
  const e = err as { message?: string; responseText?: string; code?: string };
  return [e?.message ?? String(err), e?.responseText && e.responseText !== e.message ? e.responseText : null].filter(Boolean).join(': ');
}
