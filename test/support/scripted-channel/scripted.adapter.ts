import { ChannelAdapter, ChannelContext, ChannelHealth, InboundMessage, OutboundMessage, SendError, SendResult, WebhookRequest, WebhookResponse } from '@app/channels';
import type { ScriptedSettings } from './scripted.settings';

/**
 * A channel peer of its own type whose sends follow a script: each call takes the next outcome ('ok', an error
 * message, or 'permanent:<reason>'); once the script runs out, sends succeed. Customers write through its
 * webhook (a JSON body and the configured secret) or `receive`.
 */
export class ScriptedChannel implements ChannelAdapter {
  readonly type = 'scripted';
  readonly sent: OutboundMessage[] = [];
  readonly attempts: number[] = [];
  context: ChannelContext | null = null;
  settings: ScriptedSettings | null = null;

  constructor(readonly channelId: string, private readonly script: string[] = []) {}

  async start(context: ChannelContext): Promise<void> {
    this.context = context;
  }

  /** A customer's message, stored as the channel's webhook would store it. */
  receive(message: InboundMessage) {
    if (!this.context) throw new Error(`scripted channel ${this.channelId} is not started`);
    return this.context.inbound(message);
  }

  async handleWebhook(request: WebhookRequest): Promise<WebhookResponse> {
    if (request.headers['x-scripted-secret'] !== this.settings?.secret) return { status: 401, body: { message: 'wrong secret' } };
    const body = JSON.parse(request.rawBody.toString('utf8')) as { id: string; from: string; name?: string; text: string };
    const stored = await this.receive({ externalId: body.id, sender: { externalId: body.from, name: body.name }, text: body.text });
    return { status: 200, body: stored };
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    this.attempts.push(message.messageId);
    const outcome = this.script.shift() ?? 'ok';
    if (outcome.startsWith('permanent:')) throw new SendError(outcome.slice('permanent:'.length), { permanent: true });
    if (outcome !== 'ok') throw new SendError(outcome);
    this.sent.push(message);
    return { externalId: `peer-${message.messageId}`, status: 'sent' };
  }

  async stop(): Promise<void> {}

  health(): ChannelHealth {
    return { state: 'ready', since: new Date(0) };
  }
}
