// The reports' shapes as the API serves them: no imports, so the web app shares them type-only and cannot drift.

export type GroupBy = 'hour' | 'day' | 'week';
export const GROUP_BYS: GroupBy[] = ['hour', 'day', 'week'];
export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** One row of a report: the same columns for the total, each channel, each agent and each bucket of the series. */
export interface ReportFigures {
  opened: number;
  resolved: number;
  reopened: number;
  assignments: number;
  firstResponses: number;
  firstResponseMedianSeconds: number | null;
  firstResponseP90Seconds: number | null;
  firstResponseBusinessMedianSeconds: number | null;
  firstResponseBusinessP90Seconds: number | null;
  responses: number;
  responseMedianSeconds: number | null;
  responseBusinessMedianSeconds: number | null;
  resolutionMedianSeconds: number | null;
  resolutionP90Seconds: number | null;
  resolutionBusinessMedianSeconds: number | null;
  resolutionBusinessP90Seconds: number | null;
  /** Per resolved dialogue: its messages (customer's and agents', not automatic) and its length. */
  messagesPerDialogue: number | null;
  dialogueDurationAverageSeconds: number | null;
  slaMet: number;
  slaMissed: number;
  /** Answers that met their SLA target among those that had one, in percent (one decimal). */
  slaMetPercent: number | null;
  slaWarnings: number;
  slaBreaches: number;
}

/** The tables of the overview; `format=csv&table=…` exports one of them with the same rows. */
export const OVERVIEW_TABLES = ['total', 'channels', 'agents', 'series', 'channelSeries', 'load', 'labels'] as const;
export type OverviewTable = (typeof OVERVIEW_TABLES)[number];

export interface Overview {
  from: string;
  to: string;
  timeZone: string;
  groupBy: GroupBy;
  filters: { channel: string | null; agent: number | null };
  total: Array<ReportFigures>;
  channels: Array<{ channelId: string } & ReportFigures>;
  agents: Array<{ agentId: number } & ReportFigures>;
  series: Array<{ bucket: string; start: string } & ReportFigures>;
  channelSeries: Array<{ bucket: string; start: string; channelId: string } & ReportFigures>;
  /** Conversations opened per weekday (rows, Monday first) and local hour (columns h00…h23). */
  load: Array<{ weekday: string } & Record<string, number | string>>;
  /**
   * Per label, the conversations with activity in the period (within the filters) that carry it now: labels
   * keep no history, so a label taken off is no longer counted. By name; labels on none are left out.
   */
  labels: Array<{ labelId: number; name: string; color: string; conversations: number }>;
}

