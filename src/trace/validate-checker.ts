/**
 * The checks every part of a trace is validated with (validate.ts): one field's type and bounds,
 * the limits that keep validation linear in the input, and the id sets references are checked
 * against. Each check throws a {@link TraceValidationError} naming the bad field's path.
 */
import {isEncodedNumberString} from './numbers.js';
import type {DtypeName, EncodedArg, EncodedNumber, TensorData, TensorOrigin} from './schema.js';
import type {Span} from './span.js';

/** A trace failed validation; `path` names the bad field, e.g. `$.tensors[2].shape[1]`. */
export class TraceValidationError extends Error {
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`invalid trace at ${path}: ${problem}`);
    this.name = 'TraceValidationError';
    this.path = path;
  }
}

/** Limits that keep validation bounded; a trace past them is refused, not slowly processed. */
export interface ValidationLimits {
  /** Most elements in one tensor's stored values. */
  readonly maxElements: number;
  /** Most dimensions of a shape. */
  readonly maxDims: number;
  /** Most nesting of list arguments. */
  readonly maxArgDepth: number;
  /** Longest string anywhere (source, output, printed text, messages). */
  readonly maxStringLength: number;
}

/** The limits validation uses unless told otherwise. */
export const DEFAULT_LIMITS: ValidationLimits = {
  maxElements: 10_000_000,
  maxDims: 16,
  maxArgDepth: 8,
  maxStringLength: 50_000_000,
};

