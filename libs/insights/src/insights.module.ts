import { Global, Module } from '@nestjs/common';
import { BotReports } from './bot-report.service';
import { CsatReports, CsatSurveyHook, CsatSurveySender } from './csat';
import { OverviewReports } from './overview-report.service';
import { ReportingEventWriter } from './reporting-event-writer';
import { ReportingRecorder } from './reporting-recorder';

/** Reporting events (recorded in every role that changes conversations) and the reports read from them. */
@Global()
@Module({
  providers: [ReportingEventWriter, ReportingRecorder, OverviewReports, CsatSurveyHook, CsatSurveySender, CsatReports, BotReports],
  exports: [OverviewReports, CsatReports, ReportingEventWriter, BotReports],
})
export class InsightsModule {}
