import { cpus } from 'node:os';

/** Numbers as the reports print them. */
export const f0 = (n: number) => n.toFixed(0);
export const f1 = (n: number) => n.toFixed(1);
export const f2 = (n: number) => n.toFixed(2);
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const minutes = (s: number) => (s >= 120 ? `${f1(s / 60)} min` : `${f0(s)} s`);

export const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;

/** A markdown table; a column whose name ends in ':' holds figures and is right-aligned, as `---:` marks it. */
export function table(columns: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  return [row(columns.map((c) => c.replace(/:$/, ''))), row(columns.map((c) => (c.endsWith(':') ? '---:' : '---'))), ...rows.map(row)];
}

/** "Node v20…, 2 CPU cores (AMD EPYC…)", for a report's first lines. */
export function machine(): string {
  return `Node ${process.version}, ${cpus().length} CPU cores (${cpus()[0]?.model.trim() ?? 'unknown'})`;
}

/**
 * Targets are reported, never asserted: each note starts with "met", "MISSED" or "reported". The
 * section that ends a report, and the missed ones for the run's NOTE lines.
 */
export function targetsSection(notes: readonly string[]): string[] {
  return ['## Targets (reported, never asserted)', '', ...notes.map((n) => `- ${n}`), ''];
}

export const missed = (notes: readonly string[]) => notes.filter((n) => n.startsWith('MISSED: ')).map((n) => n.slice('MISSED: '.length));

/** "met" when the target holds, else "MISSED". */
export const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
