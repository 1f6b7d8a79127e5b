import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

/** A label ops define ("VIP", "Возврат") with the colour it shows in. */
@Entity('labels')
export class Label {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  /** The name lower-cased (by JavaScript, which folds Cyrillic): unique, so "Срочно" and "срочно" are one label. */
  @Column({ type: 'varchar', length: 50 }) nameKey: string;
  /** `#rrggbb`. */
  @Column({ type: 'varchar', length: 7 }) color: string;
  @Column(timeColumn) createdAt: Date;
}

/** A label on a conversation. */
@Entity('conversation_labels')
export class ConversationLabel {
  @PrimaryColumn({ type: 'integer' }) conversationId: number;
  @PrimaryColumn({ type: 'integer' }) labelId: number;
  @Column({ type: 'integer' }) addedById: number;
  @Column(timeColumn) addedAt: Date;
}
