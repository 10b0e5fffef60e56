/**
 * The run limits an element takes as attributes (`max-loop-iterations`, `max-statements`,
 * `max-depth`, `time-budget-ms`, `max-elements`, `max-live-elements`, `max-ops`), turned into the
 * options of one run.
 * An unset limit keeps the runner's default; a value that is not a finite non-negative number is
 * ignored with one console warning, and the default applies.
 */
import type {ComplexAttributeConverter, LitElement} from 'lit';
import {property} from 'lit/decorators.js';
import {
  limitNames,
  runLimits,
  runOptionsOf,
  type LimitName,
  type LimitValues,
  type TraceSourceOptions,
} from '../src/run/index.js';

/** The limit properties, as `<grad-graph>` and `<grad-notebook>` declare them (null: the default). */
export type LimitProperties = Record<LimitName, number | null>;

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
      host.getAttribute(runLimits[name].attribute) ??
      (typeof value === 'number' ? String(value) : JSON.stringify(value));
    const note = `${runLimits[name].attribute}="${text}"`;
    if (!warned.has(note)) {
      warned.add(note);
      console.warn(
        `<${host.localName}>: ignoring ${note} (not a finite non-negative number); ` +
          'the default limit applies',
      );
    }
    return undefined;
  };
  const values: LimitValues = {};
  for (const name of limitNames) {
    const value = valid(name);
    if (value !== undefined) values[name] = value;
  }
  const options = runOptionsOf(values);
  return {options, key: JSON.stringify(options)};
}

/** A class of Lit elements (what a mixin extends). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ElementClass<T = LitElement> = new (...args: any[]) => T;

/** What {@link RunLimitsMixin} adds to an element. */
export interface RunLimitsElement extends LimitProperties {
  /** The options (and their key) of a run under the limits set now. */
  limitOptions(): RunLimits;
}

/**
 * The seven limit properties and attributes of src/run's limits table, declared once for every
 * element that runs scripts (`<grad-graph>`, `<grad-notebook>`). An attribute's name is the
 * table's (a test checks it); unset, the table's default applies. A value that is not a finite
 * number ≥ 0 is ignored with one console warning per element, and the default applies.
 *
 * @mixin
 */
export function RunLimitsMixin<T extends ElementClass>(base: T) {
  class WithRunLimits extends base implements RunLimitsElement {
    /** Most loop iterations in one run (all loops together); unset: 10,000,000. */
    @property({attribute: 'max-loop-iterations', converter: limitConverter})
    maxLoopIterations: number | null = null;
    /** Most statements executed in one run; unset: 50,000,000. */
    @property({attribute: 'max-statements', converter: limitConverter})
    maxStatements: number | null = null;
    /** Deepest nesting of brackets and operators the parser follows; unset: 200. */
    @property({attribute: 'max-depth', converter: limitConverter})
    maxDepth: number | null = null;
    /** Wall-clock budget of one run in milliseconds; unset: 30,000. */
    @property({attribute: 'time-budget-ms', converter: limitConverter})
    timeBudgetMs: number | null = null;
    /** Most elements one tensor may have; unset: 50,000,000. */
    @property({attribute: 'max-elements', converter: limitConverter})
    maxElements: number | null = null;
    /** Most elements all the tensors a script holds may add up to; unset: 200,000,000. */
    @property({attribute: 'max-live-elements', converter: limitConverter})
    maxLiveElements: number | null = null;
    /** Most ops the trace records before the script is stopped; unset: 200,000. */
    @property({attribute: 'max-ops', converter: limitConverter})
    maxOps: number | null = null;

    private readonly warnedLimits = new Set<string>();

    /**
     * The options (and their key) of a run under the limits set now.
     * @internal
     */
    limitOptions(): RunLimits {
      return runLimitsOf(this, this.warnedLimits);
    }
  }
  return WithRunLimits as ElementClass<RunLimitsElement> & T;
}
