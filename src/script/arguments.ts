/**
 * Binding a call's arguments to a script function's parameters, as CPython does it, with its
 * TypeError texts (`f() missing 1 required positional argument: 'x'`, `takes 2 positional
 * arguments but 3 were given`, `got an unexpected keyword argument`, …). Functions are named by
 * their `__qualname__` in these messages, as in Python 3.10+.
 */
import {pyError} from './errors.js';
import type {PyFunction} from './objects.js';
import {PyTuple, type Kwargs} from './values.js';

/** Makes the `**kwargs` parameter's value (a dict) from the leftover keyword arguments. */
export type KwargsMaker = (entries: readonly (readonly [string, unknown])[]) => unknown;

function quoteList(names: readonly string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0] as string;
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
}

/** The local variables a call of `fn` starts with, or CPython's TypeError. */
export function bindArguments(
  fn: PyFunction,
  args: readonly unknown[],
  kwargs: Kwargs,
  makeKwargs: KwargsMaker,
): Map<string, unknown> {
  const a = fn.args;
  const name = fn.qualname;
  const positional = a.posonly.length + a.args.length;
  const params = [...a.posonly, ...a.args];
  const vars = new Map<string, unknown>();
  const n = Math.min(args.length, positional);
  for (let i = 0; i < n; i++) vars.set((params[i] as {name: string}).name, args[i]);
  if (args.length > positional) {
    if (a.vararg) vars.set(a.vararg.name, new PyTuple(args.slice(positional)));
    else tooMany(fn, args.length, kwargs);
  } else if (a.vararg) vars.set(a.vararg.name, new PyTuple([]));

  const extra: [string, unknown][] = [];
  const posonlyAsKeyword: string[] = [];
  for (const [key, value] of kwargs) {
    const index = params.findIndex((p) => p.name === key);
    if (index >= 0 && index >= a.posonly.length) {
      if (vars.has(key))
        throw pyError('TypeError', `${name}() got multiple values for argument '${key}'`);
      vars.set(key, value);
    } else if (a.kwonly.some((p) => p.name === key)) {
      vars.set(key, value);
    } else if (a.kwarg) {
      extra.push([key, value]);
    } else if (index >= 0) {
      posonlyAsKeyword.push(key);
    } else {
      throw pyError('TypeError', `${name}() got an unexpected keyword argument '${key}'`);
    }
  }
  if (posonlyAsKeyword.length > 0) {
    throw pyError(
      'TypeError',
      `${name}() got some positional-only arguments passed as keyword arguments: '${posonlyAsKeyword.join(', ')}'`,
    );
  }
  // Defaults fill the last positional parameters.
  const firstDefault = positional - fn.defaults.length;
  const missing: string[] = [];
  for (let i = 0; i < positional; i++) {
    const p = params[i] as {name: string};
    if (vars.has(p.name)) continue;
    if (i >= firstDefault) vars.set(p.name, fn.defaults[i - firstDefault]);
    else missing.push(p.name);
  }
  if (missing.length > 0) {
    const s = missing.length === 1 ? '' : 's';
    throw pyError(
      'TypeError',
      `${name}() missing ${missing.length} required positional argument${s}: ${quoteList(missing)}`,
    );
  }
  const missingKw: string[] = [];
  for (const p of a.kwonly) {
    if (vars.has(p.name)) continue;
    if (fn.kwdefaults.has(p.name)) vars.set(p.name, fn.kwdefaults.get(p.name));
    else missingKw.push(p.name);
  }
  if (missingKw.length > 0) {
    const s = missingKw.length === 1 ? '' : 's';
    throw pyError(
      'TypeError',
      `${name}() missing ${missingKw.length} required keyword-only argument${s}: ${quoteList(missingKw)}`,
    );
  }
  if (a.kwarg) vars.set(a.kwarg.name, makeKwargs(extra));
  return vars;
}

function tooMany(fn: PyFunction, given: number, kwargs: Kwargs): never {
  const a = fn.args;
  const positional = a.posonly.length + a.args.length;
  const min = positional - fn.defaults.length;
  const takes =
    min === positional
      ? `${positional} positional argument${positional === 1 ? '' : 's'}`
      : `from ${min} to ${positional} positional arguments`;
  const kwonlyGiven = a.kwonly.filter((p) => kwargs.has(p.name)).length;
  const was = given === 1 ? 'was' : 'were';
  const also =
    kwonlyGiven > 0
      ? ` positional argument${given === 1 ? '' : 's'} (and ${kwonlyGiven} keyword-only argument${kwonlyGiven === 1 ? '' : 's'})`
      : '';
  throw pyError('TypeError', `${fn.qualname}() takes ${takes} but ${given}${also} ${was} given`);
}
