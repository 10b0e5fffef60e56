/**
 * The benchmark harness: each row times our code and a baseline in the same run, many times,
 * interleaved, and reports medians and their ratio. No absolute time is a target; ratios are.
 */

/** One workload measured against its baseline. */
export interface BenchCase {
  /** What is measured, e.g. "autograd: mean((x+2)*(x+2)*3), 100×100". */
  name: string;
  /** Our code; called once per sample (not needed when `measured` is given). */
  ours?: () => unknown;
  /** The baseline it is compared with; called once per sample (not needed when `measured` is given). */
  baseline?: () => unknown;
  /**
   * Figures the suite measured itself (bundle sizes, frames per second in a browser), used as
   * they are instead of timing `ours` and `baseline`.
   */
  measured?: {ours: number; baseline: number; unit: string};
  /** For figures where more is better (frames per second): met when ratio ≥ target. */
  higherIsBetter?: boolean;
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
  /** The unit of `oursMs` and `baselineMs` when it is not milliseconds (e.g. `KB`, `fps`). */
  unit?: string;
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

/** Medians of ours and the baseline: a warm-up, then alternating samples of each. */
function time(c: BenchCase): [number, number] {
  const {ours, baseline} = c;
  if (!ours || !baseline) throw new Error(`bench case '${c.name}' has nothing to time`);
  const samples = c.samples ?? 15;
  for (let i = 0; i < (c.warmup ?? 3); i++) {
    ours();
    baseline();
  }
  const oursTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let i = 0; i < samples; i++) {
    oursTimes.push(timeOnce(ours));
    baselineTimes.push(timeOnce(baseline));
  }
  return [median(oursTimes), median(baselineTimes)];
}

/** Measures a case: times it, or takes the figures it measured itself. */
export function measure(c: BenchCase): BenchRow {
  const [oursMs, baselineMs] = c.measured ? [c.measured.ours, c.measured.baseline] : time(c);
  const ratio = oursMs / baselineMs;
  const bound = c.higherIsBetter ? `≥ ${c.target}×` : `≤ ${c.target}×`;
  const ratioMet = c.higherIsBetter ? ratio >= c.target : ratio <= c.target;
  const row: BenchRow = {
    name: c.name,
    baseline: c.baselineName,
    oursMs,
    baselineMs,
    ratio,
    target: c.also ? `${bound}, ${c.also.label}` : bound,
    met: ratioMet && (c.also?.met(oursMs, baselineMs) ?? true),
  };
  if (c.measured) row.unit = c.measured.unit;
  if (c.notes !== undefined) row.notes = c.notes;
  return row;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Formats rows as a plain-text table. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['workload', 'ours', 'baseline', 'baseline value', 'ratio', 'target', 'met'];
  const figure = (value: number, unit = 'ms') => `${value.toFixed(unit === 'ms' ? 3 : 1)} ${unit}`;
  const body = rows.map((r) => [
    r.name,
    figure(r.oursMs, r.unit),
    r.baseline,
    figure(r.baselineMs, r.unit),
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
