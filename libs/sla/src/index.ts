// The SLA library: pure time functions, policies, the deadline bookkeeping hook, the clock and reports.
export * from './duration';
export * from './business-hours';
export * from './sla-clock-state';
export * from './entities/sla-event.entity';
export * from './entities/policy-change.entity';
export * from './policy/sla-policy';
export * from './policy/parse-sla-policy';
export * from './policy/policy-registry.service';
export * from './sla-clock.service';
export * from './sla-hook';
export * from './sla-reports.service';
export * from './sla.module';
