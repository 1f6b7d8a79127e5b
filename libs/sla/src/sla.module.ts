import { Global, Module } from '@nestjs/common';
import { PolicyRegistry } from './policy/policy-registry.service';
import { SlaHook } from './sla-hook';
import { SlaReports } from './sla-reports.service';

/** Policies and the deadline bookkeeping every role needs; the SlaClock itself runs in the worker role. */
@Global()
@Module({ providers: [PolicyRegistry, SlaHook, SlaReports], exports: [PolicyRegistry, SlaReports] })
export class SlaModule {}
