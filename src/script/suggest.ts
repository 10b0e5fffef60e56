/**
 * CPython 3.11's "Did you mean: '…'?" hint for NameError and AttributeError: the candidate with
 * the smallest Levenshtein distance (a case flip costs 1, any other edit 2) within a third of the
 * characters involved, ties to the first in sorted order; no hint from 750 candidates or more.
 */
import type {Span} from '../trace/span.js';
import {type PyException, pyError} from './errors.js';
import {dirListOf} from './name-lists.js';

const moveCost = 2;
const caseCost = 1;
const maxStringSize = 40;
const maxCandidates = 750;

function substitutionCost(a: number, b: number): number {
  if ((a & 31) !== (b & 31)) return moveCost;
  if (a === b) return 0;
  const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
  return lower(a) === lower(b) ? caseCost : moveCost;
}

function levenshtein(aText: string, bText: string, maxCost: number): number {
  let a = [...new TextEncoder().encode(aText)];
  let b = [...new TextEncoder().encode(bText)];
  while (a.length && b.length && a[0] === b[0]) {
    a = a.slice(1);
    b = b.slice(1);
  }
  while (a.length && b.length && a[a.length - 1] === b[b.length - 1]) {
    a = a.slice(0, -1);
    b = b.slice(0, -1);
  }
  if (a.length === 0 || b.length === 0) return (a.length + b.length) * moveCost;
  if (a.length > maxStringSize || b.length > maxStringSize) return maxCost + 1;
  if (b.length < a.length) [a, b] = [b, a];
  if ((b.length - a.length) * moveCost > maxCost) return maxCost + 1;
  const buffer: number[] = a.map((_, i) => (i + 1) * moveCost);
  let result = 0;
  for (let bi = 0; bi < b.length; bi++) {
    const code = b[bi] ?? 0;
    let distance = (result = bi * moveCost);
    let minimum = Infinity;
    for (let i = 0; i < a.length; i++) {
      const substitute = distance + substitutionCost(code, a[i] ?? 0);
      distance = buffer[i] ?? 0;
      const insertDelete = Math.min(result, distance) + moveCost;
      result = Math.min(insertDelete, substitute);
      buffer[i] = result;
      if (result < minimum) minimum = result;
    }
    if (minimum > maxCost) return maxCost + 1;
  }
  return result;
}

/** The closest candidate to `name`, as CPython picks it, or null. */
export function closestName(name: string, candidates: readonly string[]): string | null {
  if (candidates.length >= maxCandidates) return null;
  const nameSize = new TextEncoder().encode(name).length;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const item of candidates) {
    if (item === name) continue;
    const itemSize = new TextEncoder().encode(item).length;
    let maxDistance = Math.floor(((nameSize + itemSize + 3) * moveCost) / 6);
    maxDistance = Math.min(maxDistance, bestDistance - 1);
    const d = levenshtein(name, item, maxDistance);
    if (d > maxDistance) continue;
    if (best === null || d < bestDistance) {
      best = item;
      bestDistance = d;
    }
  }
  return best;
}

/** The names `dir()` lists for a type or module (see pynames.ts; none before they load: name-lists.ts). */
export function dirOf(key: string): readonly string[] {
  return dirListOf(key).split(' ').filter(Boolean);
}

/**
 * The first candidate list, tried in order, that has a close name: CPython 3.11 tries the
 * failing frame's local variable names, then its globals (in dict order), then the builtins.
 */
function firstClosest(name: string, lists: readonly (() => readonly string[])[]): string | null {
  for (const list of lists) {
    const hint = closestName(name, list());
    if (hint !== null) return hint;
  }
  return null;
}

/**
 * NameError `name 'x' is not defined`; its hint (computed when a traceback prints it) comes
 * from `candidates()`: the frame's locals, then its globals, then the builtins in CPython's
 * dict order (pynames.ts's `builtins-order`).
 */
export function nameError(
  name: string,
  span: Span | null,
  candidates: () => readonly (readonly string[])[],
): PyException {
  const e = pyError('NameError', `name '${name}' is not defined`, span);
  e.missingName = name;
  e.suggest = () =>
    firstClosest(name, [...candidates().map((list) => () => list), () => dirOf('builtins-order')]);
  return e;
}

/** `'T' object has no attribute 'x'`, or the module form `module 'm' has no attribute 'x'`. */
export function attributeErrorMessage(owner: string, name: string, isModule = false): string {
  return isModule
    ? `module '${owner}' has no attribute '${name}'`
    : `'${owner}' object has no attribute '${name}'`;
}

/**
 * Gives an AttributeError that left `value.name` its `name` and `obj` (Python's `e.name`,
 * `e.obj`) and the hint CPython 3.11 prints from `dir(obj)`, unless it has them already (an
 * inner lookup's): CPython's `set_attribute_error_context`.
 */
export function noteAttributeContext(
  e: PyException,
  value: unknown,
  name: string,
  dir: (value: unknown) => readonly string[],
): void {
  if (e.missingName !== null) return;
  e.missingName = name;
  e.missingOwner = value;
  e.suggest = () => {
    try {
      return closestName(name, [...dir(value)].sort());
    } catch {
      return null;
    }
  };
}

/** An exception's message as a traceback prints it: with its "Did you mean" hint, if any. */
export function printedMessage(e: PyException): string {
  const hint = e.suggest?.() ?? null;
  e.suggest = () => hint;
  return hint === null ? e.message : `${e.message}. Did you mean: '${hint}'?`;
}