const DTYPES: readonly DtypeName[] = [
  'float32',
  'float64',
  'float16',
  'int64',
  'int32',
  'int16',
  'int8',
  'uint8',
  'bool',
];
const INTEGRAL: readonly DtypeName[] = ['int64', 'int32', 'int16', 'int8', 'uint8'];
/** Where a tensor can come from. */
export const ORIGINS: readonly TensorOrigin[] = ['op', 'grad', 'external'];
const SPECIALS = ['NaN', 'Infinity', '-Infinity', '-0'] as const;
/** A Python parameter name; dunder names (`__proto__`) are never parameters. */
const ARG_KEY = /^(?!__)[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** A JSON object being checked. */
export type Obj = Readonly<Record<string, unknown>>;

/** The checks, with the limits and the id sets needed to check references. */
export class Checker {
  readonly tensorIds = new Set<number>();
  readonly gradFnIds = new Set<number>();
  constructor(readonly limits: ValidationLimits) {}

  fail(path: string, problem: string): never {
    throw new TraceValidationError(path, problem);
  }

  object(v: unknown, path: string): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      this.fail(path, 'expected an object');
    return v as Obj;
  }

  array(v: unknown, path: string): readonly unknown[] {
    if (!Array.isArray(v)) this.fail(path, 'expected an array');
    return v as readonly unknown[];
  }

  /** Checks each element of an array with `f`; holes are visited (as undefined) and refused. */
  each<T>(v: unknown, path: string, f: (x: unknown, path: string, i: number) => T): T[] {
    const a = this.array(v, path);
    const out: T[] = [];
    for (let i = 0; i < a.length; i++) out.push(f(a[i], `${path}[${i}]`, i));
    return out;
  }

  field(o: Obj, key: string, path: string): unknown {
    if (!Object.hasOwn(o, key)) this.fail(`${path}.${key}`, 'missing');
    return o[key];
  }

  string(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, 'expected a string');
    if (v.length > this.limits.maxStringLength) this.fail(path, 'string too long');
    return v;
  }

  nullableString(v: unknown, path: string): string | null {
    return v === null ? null : this.string(v, path);
  }

  boolean(v: unknown, path: string): boolean {
    if (typeof v !== 'boolean') this.fail(path, 'expected true or false');
    return v;
  }

  /** A non-negative safe integer (ids, seqs, indices, sizes). */
  count(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      this.fail(path, 'expected a non-negative integer');
    }
    return v;
  }

  nullableCount(v: unknown, path: string): number | null {
    return v === null ? null : this.count(v, path);
  }

  /** A positive integer (line and column numbers). */
  positive(v: unknown, path: string): number {
    const n = this.count(v, path);
    if (n < 1) this.fail(path, 'expected a positive integer');
    return n;
  }

  span(v: unknown, path: string): Span | null {
    if (v === null) return null;
    const o = this.object(v, path);
    return {
      line: this.positive(this.field(o, 'line', path), `${path}.line`),
      column: this.positive(this.field(o, 'column', path), `${path}.column`),
      endLine: this.positive(this.field(o, 'endLine', path), `${path}.endLine`),
      endColumn: this.positive(this.field(o, 'endColumn', path), `${path}.endColumn`),
    };
  }

  tensorRef(v: unknown, path: string): number {
    const id = this.count(v, path);
    if (!this.tensorIds.has(id)) this.fail(path, `no tensor with id ${id}`);
    return id;
  }

  gradFnRef(v: unknown, path: string): number {
    const id = this.count(v, path);
    if (!this.gradFnIds.has(id)) this.fail(path, `no grad_fn with id ${id}`);
    return id;
  }

  tensorRefs(v: unknown, path: string): number[] {
    return this.each(v, path, (x, p) => this.tensorRef(x, p));
  }

  dtype(v: unknown, path: string): DtypeName {
    if (!DTYPES.includes(v as DtypeName)) this.fail(path, `expected one of ${DTYPES.join(', ')}`);
    return v as DtypeName;
  }

  shape(v: unknown, path: string): number[] {
    const a = this.array(v, path);
    if (a.length > this.limits.maxDims)
      this.fail(path, `more than ${this.limits.maxDims} dimensions`);
    return this.each(a, path, (d, p) => this.count(d, p));
  }

  element(v: unknown, dtype: DtypeName, path: string): EncodedNumber {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) this.fail(path, 'expected a finite number');
      if (dtype === 'bool' && v !== 0 && v !== 1) this.fail(path, 'a bool element must be 0 or 1');
      if (INTEGRAL.includes(dtype) && !Number.isInteger(v))
        this.fail(path, `an ${dtype} element must be an integer`);
      return v;
    }
    if (typeof v === 'string' && isEncodedNumberString(v)) {
      const isSpecial = (SPECIALS as readonly string[]).includes(v);
      if (INTEGRAL.includes(dtype) ? isSpecial : !isSpecial || dtype === 'bool') {
        this.fail(path, `'${v}' is not a ${dtype} element`);
      }
      return v;
    }
    return this.fail(path, 'expected a number or an encoded number string');
  }

  /** A random seed: a decimal integer in [0, 2^64). */
  seed(v: unknown, path: string): string {
    const s = this.string(v, path);
    if (!/^(0|[1-9][0-9]{0,19})$/.test(s) || BigInt(s) >= 2n ** 64n)
      this.fail(path, 'expected a decimal integer in [0, 2^64)');
    return s;
  }

  tensorData(v: unknown, path: string): TensorData {
    const o = this.object(v, path);
    const shape = this.shape(this.field(o, 'shape', path), `${path}.shape`);
    const dtype = this.dtype(this.field(o, 'dtype', path), `${path}.dtype`);
    const raw = this.field(o, 'values', path);
    let values: EncodedNumber[] | null = null;
    if (raw !== null) {
      const a = this.array(raw, `${path}.values`);
      // An empty dimension anywhere means no elements (a [1, 0] tensor was refused; found by fuzz).
      let numel = shape.includes(0) ? 0 : 1;
      for (const d of shape) {
        if (numel === 0) break;
        numel *= d;
        if (numel > a.length) break; // stop before the product can overflow
      }
      if (numel !== a.length) {
        this.fail(
          `${path}.values`,
          `expected ${shape.length ? shape.join('×') : 'one'} elements, got ${a.length}`,
        );
      }
      if (a.length > this.limits.maxElements) this.fail(`${path}.values`, 'too many elements');
      values = new Array<EncodedNumber>(a.length);
      const floating = dtype === 'float32' || dtype === 'float64' || dtype === 'float16';
      for (let i = 0; i < a.length; i++) {
        const x = a[i];
        // The fast path builds no path string; the slow one explains the failure.
        values[i] =
          typeof x === 'number' && Number.isFinite(x) && floating
            ? x
            : this.element(x, dtype, `${path}.values[${i}]`);
      }
    }
    const data: {shape: number[]; dtype: DtypeName; values: EncodedNumber[] | null; text?: string} =
      {
        shape,
        dtype,
        values,
      };
    if (o.text !== undefined) data.text = this.string(o.text, `${path}.text`);
    else if (values === null) this.fail(`${path}.text`, 'required when values is null');
    return data;
  }

  nullableTensorData(v: unknown, path: string): TensorData | null {
    return v === null ? null : this.tensorData(v, path);
  }

  arg(v: unknown, path: string, depth: number): EncodedArg {
    if (v === null || typeof v === 'boolean') return v;
    if (typeof v === 'string') return this.string(v, path);
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) this.fail(path, 'expected a finite number');
      return v;
    }
    if (Array.isArray(v)) {
      if (depth >= this.limits.maxArgDepth) this.fail(path, 'lists nested too deeply');
      return this.each(v, path, (x, p) => this.arg(x, p, depth + 1));
    }
    const o = this.object(v, path);
    const s = this.field(o, 'special', path);
    if (!(SPECIALS as readonly unknown[]).includes(s)) {
      this.fail(`${path}.special`, `expected one of ${SPECIALS.join(', ')}`);
    }
    return {special: s as (typeof SPECIALS)[number]};
  }

  args(v: unknown, path: string): Record<string, EncodedArg> {
    const o = this.object(v, path);
    return Object.fromEntries(
      Object.keys(o).map((k) => {
        if (!ARG_KEY.test(k))
          this.fail(`${path}[${JSON.stringify(k.slice(0, 64))}]`, 'not a parameter name');
        return [k, this.arg(o[k], `${path}.${k}`, 0)];
      }),
    );
  }
}
