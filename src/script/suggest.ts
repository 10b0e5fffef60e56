/**
 * CPython 3.11's "Did you mean: '…'?" hint for NameError and AttributeError: the candidate with
 * the smallest Levenshtein distance (a case flip costs 1, any other edit 2) within a third of the
 * characters involved, ties to the first in sorted order; no hint from 750 candidates or more.
 */
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

/** `name 'x' is not defined`, with the hint CPython 3.11 adds from globals, then builtins. */
export function nameErrorMessage(name: string, globals: readonly string[]): string {
  const hint = closestName(name, [...globals].sort()) ?? closestName(name, dirOf('builtins'));
  return `name '${name}' is not defined${hint ? `. Did you mean: '${hint}'?` : ''}`;
}

/** `'T' object has no attribute 'x'` (or the module form), with CPython 3.11's hint. */
export function attributeErrorMessage(
  owner: string,
  name: string,
  candidates: readonly string[] | null,
  isModule = false,
): string {
  const hint = candidates ? closestName(name, candidates) : null;
  const base = isModule
    ? `module '${owner}' has no attribute '${name}'`
    : `'${owner}' object has no attribute '${name}'`;
  return `${base}${hint ? `. Did you mean: '${hint}'?` : ''}`;
}
