import { isDatabaseBusy, isTransientConflict } from './database-busy.util';

describe('isDatabaseBusy', () => {
  it('recognises SQLite lock contention by code, by a TypeORM-wrapped code and by message', () => {
    expect(isDatabaseBusy(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isDatabaseBusy({ message: 'x', driverError: { code: 'SQLITE_BUSY_SNAPSHOT' } })).toBe(true);
    expect(isDatabaseBusy({ code: 'SQLITE_LOCKED' })).toBe(true);
    expect(isDatabaseBusy(new Error('SqliteError: database is locked'))).toBe(true);
  });

  it('leaves every other failure alone', () => {
    expect(isDatabaseBusy(Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(false);
    expect(isDatabaseBusy(new Error('connect ECONNREFUSED'))).toBe(false);
    expect(isDatabaseBusy(null)).toBe(false);
  });
});

describe('isTransientConflict', () => {
  it('recognises a PostgreSQL deadlock and serialisation failure, nothing else', () => {
    expect(isTransientConflict({ driverError: { code: '40P01' } })).toBe(true);
    expect(isTransientConflict({ code: '40001' })).toBe(true);
    expect(isTransientConflict({ code: '23505' })).toBe(false);
  });
});
