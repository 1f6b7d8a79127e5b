import { percentile } from '@app/platform/stats/percentile.util';
import type { ReportFigures } from './api-types';

export type { ReportFigures };

/** The part of a reporting event the figures read. */
export interface FigureEvent {
  kind: string;
  calendarMs: number | null;
  businessMs: number | null;
  targetMet: boolean | null;
  messages: number | null;
}


const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function durations(events: FigureEvent[], field: 'calendarMs' | 'businessMs'): number[] {
  return events.map((e) => e[field]).filter((v): v is number => v !== null).sort((a, b) => a - b);
}

function spread(events: FigureEvent[]) {
  const calendar = durations(events, 'calendarMs');
  const business = durations(events, 'businessMs');
  return {
    median: seconds(percentile(calendar, 0.5)), p90: seconds(percentile(calendar, 0.9)),
    businessMedian: seconds(percentile(business, 0.5)), businessP90: seconds(percentile(business, 0.9)),
  };
}

function average(values: number[], digits: number): number | null {
  return values.length ? round(values.reduce((a, b) => a + b, 0) / values.length, digits) : null;
}

/** Medians and p90 are nearest-rank (an actual observed value), so a known history gives an exact answer. */
export function reportFigures(events: FigureEvent[]): ReportFigures {
  const of = (kind: string) => events.filter((e) => e.kind === kind);
  const firsts = of('first_response');
  const responses = of('response');
  const resolutions = of('resolution');
  const first = spread(firsts);
  const response = spread(responses);
  const resolution = spread(resolutions);
  const met = responses.filter((e) => e.targetMet === true).length;
  const missed = responses.filter((e) => e.targetMet === false).length;
  const resolvedDurations = resolutions.map((e) => e.calendarMs).filter((v): v is number => v !== null);
  return {
    opened: of('opened').length,
    resolved: resolutions.length,
    reopened: of('reopen').length,
    assignments: of('assignment').length,
    firstResponses: firsts.length,
    firstResponseMedianSeconds: first.median,
    firstResponseP90Seconds: first.p90,
    firstResponseBusinessMedianSeconds: first.businessMedian,
    firstResponseBusinessP90Seconds: first.businessP90,
    responses: responses.length,
    responseMedianSeconds: response.median,
    responseBusinessMedianSeconds: response.businessMedian,
    resolutionMedianSeconds: resolution.median,
    resolutionP90Seconds: resolution.p90,
    resolutionBusinessMedianSeconds: resolution.businessMedian,
    resolutionBusinessP90Seconds: resolution.businessP90,
    messagesPerDialogue: average(resolutions.map((e) => e.messages).filter((v): v is number => v !== null), 2),
    dialogueDurationAverageSeconds: average(resolvedDurations.map((ms) => ms / 1000), 1),
    slaMet: met,
    slaMissed: missed,
    slaMetPercent: met + missed ? round((100 * met) / (met + missed), 1) : null,
    slaWarnings: of('sla_warning').length,
    slaBreaches: of('sla_breach').length,
  };
}
