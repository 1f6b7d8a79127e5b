import { EntityManager } from 'typeorm';

/**
 * The narrow SQL surface of the hot paths (ingest, its hooks). Statements use `?` placeholders and
 * double-quoted identifiers, which SQLite and PostgreSQL both read; inserts end in `RETURNING id`.
 */
export interface SqlRunner {
  /** True on PostgreSQL: row locks (`FOR UPDATE`, `SKIP LOCKED`) and advisory locks apply; SQLite has one writer anyway. */
  readonly postgres: boolean;
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * The rows as arrays, in the order of `columns`: for wide rows read by the thousand (a batch's conversations).
   * better-sqlite3 builds a row object property by property, which for ~35 columns cost more than the query itself.
   */
  allArrays(sql: string, params?: unknown[]): Promise<RowArrays>;
  /** Runs a statement; resolves the number of rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Runs one statement once per parameter list, in order (on SQLite in one go, without a promise per row). */
  runEach(sql: string, paramLists: unknown[][]): Promise<void>;
  /** Runs an INSERT … RETURNING id; resolves the new id. */
  insert(sql: string, params?: unknown[]): Promise<number>;
  /**
   * Inserts rows into `table`; resolves their new ids in the rows' order. One multi-row statement per chunk on
   * PostgreSQL (a round trip each), one prepared statement a row on SQLite (no round trips to save there).
   */
  insertMany(table: string, columns: readonly string[], rows: unknown[][]): Promise<number[]>;
  /**
   * `column IN (…)` for a list of any length as one statement text: `IN (SELECT value FROM json_each(?))` on SQLite,
   * `= ANY(?)` on PostgreSQL; so a prepared statement serves every batch size.
   */
  inList(column: string, values: unknown[]): { sql: string; param: unknown };
  /** Inserts rows whose ids nobody needs, `suffix` (an ON CONFLICT rule) applied to each: multi-row on PostgreSQL. */
  appendMany(table: string, columns: readonly string[], rows: unknown[][], suffix?: string): Promise<void>;
}

export interface RowArrays {
  /** The same array for every call of one statement, so a reader can keep what it derives from it. */
  columns: readonly string[];
  rows: unknown[][];
}

/** Each distinct column list once (one per statement), so `RowArrays.columns` is the same array across transactions. */
const KNOWN_COLUMNS = new Map<string, readonly string[]>();

/** The most parameters one statement may bind: PostgreSQL's protocol limit, SQLite's default compile-time limit. */
const MAX_PARAMS = { sqlite: 32_766 } as const;
const quoted = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(', ');

interface Statement {
  all(...params: unknown[]): unknown[];
  raw(toggle: boolean): Statement;
  columns(): Array<{ name: string }>;
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}

export interface BetterSqliteDatabase {
  prepare(sql: string): Statement;
  readonly inTransaction: boolean;
}

/**
 * better-sqlite3 directly, with prepared statements kept for reuse: a few microseconds a statement,
 * against tens through an ORM, which is what lets ingest keep up with a busy channel.
 */
export class SqliteRunner implements SqlRunner {
  /** Prepared statements per connection, by SQL text; a statement reading arrays is kept apart (raw mode is the statement's). */
  private static readonly cache = new WeakMap<object, Map<string, Statement>>();
  private static readonly columns = new WeakMap<Statement, readonly string[]>();
  readonly postgres = false;

  constructor(private readonly db: BetterSqliteDatabase) {}

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.stmt(sql).all(...bound(params)) as T[];
  }

  async allArrays(sql: string, params: unknown[] = []): Promise<RowArrays> {
    const stmt = this.stmt(sql, true);
    let columns = SqliteRunner.columns.get(stmt);
    if (!columns) SqliteRunner.columns.set(stmt, (columns = stmt.columns().map((c) => c.name)));
    return { columns, rows: stmt.all(...bound(params)) as unknown[][] };
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    return this.stmt(sql).run(...bound(params)).changes;
  }

  async runEach(sql: string, paramLists: unknown[][]): Promise<void> {
    const stmt = this.stmt(sql);
    for (const params of paramLists) stmt.run(...bound(params));
  }

  async insert(sql: string, params: unknown[] = []): Promise<number> {
    return Number((this.stmt(sql).get(...bound(params)) as { id: number }).id);
  }

  async insertMany(table: string, columns: readonly string[], rows: unknown[][]): Promise<number[]> {
    if (!rows.length) return [];
    // lastInsertRowid costs less than a RETURNING row on this path, which runs once per stored message.
    const stmt = this.stmt(`INSERT INTO ${table} (${quoted(columns)}) VALUES (${columns.map(() => '?').join(', ')})`);
    return rows.map((row) => Number(stmt.run(...bound(row)).lastInsertRowid));
  }

  inList(column: string, values: unknown[]): { sql: string; param: unknown } {
    return { sql: `${column} IN (SELECT value FROM json_each(?))`, param: JSON.stringify(values) };
  }

  async appendMany(table: string, columns: readonly string[], rows: unknown[][], suffix = ''): Promise<void> {
    await this.runEach(`INSERT INTO ${table} (${quoted(columns)}) VALUES (${columns.map(() => '?').join(', ')}) ${suffix}`, rows);
  }

  private stmt(sql: string, arrays = false): Statement {
    let statements = SqliteRunner.cache.get(this.db);
    if (!statements) SqliteRunner.cache.set(this.db, (statements = new Map()));
    const key = arrays ? `arrays\u0000${sql}` : sql;
    let stmt = statements.get(key);
    if (!stmt) statements.set(key, (stmt = arrays ? this.db.prepare(sql).raw(true) : this.db.prepare(sql)));
    return stmt;
  }
}

