/**
 * The notebook's cells and the graph's steps: which cell (and line of it) a step came from, which
 * part of the session's graph to light for a step, and the first step a cell (or one of its
 * lines) made. Pure over the session's cell lines and the timeline's steps.
 */
import type {Step} from '../src/graph/index.js';
import type {CellLines} from '../src/run/index.js';
import type {FocusLines} from './focus.js';

/** The cell holding session line `line`, and the line within it (1-based); null: none. */
export function cellOfLine(
  cells: readonly CellLines[],
  line: number | null,
): {cell: number; line: number} | null {
  if (line === null) return null;
  const cell = cells.findIndex((c) => line >= c.from && line <= c.to);
  const at = cells[cell];
  return at ? {cell, line: line - at.from + 1} : null;
}

/**
 * The part of the graph to light at a step: a forward step's cell; during a backward pass the
 * whole graph (gradients flow through every cell's part); undefined: leave it as it is (a step
 * from no cell).
 */
export function focusOfStep(
  cells: readonly CellLines[],
  step: Step,
): FocusLines | null | undefined {
  if (step.phase === 'backward') return null;
  const at = cellOfLine(cells, step.span?.line ?? null);
  return at ? (cells[at.cell] ?? null) : undefined;
}

/**
 * The first step made by `cell`'s line `line` (1-based in the cell), or by any of its lines when
 * `line` is null or made none; null when the cell made no step.
 */
export function firstStepOf(
  steps: readonly Step[],
  cell: CellLines,
  line: number | null,
): number | null {
  const inCell = (s: Step) => {
    const l = s.span?.line;
    return l !== undefined && l >= cell.from && l <= cell.to;
  };
  if (line !== null) {
    const at = cell.from + line - 1;
    const k = steps.findIndex((s) => s.span?.line === at);
    if (k >= 0) return k;
  }
  const k = steps.findIndex(inCell);
  return k >= 0 ? k : null;
}
