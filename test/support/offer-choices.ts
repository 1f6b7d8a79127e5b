import { INestApplication } from '@nestjs/common';
import { ConversationTx, DomainEvents } from '@app/conversations';
import type { Choice } from '@app/platform/contracts/choices';
import { UnitOfWork } from '@app/platform/database/unit-of-work';

/** Queues an automatic message with choices, as a consumer (the survey, the bot) does inside its transaction. */
export async function offerChoices(app: INestApplication, conversationId: number, text: string, choices: Choice[], at = new Date()): Promise<number> {
  const message = await ConversationTx.within(app.get(UnitOfWork), async (tx) => {
    const conversation = (await tx.conversation('id = ?', [conversationId]))!;
    const queued = await tx.queueAutomatic(conversation, text, { test: 'choices' }, at, choices);
    await tx.updateConversation(conversation);
    return queued;
  });
  app.get(DomainEvents).emit('outbox.enqueued', { channelId: message.channelId });
  return message.id;
}
