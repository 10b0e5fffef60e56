/**
 * A fuzz campaign: the families of inputs (grammar, mutations, truncations, deep nesting, huge
 * literals, odd Unicode, wrong arguments), each producing scripts from a seed, all checked with the
 * same property. The Node test runs a bounded campaign with a fixed seed; `npm run fuzz` a long
 * one with a random seed.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {getMaxElements, setMaxElements} from '../../autograd/limits.js';
import {ScriptGrammar} from './grammar.js';
import {deepNesting, hugeLiterals, oddUnicode, sprinkle} from './hostile.js';
import {mutateScript, roughTokens} from './mutate.js';
import {check, checkTraced} from './property.js';
import {Rng} from './rng.js';
import {allWrongCalls} from './wrong-arguments.js';

/** The corpus: the golden scripts and the seed tutorial, by name. */
export function corpus(): Map<string, string> {
  const dir = new URL('../golden/scripts/cases/', import.meta.url);
  const scripts = new Map<string, string>();
  for (const f of readdirSync(dir).sort()) {
    if (f.endsWith('.py')) scripts.set(f, readFileSync(new URL(f, dir), 'utf8'));
  }
  const seed = '/work/shared/seeds/000_dea62ef09d44bf0b.txt';
  try {
    scripts.set('seed', readFileSync(seed, 'utf8'));
  } catch {
    // The seed lives outside the repository; the golden corpus holds it as a script too.
  }
  return scripts;
}

/** How many scripts of each family a campaign runs. */
export interface CampaignSize {
  readonly grammar: number;
  readonly mutations: number;
  /** Truncate corpus scripts at every `truncationStride`-th position (1: every position). */
  readonly truncationStride: number;
  readonly sprinkles: number;
  /** Random argument combinations per callable, besides the systematic ones. */
  readonly wrongArgumentCombos: number;
  readonly hostile: boolean;
  /** The deepest nesting tried (the hostile set goes up to 100,000). */
  readonly deepestNesting: number;
}

/** One property violation, with what reproduces it. */
export interface Finding {
  readonly family: string;
  readonly index: number;
  readonly source: string;
  readonly problem: string;
}

/** Counts per family and the findings of one campaign. */
export interface CampaignReport {
  readonly seed: number;
  readonly counts: Record<string, number>;
  /** Milliseconds spent per family. */
  readonly times: Record<string, number>;
  /** The slowest scripts (ms, family, first characters), to see what dominates. */
  readonly slowest: [number, string, string][];
  readonly findings: Finding[];
  readonly elapsedMs: number;
}

/** Per-tensor element cap while fuzzing, so one op stays fast (the default cap is tested apart). */
export const fuzzMaxElements = 200_000;

/** Positions 0..n in a spread-out order, so a campaign cut short still samples the whole text. */
function* spreadPositions(n: number, stride: number): Generator<number> {
  const count = Math.floor(n / stride) + 1;
  const step = 7919 % count || 1;
  for (let k = 0, p = 0; k < count; k++, p = (p + step) % count) yield p * stride;
}

function* repeat(n: number, make: () => string): Generator<string> {
  for (let i = 0; i < n; i++) yield make();
}

/** Each family of inputs as its own stream of scripts. */
function families(seed: number, size: CampaignSize): [string, Iterator<string>][] {
  const rng = new Rng(seed);
  const grammar = new ScriptGrammar(new Rng(seed + 1));
  const scripts = [...corpus().values()];
  const vocabulary = [...new Set(scripts.flatMap(roughTokens))];
  function* cuts(): Generator<string> {
    const iterators = scripts.map((s) => ({
      s,
      it: spreadPositions(s.length, size.truncationStride),
    }));
    let live = iterators.length;
    while (live > 0) {
      live = 0;
      for (const {s, it} of iterators) {
        const next = it.next();
        if (next.done) continue;
        live++;
        yield s.slice(0, next.value);
      }
    }
  }
  const list: [string, Iterator<string>][] = [
    ['grammar', repeat(size.grammar, () => grammar.script())],
    ['mutation', repeat(size.mutations, () => mutateScript(rng.pick(scripts), rng, vocabulary))],
    ['truncation', cuts()],
    ['unicode', repeat(size.sprinkles, () => sprinkle(rng.pick(scripts), rng))],
    ['arguments', allWrongCalls(new Rng(seed + 2), size.wrongArgumentCombos).values()],
  ];
  if (size.hostile) {
    list.push(['nesting', deepNesting(size.deepestNesting).values()]);
    list.push(['huge', hugeLiterals().values()]);
    list.push(['odd', oddUnicode().values()]);
  }
  return list;
}

/** Interleaves the families, one script of each in turn, so a time-capped run covers them all. */
function* interleave(streams: [string, Iterator<string>][]): Generator<[string, string]> {
  let live = streams;
  while (live.length > 0) {
    const next: [string, Iterator<string>][] = [];
    for (const [family, it] of live) {
      const r = it.next();
      if (r.done) continue;
      next.push([family, it]);
      yield [family, r.value];
    }
    live = next;
  }
}

/**
 * Runs a campaign; stops collecting findings after `maxFindings`, and stops running scripts once
 * `capMs` of wall time is spent and at least `minimum` scripts ran (the order is fixed by the
 * seed, so a capped run is a prefix, never shorter than `minimum` however loaded the machine).
 */
export function runCampaign(
  seed: number,
  size: CampaignSize,
  maxFindings = 50,
  onProgress?: (done: number) => void,
  capMs = Infinity,
  minimum = 0,
): CampaignReport {
  const counts: Record<string, number> = {};
  const times: Record<string, number> = {};
  const slowest: [number, string, string][] = [];
  const findings: Finding[] = [];
  const previous = setMaxElements(fuzzMaxElements);
  const t0 = performance.now();
  let done = 0;
  try {
    for (const [family, source] of interleave(families(seed, size))) {
      if (done >= minimum && performance.now() - t0 > capMs) break;
      const index = (counts[family] = (counts[family] ?? 0) + 1) - 1;
      const t = performance.now();
      // Every third script of each family also goes through the trace stage, as in the element.
      const problem = check(source) ?? (index % 3 === 0 ? checkTraced(source) : null);
      const ms = performance.now() - t;
      times[family] = (times[family] ?? 0) + ms;
      if (ms > 200) slowest.push([Math.round(ms), family, source.slice(0, 120)]);
      if (problem && findings.length < maxFindings) findings.push({family, index, source, problem});
      if (++done % 1000 === 0) onProgress?.(done);
    }
  } finally {
    setMaxElements(previous);
  }
  if (getMaxElements() !== previous) throw new Error('element cap not restored');
  slowest.sort((a, b) => b[0] - a[0]);
  return {
    seed,
    counts,
    times,
    slowest: slowest.slice(0, 20),
    findings,
    elapsedMs: performance.now() - t0,
  };
}
