import type { SlaState } from '@app/conversations';

/** ok before the warning moment, warning from it, breached from the deadline; ok when nothing is due. */
export function slaStateAt(dueAt: Date | null, warnAt: Date | null, at: Date): SlaState {
  if (!dueAt) return 'ok';
  if (at.getTime() >= dueAt.getTime()) return 'breached';
  if (warnAt && at.getTime() >= warnAt.getTime()) return 'warning';
  return 'ok';
}
