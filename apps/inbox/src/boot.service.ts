import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgentsService } from '@app/agents';
import { Channel } from '@app/conversations';
import { APP_CONFIG, AppConfig } from '@app/platform/config';

/** Start-up steps every role needs before serving: channel rows mirror the config, the admin token works. */
@Injectable()
export class BootService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly agents: AgentsService,
  ) {}

  async onModuleInit(): Promise<void> {
    const repo = this.db.getRepository(Channel);
    for (const c of this.config.channels) {
      const existing = await repo.findOneBy({ id: c.id });
      if (existing && existing.type !== c.type) {
        throw new Error(`channels: channel ${c.id} was created as ${existing.type} and cannot become ${c.type}; give it a new id`);
      }
      // An upsert: several processes starting at once on an empty database write the same rows.
      await repo.upsert({ id: c.id, type: c.type, name: c.name, createdAt: existing?.createdAt ?? new Date() }, ['id']);
    }
    if (this.config.adminToken) await this.agents.enableAdminToken(this.config.adminToken);
  }
}
