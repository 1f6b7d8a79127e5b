import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { ChannelCursor } from './entities';

/** Reads and writes a channel's progress markers. */
@Injectable()
export class ChannelCursors {
  constructor(private readonly db: DataSource, private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  async get(channelId: string, key: string): Promise<string | null> {
    return (await this.db.getRepository(ChannelCursor).findOneBy({ channelId, key }))?.value ?? null;
  }

  async set(channelId: string, key: string, value: string): Promise<void> {
    await this.uow.run((m) => m.save(ChannelCursor, { channelId, key, value, updatedAt: this.clock.now() }));
  }
}
