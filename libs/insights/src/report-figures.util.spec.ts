import { FigureEvent, reportFigures } from './report-figures.util';

const e = (kind: string, calendarMs: number | null = null, businessMs: number | null = calendarMs, extra: Partial<FigureEvent> = {}): FigureEvent =>
  ({ kind, calendarMs, businessMs, targetMet: null, messages: null, ...extra });

describe('reportFigures', () => {
  it('gives nulls and zeros for no events', () => {
    expect(reportFigures([])).toMatchObject({ opened: 0, firstResponses: 0, firstResponseMedianSeconds: null, slaMetPercent: null, messagesPerDialogue: null });
  });

  it('takes nearest-rank medians and p90 of calendar and business durations separately', () => {
    const firsts = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((s) => e('first_response', s * 1000, s * 100));
    const f = reportFigures([...firsts, e('opened'), e('opened')]);
    expect(f).toMatchObject({
      opened: 2, firstResponses: 10, firstResponseMedianSeconds: 50, firstResponseP90Seconds: 90,
      firstResponseBusinessMedianSeconds: 5, firstResponseBusinessP90Seconds: 9,
    });
  });

  it('averages the dialogues and counts the targets met among answers that had one', () => {
    const f = reportFigures([
      e('resolution', 60_000, 0, { messages: 2 }), e('resolution', 120_000, 0, { messages: 5 }),
      e('response', 1000, 1000, { targetMet: true }), e('response', 1000, 1000, { targetMet: true }),
      e('response', 1000, 1000, { targetMet: false }), e('response', 1000, 1000, { targetMet: null }),
      e('sla_warning'), e('sla_breach'), e('reopen', 5), e('assignment'),
    ]);
    expect(f).toMatchObject({
      resolved: 2, messagesPerDialogue: 3.5, dialogueDurationAverageSeconds: 90, resolutionMedianSeconds: 60, resolutionP90Seconds: 120,
      responses: 4, slaMet: 2, slaMissed: 1, slaMetPercent: 66.7, slaWarnings: 1, slaBreaches: 1, reopened: 1, assignments: 1,
    });
  });
});
