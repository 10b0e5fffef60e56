/**
 * Argument checks shared by the methods of built-in types, with CPython 3.11's messages
 * (`list.append() takes exactly one argument (2 given)`, `get expected at most 2 arguments, got 3`).
 */
import {pyError} from './errors.js';
import {typeName} from './repr.js';
import type {Span} from '../trace/span.js';
import type {Kwargs} from './values.js';

/** A method of a built-in type: `self` first, then the call's arguments. */
export type Method = (
  self: never,
  args: readonly unknown[],
  kwargs: Kwargs,
  site?: Span | null,
) => unknown;

/** `name() takes no keyword arguments` unless kwargs is empty. */
export function noKw(name: string, kwargs: Kwargs): void {
  if (kwargs.size > 0) throw pyError('TypeError', `${name}() takes no keyword arguments`);
}

/** CPython's positional-count messages for a method taking `min`…`max` arguments. */
export function argCount(name: string, args: readonly unknown[], min: number, max: number): void {
  if (args.length >= min && args.length <= max) return;
  if (min === max) {
    const what =
      min === 0 ? 'no arguments' : min === 1 ? 'exactly one argument' : `exactly ${min} arguments`;
    throw pyError('TypeError', `${name}() takes ${what} (${args.length} given)`);
  }
  if (args.length < min) {
    throw pyError(
      'TypeError',
      `${name} expected at least ${min} argument${min > 1 ? 's' : ''}, got ${args.length}`,
    );
  }
  throw pyError(
    'TypeError',
    `${name} expected at most ${max} argument${max > 1 ? 's' : ''}, got ${args.length}`,
  );
}

/** An int argument (bool counts), else `'T' object cannot be interpreted as an integer`. */
export function toInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw pyError('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
}
