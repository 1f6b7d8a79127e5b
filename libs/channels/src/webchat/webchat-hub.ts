import { Injectable } from '@nestjs/common';

export interface WebchatDelivery {
  messageId: number;
  conversationId: number;
  text: string;
  createdAt: string;
  /** Files, as download links only this visitor can use. */
  attachments: Array<{ name: string; url: string }>;
  /** Buttons to draw under the text; a press is POSTed back as { choiceId, replyTo: messageId }. */
  choices?: Array<{ id: string; label: string }>;
}

/** Deliverer installed by the realtime gateway; answers whether the visitor had a live connection (on any process). */
export type WebchatDeliverer = (visitorId: string, delivery: WebchatDelivery) => Promise<boolean>;

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

  async deliver(visitorId: string, delivery: WebchatDelivery): Promise<boolean> {
    return (await this.deliverer?.(visitorId, delivery)) ?? false;
  }
}
