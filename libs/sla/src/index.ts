// Pure SLA time functions: durations, business hours and the per-conversation clock reducer.
export * from './duration';
export * from './business-hours';
export * from './sla-clock-state';
