/** One cell as RFC 4180 wants it; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of one table as CSV with a header line; the columns are the first row's keys (every row has the same). */
export function toCsv(rows: Array<Record<string, unknown>>, columns: string[] = rows.length ? Object.keys(rows[0]) : []): string {
  return [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
