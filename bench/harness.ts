/**
 * The benchmark harness: each row times our code and a baseline in the same run, many times,
 * interleaved, and reports medians and their ratio. No absolute time is a target; ratios are.
 */

/** One workload measured against its baseline. */
export interface BenchCase {
  /** What is measured, e.g. "autograd: mean((x+2)*(x+2)*3), 100×100". */
  name: string;
  /** Our code; called once per sample. */
  ours: () => unknown;
  /** The baseline it is compared with; called once per sample. */
  baseline: () => unknown;
  /** The baseline's name, e.g. "plain Float32Array loop". */
  baselineName: string;
  /** The largest acceptable ours/baseline ratio. */
  target: number;
  /** Samples of each; default 15. */
  samples?: number;
  /** Warm-up calls of each before sampling; default 3 (slow peers may need fewer). */
  warmup?: number;
  /** Extra facts printed in the row's notes column, e.g. edge crossings of ours and each peer. */
  notes?: string;
  /** A condition the row must also meet besides the ratio, e.g. an absolute time budget. */
  also?: {label: string; met: (oursMs: number, baselineMs: number) => boolean};
}

/** One row of the table. */
export interface BenchRow {
  name: string;
  baseline: string;
  oursMs: number;
  baselineMs: number;
  ratio: number;
  target: string;
  met: boolean;
  /** The case's notes, when it has any. */
  notes?: string;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

function timeOnce(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Times a case: a warm-up, then alternating samples of ours and the baseline. */
export function measure(c: BenchCase): BenchRow {
  const samples = c.samples ?? 15;
  for (let i = 0; i < (c.warmup ?? 3); i++) {
    c.ours();
    c.baseline();
  }
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < samples; i++) {
    ours.push(timeOnce(c.ours));
    base.push(timeOnce(c.baseline));
  }
  const oursMs = median(ours);
  const baselineMs = median(base);
  const ratio = oursMs / baselineMs;
  const row: BenchRow = {
    name: c.name,
    baseline: c.baselineName,
    oursMs,
    baselineMs,
    ratio,
    target: c.also ? `≤ ${c.target}×, ${c.also.label}` : `≤ ${c.target}×`,
    met: ratio <= c.target && (c.also?.met(oursMs, baselineMs) ?? true),
  };
  if (c.notes !== undefined) row.notes = c.notes;
  return row;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Formats rows as a plain-text table. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['workload', 'ours (ms)', 'baseline', 'baseline (ms)', 'ratio', 'target', 'met'];
  const body = rows.map((r) => [
    r.name,
    r.oursMs.toFixed(3),
    r.baseline,
    r.baselineMs.toFixed(3),
    `${r.ratio.toFixed(2)}×`,
    r.target,
    r.met ? 'yes' : 'NO',
  ]);
  // The notes column only appears when some row has notes.
  if (rows.some((r) => r.notes !== undefined)) {
    header.push('notes');
    rows.forEach((r, i) => body[i]?.push(r.notes ?? ''));
  }
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 0)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
