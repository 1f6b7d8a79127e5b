/** A plain text table for the terminal. */
export class Table {
  private readonly rows: string[][] = [];

  constructor(private readonly header: string[]) {}

  row(...cells: string[]): void {
    this.rows.push(cells);
  }

  render(): string {
    const all = [this.header, ...this.rows];
    const widths = this.header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
    const line = (r: string[]) => `| ${r.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
    return [line(this.header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...this.rows.map(line)].join('\n');
  }
}
