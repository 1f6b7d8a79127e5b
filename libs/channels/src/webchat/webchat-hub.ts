import { Injectable } from '@nestjs/common';

export interface WebchatDelivery {
  messageId: number;
  conversationId: number;
  text: string;
  createdAt: string;
  /** Files, as links the widget fetches with the visitor's token. */
  attachments: Array<{ name: string; url: string }>;
  automatic: boolean;
  /** Buttons offered with the message (surveys, the bot). */
  choices: Array<{ id: string; label: string }> | null;
}

/** Where a visitor's pages listen: every page (browser, device) of one visitor identity of one channel. */
export const visitorRoom = (channelId: string, visitorKey: string): string => `visitor:${channelId}:${visitorKey}`;

/** Deliverer installed by the realtime gateway; answers whether the visitor had a live connection (on any process). */
export type WebchatDeliverer = (room: string, delivery: WebchatDelivery) => Promise<boolean>;

/**
 * The web chat's "network": the adapter hands replies to it and the realtime gateway pushes them to the
 * visitor's open page. A visitor who is away reads them from GET /webchat/messages on return.
 */
@Injectable()
export class WebchatHub {
  private deliverer: WebchatDeliverer | null = null;

  attach(deliverer: WebchatDeliverer): void {
    this.deliverer = deliverer;
  }

  async deliver(channelId: string, visitorKey: string, delivery: WebchatDelivery): Promise<boolean> {
    return (await this.deliverer?.(visitorRoom(channelId, visitorKey), delivery)) ?? false;
  }
}
