/**
 * The SLA clocks of one conversation as an incremental reducer. The state is a small JSON-safe
 * object stored on the conversation row, so each new message or status change updates the
 * deadlines in constant work instead of replaying the conversation's history.
 */
import { addBusinessTime, businessTimeBetween, type BusinessHours } from './business-hours';

export interface SlaTargets {
  /** Business ms from the first customer message to the first agent reply. */
  firstResponse: number;
  /** Business ms from a customer message that follows an agent reply to the next agent reply. */
  nextResponse: number;
  /** Business ms from the first customer message (or a reopening) to resolved; none if absent. */
  resolution?: number;
  /** Fraction 0..1 of a target after which the warning fires, e.g. 0.8. */
  warnAt: number;
  /** Stop the clocks while the conversation waits on the customer (status pending) or is snoozed. */
  pauseWhilePending: boolean;
  businessHours: BusinessHours;
}

export type SlaStatus = 'open' | 'pending' | 'snoozed' | 'resolved';

/** Snoozed is set aside until a time, like waiting on the customer: both pause the clocks (when the policy pauses). */
const isPaused = (status: SlaStatus): boolean => status === 'pending' || status === 'snoozed';

export type SlaEvent =
  | { type: 'inbound'; at: Date }
  /** An agent's reply to the customer; notes and automatic messages are not passed in. */
  | { type: 'reply'; at: Date }
  | { type: 'status'; at: Date; status: SlaStatus };

/** Plain JSON: instants are epoch ms, never Date objects. */
export interface SlaClockState {
  /** Bumped if the shape changes, so stored states can be migrated or recomputed. */
  version: 1;
  status: SlaStatus;
  /** The customer's first message ever (for reporting). */
  firstInboundAt: number | null;
  /** Start of the wait answered by the first response; restarts if resolved before any reply. */
  firstResponseSince: number | null;
  firstRespondedAt: number | null;
  /** Since when the customer has been waiting for an agent reply; null when nobody waits. */
  waitingSince: number | null;
  /** Start of the current resolution period; null when resolved or before any customer message. */
  resolutionSince: number | null;
  /** When the current pending (or snoozed) period began; null when neither. */
  pendingSince: number | null;
  /**
   * Open (business) ms spent pending during the current wait, added to its target. Pending time
   * after the target had already run out is not added, so an overdue deadline stays where it was;
   * the `Warn` twins do the same for the warning threshold.
   */
  pausedWaitingMs: number;
  pausedWaitingWarnMs: number;
  /** The same for the current resolution period. */
  pausedResolutionMs: number;
  pausedResolutionWarnMs: number;
}

export interface SlaDeadlines {
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstRespondedAt: Date | null;
  /** The earliest live deadline. */
  dueAt: Date | null;
  /** When the warning for `dueAt` fires: its start plus `warnAt` of its target, in business time. */
  warnAt: Date | null;
  dueTarget: 'firstResponse' | 'nextResponse' | 'resolution' | null;
}

/**
 * The state as stored on the conversation row: fields still at their initial value (null, 0) left out. The row is
 * rewritten by every message, and a third of its bytes were these defaults.
 */
export function storedSlaClock(state: SlaClockState): Record<string, unknown> {
  const stored: Record<string, unknown> = { version: state.version };
  for (const key of STATE_KEYS) if (state[key] !== INITIAL[key]) stored[key] = state[key];
  return stored;
}

/** Whether two states are the same clock (a follow-up message while the customer already waits changes nothing). */
export function sameSlaClock(a: SlaClockState, b: SlaClockState): boolean {
  return a.version === b.version && STATE_KEYS.every((key) => a[key] === b[key]);
}

/** A stored state (written whole, or without its defaults by `storedSlaClock`), or the initial state if none. */
export function slaClockOf(stored: Record<string, unknown> | null | undefined): SlaClockState {
  return stored ? { ...initialSlaState(), ...(stored as Partial<SlaClockState>) } : initialSlaState();
}

const INITIAL: Readonly<SlaClockState> = Object.freeze(initialSlaState());
const STATE_KEYS = (Object.keys(INITIAL) as Array<keyof SlaClockState>).filter((key) => key !== 'version');

