/** A column of a results table: its heading, and how one measurement reads in it. */
export type Column<M> = [heading: string, show: (m: M) => string];

/** Rows of cells (the first the headings) as a plain-text table, aligned for a terminal and pasteable into Markdown. */
export function markdownTable(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]): string => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const [header, ...body] = rows;
  return [line(header ?? []), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** One row per measurement, one cell per column. */
export function formatTable<M>(columns: readonly Column<M>[], measurements: readonly M[]): string {
  return markdownTable([
    columns.map(([heading]) => heading),
    ...measurements.map((m) => columns.map(([, show]) => show(m))),
  ]);
}

/** The median of `values` (the mean of the middle two for an even count), NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}
