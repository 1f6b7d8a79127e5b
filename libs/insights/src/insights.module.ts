import { Global, Module } from '@nestjs/common';
import { BotReports } from './bot-report.service';
import { Broadcasts } from './broadcast/broadcasts.service';
import { CsatReports, CsatSurveyHook, CsatSurveySender } from './csat';
import { FeatureRequests } from './feature-requests/feature-requests.service';
import { Incidents } from './incidents/incidents.service';
import { OverviewReports } from './overview-report.service';
import { QualityReviews } from './quality-review/quality-reviews.service';
import { ReviewSchedule } from './quality-review/review-schedule';
import { ReportingEventWriter } from './reporting-event-writer';
import { ReportingRecorder } from './reporting-recorder';

const exported = [OverviewReports, Broadcasts, Incidents, FeatureRequests, QualityReviews, CsatReports, BotReports];

/** Reporting events (recorded in every role that changes conversations), the reports read from them, and the team lead's tools. */
@Global()
@Module({
  providers: [ReportingEventWriter, ReportingRecorder, ReviewSchedule, CsatSurveyHook, CsatSurveySender, ...exported],
  exports: [...exported, ReportingEventWriter],
})
export class InsightsModule {}
