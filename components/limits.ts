/**
 * The run limits an element takes as attributes (`max-loop-iterations`, `max-statements`,
 * `max-depth`, `time-budget-ms`, `max-elements`, `max-live-elements`, `max-ops`), turned into the
 * options of one run.
 * An unset limit keeps the runner's default; a value that is not a finite non-negative number is
 * ignored with one console warning, and the default applies.
 */
import type {ComplexAttributeConverter} from 'lit';
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
