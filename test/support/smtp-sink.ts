import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './test-app';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
  /** One header's raw value (unfolded), by lower-case name. */
  header(name: string): string | undefined;
}

/**
 * A real SMTP receiver on 127.0.0.1 and a free port (no TLS on loopback, any login accepted) that keeps
 * every message it receives, parsed, for assertions: the customer's mail client.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  readonly host = '127.0.0.1';
  port = 0;
  private rejections: Array<{ code: number; message: string }> = [];

  private constructor(private readonly server: SMTPServer) {}

  static async start(): Promise<SmtpSink> {
    let sink: SmtpSink | null = null;
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'any' }),
      onRcptTo: (_address, _session, callback) => {
        const rejection = sink?.rejections.shift();
        if (!rejection) return callback();
        const err = Object.assign(new Error(rejection.message), { responseCode: rejection.code });
        callback(err);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then((parsed) => {
            const envelope = {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            };
            sink?.received.push({ envelope, raw, parsed, header: (name) => headerOf(raw, name) });
            callback();
          }, callback);
        });
      },
    });
    sink = new SmtpSink(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    sink.port = (server.server.address() as AddressInfo).port;
    return sink;
  }

  /** The next recipient is refused with this SMTP reply (e.g. 550 for a permanent failure). */
  rejectNext(code: number, message: string): void {
    this.rejections.push({ code, message });
  }

  /** Waits for a message that satisfies the check and returns it. */
  async waitForMail(check: (mail: ReceivedMail) => boolean, timeoutMs = 5000): Promise<ReceivedMail> {
    return eventually(() => {
      const found = this.received.find(check);
      if (!found) throw new Error(`SMTP sink: none of ${this.received.length} messages matches`);
      return found;
    }, timeoutMs);
  }

  /** Waits for the n-th (1-based) message to arrive and returns it. */
  async waitFor(count: number, timeoutMs = 5000): Promise<ReceivedMail> {
    return eventually(() => {
      if (this.received.length < count) throw new Error(`SMTP sink has ${this.received.length} messages, waiting for ${count}`);
      return this.received[count - 1];
    }, timeoutMs);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