export function initialSlaState(): SlaClockState {
  return {
    version: 1,
    status: 'open',
    firstInboundAt: null,
    firstResponseSince: null,
    firstRespondedAt: null,
    waitingSince: null,
    resolutionSince: null,
    pendingSince: null,
    pausedWaitingMs: 0,
    pausedWaitingWarnMs: 0,
    pausedResolutionMs: 0,
    pausedResolutionWarnMs: 0,
  };
}

/**
 * Returns the state after `event`. Pure: `state` is not modified. Events must be applied in time
 * order. Pending time is recorded whatever `pauseWhilePending` says (it is measured with
 * `targets.businessHours`), and `slaDeadlines` decides whether to honour it, so toggling the
 * flag in config takes effect without replaying history.
 */
export function applySlaEvent(state: SlaClockState, event: SlaEvent, targets: SlaTargets): SlaClockState {
  const at = event.at instanceof Date ? event.at.getTime() : NaN;
  if (Number.isNaN(at)) throw new RangeError(`applySlaEvent: ${event.type} event needs a valid Date in "at"`);
  checkTargets(targets);
  const s: SlaClockState = { ...state };

  switch (event.type) {
    case 'inbound': {
      // The customer writing again means they are no longer the one we wait on, and it reopens
      // a resolved conversation; either way the conversation is open again.
      if (isPaused(s.status)) closePause(s, at, targets);
      s.status = 'open';
      if (s.firstInboundAt === null) s.firstInboundAt = at;
      if (s.resolutionSince === null) startResolution(s, at);
      if (s.waitingSince === null) {
        // Only the first message of a wait starts the clock; follow-ups do not restart it.
        s.waitingSince = at;
        s.pausedWaitingMs = s.pausedWaitingWarnMs = 0;
        if (s.firstRespondedAt === null) s.firstResponseSince = at;
      }
      return s;
    }
    case 'reply': {
      if (s.firstRespondedAt === null && s.firstResponseSince !== null) s.firstRespondedAt = at;
      s.waitingSince = null;
      s.pausedWaitingMs = s.pausedWaitingWarnMs = 0;
      return s;
    }
    case 'status': {
      if (event.status === s.status) return s;
      if (isPaused(s.status)) closePause(s, at, targets);
      if (event.status === 'resolved') {
        s.waitingSince = s.resolutionSince = null;
        s.pausedWaitingMs = s.pausedWaitingWarnMs = s.pausedResolutionMs = s.pausedResolutionWarnMs = 0;
      } else if (s.status === 'resolved' && s.firstInboundAt !== null) {
        // Reopened by an agent: the conversation needs resolving again, but nobody is waiting
        // for a reply until the customer writes.
        startResolution(s, at);
      }
      if (isPaused(event.status)) s.pendingSince = at;
      s.status = event.status;
      return s;
    }
    default:
      throw new Error(`applySlaEvent: unknown event type ${JSON.stringify((event as { type: unknown }).type)}`);
  }
}

function startResolution(s: SlaClockState, at: number): void {
  s.resolutionSince = at;
  s.pausedResolutionMs = s.pausedResolutionWarnMs = 0;
}

/** Ends a pending period at `at`, adding its open time to the clocks that were running. */
function closePause(s: SlaClockState, at: number, targets: SlaTargets): void {
  const pendingSince = s.pendingSince;
  s.pendingSince = null;
  if (pendingSince === null) return;
  const fraction = warnFraction(targets);
  const extend = (since: number, target: number | undefined, paused: number): number => {
    const from = Math.max(pendingSince, since);
    // A clock that had already run out when the pause began keeps its moment (no time to add).
    if (target !== undefined && addBusinessTime(new Date(since), target + paused, targets.businessHours).getTime() <= from) {
      return paused;
    }
    return paused + businessTimeBetween(new Date(from), new Date(at), targets.businessHours);
  };
  if (s.waitingSince !== null) {
    const target = s.firstRespondedAt === null ? targets.firstResponse : targets.nextResponse;
    s.pausedWaitingMs = extend(s.waitingSince, target, s.pausedWaitingMs);
    s.pausedWaitingWarnMs = extend(s.waitingSince, Math.round(target * fraction), s.pausedWaitingWarnMs);
  }
  if (s.resolutionSince !== null) {
    const target = targets.resolution ?? undefined;
    s.pausedResolutionMs = extend(s.resolutionSince, target, s.pausedResolutionMs);
    const warn = target === undefined ? undefined : Math.round(target * fraction);
    s.pausedResolutionWarnMs = extend(s.resolutionSince, warn, s.pausedResolutionWarnMs);
  }
}

