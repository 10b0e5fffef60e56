/**
 * The runner's limits: what stops a runaway script with a clear Python-style error instead of a
 * frozen page or a JS stack overflow. The defaults are far above what a teaching script needs.
 */

/** Limits of one run; every field can be overridden through `RunOptions.limits`. */
export interface Limits {
  /** Loop iterations in the whole run (all `for` loops together). */
  readonly maxLoopIterations: number;
  /** Statements executed in the whole run. */
  readonly maxStatements: number;
  /** Nesting depth of expressions (brackets, operators) the parser and interpreter follow. */
  readonly maxDepth: number;
  /** Wall-clock budget of one run, in milliseconds. */
  readonly timeBudgetMs: number;
  /**
   * Elements all tensors the script holds may add up to (variables, lists, grads and the tensors
   * their graphs saved); past it, the next allocation is a RuntimeError.
   */
  readonly maxLiveElements: number;
}

/** The default limits. */
export const defaultLimits: Limits = {
  maxLoopIterations: 10_000_000,
  maxStatements: 50_000_000,
  maxDepth: 200,
  timeBudgetMs: 30_000,
  maxLiveElements: 200_000_000,
};

/** The limits with some fields overridden; invalid overrides (NaN, negative) keep the default. */
export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  const pick = (key: keyof Limits): number => {
    const v = overrides[key];
    return typeof v === 'number' && v >= 0 && !Number.isNaN(v) ? v : defaultLimits[key];
  };
  return {
    maxLoopIterations: pick('maxLoopIterations'),
    maxStatements: pick('maxStatements'),
    maxDepth: pick('maxDepth'),
    timeBudgetMs: pick('timeBudgetMs'),
    maxLiveElements: pick('maxLiveElements'),
  };
}
