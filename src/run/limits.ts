/**
 * The seven run limits, declared once: what each stops, its element attribute, its CLI flag and
 * its default. The elements' attributes and properties, the CLI's flags and usage text and the
 * run's options are all read from this table; each default lives with the stage that enforces it
 * (the script runner's five, the recorder's op count, autograd's per-tensor cap) and is read here.
 */
import {getMaxElements} from '../../autograd/limits.js';
import {defaultLimits, type Limits} from '../script/index.js';
import {defaultMaxOps} from '../trace/index.js';
import type {TraceSourceOptions} from './trace.js';

/** The name of a run limit (the element property, and the key of the run's options). */
export type LimitName = keyof Limits | 'maxElements' | 'maxOps';

/** One run limit. */
export interface RunLimit {
  /** The element attribute (`max-loop-iterations`); the CLI flag is `--` and the same words. */
  readonly attribute: string;
  /** The default: a run that sets nothing stops past this. */
  readonly fallback: number;
  /** What a script does past the limit, completing "a script stops when it …". */
  readonly stops: string;
}

/**
 * autograd/'s per-tensor cap as this module first reads it: nothing of ours sets it at import
 * time, and a run sets it only for its own duration (`withMaxElements`), so this is its default.
 */
const defaultMaxElements = getMaxElements();

/** The seven run limits, in the order the README and the usage text list them. */
export const runLimits: Readonly<Record<LimitName, RunLimit>> = {
  maxLoopIterations: {
    attribute: 'max-loop-iterations',
    fallback: defaultLimits.maxLoopIterations,
    stops: 'loops more often (all loops together)',
  },
  maxStatements: {
    attribute: 'max-statements',
    fallback: defaultLimits.maxStatements,
    stops: 'executes more statements',
  },
  maxDepth: {
    attribute: 'max-depth',
    fallback: defaultLimits.maxDepth,
    stops: 'nests brackets and operators deeper',
  },
  timeBudgetMs: {
    attribute: 'time-budget-ms',
    fallback: defaultLimits.timeBudgetMs,
    stops: 'runs longer (wall clock, milliseconds)',
  },
  maxElements: {
    attribute: 'max-elements',
    fallback: defaultMaxElements,
    stops: 'makes a tensor with more elements',
  },
  maxLiveElements: {
    attribute: 'max-live-elements',
    fallback: defaultLimits.maxLiveElements,
    stops: 'holds more tensor elements in all',
  },
  maxOps: {
    attribute: 'max-ops',
    fallback: defaultMaxOps,
    stops: 'records more ops',
  },
};

/** The limit names, in the table's order. */
export const limitNames = Object.keys(runLimits) as readonly LimitName[];

/** Some limits set (by attribute, flag or property); the others keep their defaults. */
export type LimitValues = Partial<Record<LimitName, number>>;

/**
 * The options of one run from the limits set: the runner's five as `limits`, autograd's cap as
 * `maxElements`, the recorder's as `maxOps`. Only valid values (finite, ≥ 0) should be passed.
 */
export function runOptionsOf(values: LimitValues): TraceSourceOptions {
  const {maxElements, maxOps, ...runner} = values;
  const limits = Object.fromEntries(Object.entries(runner));
  return {
    ...(Object.keys(limits).length ? {limits} : {}),
    ...(maxElements !== undefined ? {maxElements} : {}),
    ...(maxOps !== undefined ? {maxOps} : {}),
  };
}