function warnFraction(targets: SlaTargets): number {
  return Math.min(1, Math.max(0, targets.warnAt));
}

type Target = NonNullable<SlaDeadlines['dueTarget']>;

/** Live deadlines for `state`; all null while resolved, or while pending or snoozed if that pauses clocks. */
export function slaDeadlines(state: SlaClockState, targets: SlaTargets): SlaDeadlines {
  checkTargets(targets);
  const result: SlaDeadlines = {
    firstResponseDueAt: null,
    nextResponseDueAt: null,
    resolutionDueAt: null,
    firstRespondedAt: state.firstRespondedAt === null ? null : new Date(state.firstRespondedAt),
    dueAt: null,
    warnAt: null,
    dueTarget: null,
  };
  const paused = targets.pauseWhilePending && isPaused(state.status);
  if (state.status === 'resolved' || paused) return result;

  // Pauses were recorded regardless of the flag; only count them when the policy pauses.
  const honour = targets.pauseWhilePending ? 1 : 0;
  const clocks: Array<{ target: Target; since: number; ms: number; pausedMs: number; pausedWarnMs: number }> = [];
  if (state.waitingSince !== null) {
    const first = state.firstRespondedAt === null;
    const ms = first ? targets.firstResponse : targets.nextResponse;
    const [pausedMs, pausedWarnMs] = [state.pausedWaitingMs * honour, state.pausedWaitingWarnMs * honour];
    clocks.push({ target: first ? 'firstResponse' : 'nextResponse', since: state.waitingSince, ms, pausedMs, pausedWarnMs });
  }
  if (targets.resolution !== undefined && targets.resolution !== null && state.resolutionSince !== null) {
    const [pausedMs, pausedWarnMs] = [state.pausedResolutionMs * honour, state.pausedResolutionWarnMs * honour];
    clocks.push({ target: 'resolution', since: state.resolutionSince, ms: targets.resolution, pausedMs, pausedWarnMs });
  }

  const fraction = warnFraction(targets);
  for (const clock of clocks) {
    const due = addBusinessTime(new Date(clock.since), clock.ms + clock.pausedMs, targets.businessHours);
    result[`${clock.target}DueAt`] = due;
    // Strictly earlier wins, so on a tie the response target (listed first) is reported.
    if (result.dueAt === null || due.getTime() < result.dueAt.getTime()) {
      result.dueAt = due;
      result.dueTarget = clock.target;
      const warnMs = Math.round(clock.ms * fraction) + clock.pausedWarnMs;
      result.warnAt = addBusinessTime(new Date(clock.since), warnMs, targets.businessHours);
    }
  }
  return result;
}

function checkTargets(t: SlaTargets): void {
  const positive = (name: string, v: unknown) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new RangeError(`SLA targets: ${name} must be a positive number of ms, got ${String(v)}`);
    }
  };
  positive('firstResponse', t.firstResponse);
  positive('nextResponse', t.nextResponse);
  if (t.resolution !== undefined && t.resolution !== null) positive('resolution', t.resolution);
  if (typeof t.warnAt !== 'number' || !Number.isFinite(t.warnAt)) {
    throw new RangeError(`SLA targets: warnAt must be a fraction from 0 to 1, got ${String(t.warnAt)}`);
  }
}

/** Folds `events` (sorted by time, ties kept in the given order) from the initial state. */
export function computeDeadlines(events: SlaEvent[], targets: SlaTargets): SlaDeadlines {
  const ordered = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const state = ordered.reduce((s, e) => applySlaEvent(s, e, targets), initialSlaState());
  return slaDeadlines(state, targets);
}
