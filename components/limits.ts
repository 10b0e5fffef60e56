/**
 * The run limits an element takes as attributes (`max-loop-iterations`, `max-statements`,
 * `max-depth`, `time-budget-ms`, `max-elements`, `max-live-elements`, `max-ops`), turned into the
 * options of one run.
 * An unset limit keeps the runner's default; a value that is not a finite non-negative number is
 * ignored with one console warning, and the default applies.
 */
import type {ComplexAttributeConverter} from 'lit';
import type {TraceSourceOptions} from '../src/pipeline.js';

/** The limit properties, as `<grad-graph>` and `<grad-notebook>` declare them (null: the default). */
export interface LimitProperties {
  maxLoopIterations: number | null;
  maxStatements: number | null;
  maxDepth: number | null;
  timeBudgetMs: number | null;
  maxElements: number | null;
  maxLiveElements: number | null;
  maxOps: number | null;
}

/** Each limit property's attribute. */
export const limitAttributes: Readonly<Record<keyof LimitProperties, string>> = {
  maxLoopIterations: 'max-loop-iterations',
  maxStatements: 'max-statements',
  maxDepth: 'max-depth',
  timeBudgetMs: 'time-budget-ms',
  maxElements: 'max-elements',
  maxLiveElements: 'max-live-elements',
  maxOps: 'max-ops',
};

/**
 * Attribute ↔ property for a limit: a removed attribute is null (the default); an empty one is NaN
 * (invalid, warned about), not Lit's Number('') = 0, which would stop every script at once.
 */
export const limitConverter: ComplexAttributeConverter<number | null> = {
  fromAttribute: (value: string | null) =>
    value === null ? null : value.trim() === '' ? Number.NaN : Number(value),
  toAttribute: (value: number | null) => (value === null ? null : String(value)),
};

/** What the limits of one run come to: the options, and a key that changes when they do. */
export interface RunLimits {
  readonly options: TraceSourceOptions;
  readonly key: string;
}

/**
 * The run options of an element's limit properties. `warned` remembers the bad values already
 * reported, so each is warned about once per element, not once per run.
 */
export function runLimitsOf(
  host: LimitProperties & {readonly localName: string; getAttribute(name: string): string | null},
  warned: Set<string>,
): RunLimits {
  const valid = (name: keyof LimitProperties): number | undefined => {
    const value: unknown = host[name];
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
    // Name what the author wrote: the attribute's text when it came from one.
    const text =
      host.getAttribute(limitAttributes[name]) ??
      (typeof value === 'number' ? String(value) : JSON.stringify(value));
    const note = `${limitAttributes[name]}="${text}"`;
    if (!warned.has(note)) {
      warned.add(note);
      console.warn(
        `<${host.localName}>: ignoring ${note} (not a finite non-negative number); ` +
          'the default limit applies',
      );
    }
    return undefined;
  };
  const limits = {
    maxLoopIterations: valid('maxLoopIterations'),
    maxStatements: valid('maxStatements'),
    maxDepth: valid('maxDepth'),
    timeBudgetMs: valid('timeBudgetMs'),
    maxLiveElements: valid('maxLiveElements'),
  };
  const maxElements = valid('maxElements');
  const maxOps = valid('maxOps');
  const runner = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
  const options: TraceSourceOptions = {
    ...(Object.keys(runner).length ? {limits: runner} : {}),
    ...(maxElements !== undefined ? {maxElements} : {}),
    ...(maxOps !== undefined ? {maxOps} : {}),
  };
  return {options, key: JSON.stringify(options)};
}
