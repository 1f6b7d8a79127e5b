// Insights: the reporting events and the reports read from them.
export * from './entities/reporting-event.entity';
export * from './report-buckets.util';
export * from './report-figures.util';
export * from './csv.util';
export * from './overview-report.service';
export * from './bot-report.service';
export * from './reporting-event-writer';
export * from './insights.module';
export * from './csat';
