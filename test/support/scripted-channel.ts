import type { ChannelConfig } from '@app/platform/config';
import { ChannelAdapter, ChannelAdapterFactory, ChannelContext, ChannelHealth, OutboundMessage, SendError, SendResult } from '@app/channels';

/**
 * A channel peer whose sends follow a script: each call takes the next outcome ('ok', an error message,
 * or 'permanent:<reason>'); once the script runs out, sends succeed. Registered under the `webchat` type so
 * the real configuration loader accepts the channel.
 */
export class ScriptedChannel implements ChannelAdapter {
  readonly type = 'webchat';
  readonly sent: OutboundMessage[] = [];
  readonly attempts: number[] = [];
  context: ChannelContext | null = null;

  constructor(readonly channelId: string, private readonly script: string[]) {}

  async start(context: ChannelContext): Promise<void> {
    this.context = context;
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

export function scriptedFactory(channel: ScriptedChannel): ChannelAdapterFactory {
  return { type: 'webchat', create: (_config: ChannelConfig) => channel };
}
