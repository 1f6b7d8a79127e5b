import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';
import { Clock } from '@app/platform/clock/clock';

/** An upload no reply attached within this time is removed. */
export const UNCLAIMED_UPLOAD_MAX_AGE_MS = 24 * 3600_000;
const SWEEP_EVERY_MS = 3600_000;

/**
 * Removes agents' uploads that no reply attached within a day: at start and every hour. Each sweep is
 * idempotent, so several processes sharing DATA_DIR may all run it.
 */
@Injectable()
export class UploadSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(UploadSweeper.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly store: AttachmentStore, private readonly clock: Clock) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async sweep(): Promise<number> {
    try {
      const removed = await this.store.removeUnclaimedUploads(UNCLAIMED_UPLOAD_MAX_AGE_MS, this.clock.now().getTime());
      if (removed) this.logger.log(`removed ${removed} upload(s) no reply attached within a day`);
      return removed;
    } catch (err) {
      this.logger.warn(`uploads not swept: ${(err as Error).message}`);
      return 0;
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
