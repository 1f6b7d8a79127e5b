/**
 * True when SQLite refused a statement because another connection holds its lock ("database is locked",
 * SQLITE_BUSY / SQLITE_LOCKED): a moment's contention, never a fault of the work itself.
 */
export function isDatabaseBusy(err: unknown): boolean {
  const e = err as { code?: string; message?: string; driverError?: { code?: string; message?: string } } | null;
  const code = e?.driverError?.code ?? e?.code ?? '';
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
  return /database (table )?is locked/.test(e?.driverError?.message ?? e?.message ?? '');
}

/** True when PostgreSQL aborted a transaction to break a deadlock or a serialisation conflict: running it again succeeds. */
export function isTransientConflict(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === '40P01' || code === '40001';
}
