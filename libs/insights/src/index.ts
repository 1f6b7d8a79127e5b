// Insights: the reporting events and the reports read from them.
export * from './entities/reporting-event.entity';
export * from './report-buckets.util';
export * from './report-figures.util';
export * from './csv.util';
export * from './overview-report.service';
export * from './insights.module';
export * from './entities/lead-tools.entities';
export * from './entities/incident.entities';
export * from './entities/broadcast-delivery.entity';
export * from './entities/feature-request.entities';
export * from './entities/review.entities';
export * from './broadcast/broadcasts.service';
export * from './incidents/incidents.service';
export * from './feature-requests/feature-requests.service';
export * from './feature-requests/api-types';
export * from './quality-review/quality-reviews.service';
export * from './quality-review/review-pick.util';