/** The same statements through a TypeORM transaction (PostgreSQL, or SQLite outside the hot path). */
export class EntityManagerRunner implements SqlRunner {
  readonly postgres: boolean;

  constructor(private readonly manager: EntityManager) {
    this.postgres = manager.connection.options.type === 'postgres';
  }

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const runner = this.manager.queryRunner;
    if (!runner) return this.manager.query(this.dialect(sql), params);
    // The structured result: rows of a SELECT and of an UPDATE … RETURNING alike (plain query() wraps the latter).
    return (await runner.query(this.dialect(sql), params, true)).records as T[];
  }

  /** The pg driver's rows are objects already; arrays keep one reader for both databases. */
  async allArrays(sql: string, params: unknown[] = []): Promise<RowArrays> {
    const rows = await this.all<Record<string, unknown>>(sql, params);
    const columns = this.columnsOf(rows[0] ? Object.keys(rows[0]) : []);
    return { columns, rows: rows.map((row) => columns.map((c) => row[c])) };
  }

  private columnsOf(names: string[]): readonly string[] {
    const key = names.join(',');
    let columns = KNOWN_COLUMNS.get(key);
    if (!columns) KNOWN_COLUMNS.set(key, (columns = names));
    return columns;
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    const runner = this.manager.queryRunner;
    if (!runner) throw new Error('EntityManagerRunner needs a transaction (an EntityManager with a query runner)');
    return (await runner.query(this.dialect(sql), params, true)).affected ?? 0;
  }

  async runEach(sql: string, paramLists: unknown[][]): Promise<void> {
    for (const params of paramLists) await this.run(sql, params);
  }

  async insert(sql: string, params: unknown[] = []): Promise<number> {
    const rows: Array<{ id: number | string }> = await this.manager.query(this.dialect(sql), params);
    return Number(rows[0].id);
  }

  async insertMany(table: string, columns: readonly string[], rows: unknown[][]): Promise<number[]> {
    if (!rows.length) return [];
    if (this.postgres) {
      const returned: Array<{ id: number | string }> = await this.manager.query(this.recordsetInsert(table, columns, 'RETURNING id'), [recordset(columns, rows)]);
      // Ids are drawn in the order the SELECT yields the rows (ORDER BY their ordinality); sorting maps them back whatever order RETURNING lists them in.
      return returned.map((r) => Number(r.id)).sort((a, b) => a - b);
    }
    const ids: number[] = [];
    for (const chunk of this.chunks(columns, rows)) {
      const returned: Array<{ id: number | string }> = await this.manager.query(this.multiRowInsert(table, columns, chunk, 'RETURNING id'), chunk.flat());
      ids.push(...returned.map((r) => Number(r.id)).sort((a, b) => a - b));
    }
    return ids;
  }

  async appendMany(table: string, columns: readonly string[], rows: unknown[][], suffix = ''): Promise<void> {
    if (!rows.length) return;
    if (this.postgres) {
      await this.manager.query(this.recordsetInsert(table, columns, suffix), [recordset(columns, rows)]);
      return;
    }
    for (const chunk of this.chunks(columns, rows)) await this.manager.query(this.multiRowInsert(table, columns, chunk, suffix), chunk.flat());
  }

  /** Rows in groups small enough for one statement's parameters. */
  private chunks(columns: readonly string[], rows: unknown[][]): unknown[][][] {
    const perStatement = Math.max(1, Math.floor(MAX_PARAMS.sqlite / columns.length));
    const out: unknown[][][] = [];
    for (let start = 0; start < rows.length; start += perStatement) out.push(rows.slice(start, start + perStatement));
    return out;
  }

  private multiRowInsert(table: string, columns: readonly string[], rows: unknown[][], suffix: string): string {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    return `INSERT INTO ${table} (${quoted(columns)}) VALUES ${rows.map(() => tuple).join(', ')} ${suffix}`;
  }

  /**
   * PostgreSQL: every row in one JSON parameter, typed by the table's own row type. A statement with thousands of
   * bound parameters costs more to send, parse and plan than the rows cost to write (a 1,400-row message insert
   * took ~150 ms that way); one parameter keeps the statement text, and its plan, the same for any batch size.
   */
  private recordsetInsert(table: string, columns: readonly string[], suffix: string): string {
    return `INSERT INTO ${table} (${quoted(columns)}) SELECT ${quoted(columns)} FROM json_populate_recordset(NULL::${table}, $1) WITH ORDINALITY AS r ORDER BY r.ordinality ${suffix}`;
  }

  inList(column: string, values: unknown[]): { sql: string; param: unknown } {
    if (this.postgres) return { sql: `${column} = ANY(?)`, param: values };
    return { sql: `${column} IN (SELECT value FROM json_each(?))`, param: JSON.stringify(values) };
  }

  private dialect(sql: string): string {
    if (!this.postgres) return sql;
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  }
}

/** Rows as the JSON array of objects `json_populate_recordset` reads (column names as keys). */
function recordset(columns: readonly string[], rows: unknown[][]): string {
  return JSON.stringify(rows.map((row) => {
    const record: Record<string, unknown> = {};
    columns.forEach((column, i) => (record[column] = row[i]));
    return record;
  }));
}

/**
 * better-sqlite3 binds no booleans: they become 1 and 0 (a list without any is passed as it is). The runner passes
 * the parameters spread, one argument each: given one array, better-sqlite3 reads it element by element through
 * V8's API, 0.4–1 µs more a statement, a third of what a row insert costs.
 */
function bound(params: unknown[]): unknown[] {
  for (let i = 0; i < params.length; i++) {
    if (typeof params[i] === 'boolean') return params.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  }
  return params;
}
