/**
 * Calling any Python callable from inside a builtin (`sorted(key=f)`, `map(f, xs)`,
 * `defaultdict(list)`, `functools.reduce(f, xs)`): the one entry point builtins use.
 */
import type {Span} from '../trace/span.js';
import {pyError} from './errors.js';
import {typeName} from './repr.js';
import {PyCallable, type Kwargs} from './values.js';

const noKwargs: Kwargs = new Map<string, unknown>();
const zeroSpan: Span = {line: 0, column: 0, endLine: 0, endColumn: 0};

/** `f(*args, **kwargs)`; `site` is the calling builtin's span when it has one. */
export function callValue(
  f: unknown,
  args: readonly unknown[] = [],
  kwargs: Kwargs = noKwargs,
  site: Span | null = null,
): unknown {
  if (f instanceof PyCallable) {
    const r = f.call(args, kwargs, {span: site ?? zeroSpan});
    return r === undefined ? null : r;
  }
  throw pyError('TypeError', `'${typeName(f)}' object is not callable`);
}
