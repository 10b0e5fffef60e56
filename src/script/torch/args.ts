/**
 * Binding Python call arguments to a torch function's parameters, the way PyTorch checks them:
 * its C++ argument parser for native functions (`ones(): argument 'size' (position 1) must be
 * tuple of SymInts, not str`, "received an invalid combination of arguments") and plain Python
 * rules for functions PyTorch writes in Python (`Tensor.backward() got an unexpected keyword
 * argument 'foo'`).
 */
import {Generator} from '../../../autograd/random.js';
import {Tensor} from '../../../autograd/tensor.js';
import {isIntegral} from '../../../autograd/dtype.js';
import {pyError} from '../errors.js';
import {PyInstance} from '../objects.js';
import {typeName} from '../repr.js';
import {PyList, PyTuple, TorchDtype, type Kwargs} from '../values.js';
import {overloadLines, tpName} from './invalid-args.js';

/** What a parameter accepts, in PyTorch's words. */
export type ParamType =
  | 'Tensor'
  | 'Number'
  | 'int'
  | 'float'
  | 'bool'
  | 'dtype'
  | 'ints'
  | 'TensorOrNumber'
  | 'Generator'
  | 'any';

/** One parameter: its name, type, default (absent: required), whether it is keyword-only. */
export interface Param {
  readonly name: string;
  readonly type: ParamType;
  readonly optional?: boolean;
  readonly defaultValue?: unknown;
  readonly kwOnly?: boolean;
  readonly nullable?: boolean;
}

/** One of PyTorch's overloads as it prints it, with the argument counts it accepts. */
export interface Overload {
  readonly text: string;
  readonly min: number;
  readonly max: number;
  /** A deprecated overload PyTorch accepts but does not print. */
  readonly hidden?: boolean;
  /** Required arguments counting keyword-only ones, when PyTorch's "takes from …" needs it. */
  readonly required?: number;
}

/** A function's signature for binding. */
export interface Signature {
  /** The name in messages: `ones`, `add`, or `Tensor.backward` for Python-level methods. */
  readonly name: string;
  readonly params: readonly Param[];
  /** 'native': PyTorch's C++ parser and its messages; 'python': a Python `def`. */
  readonly style: 'native' | 'python';
  /** The first parameter is a size that may also be given as varargs (`ones(2, 3)`). */
  readonly varSize?: boolean;
  /** How PyTorch names the size's type in messages: 'tuple of SymInts' unless set ('tuple of ints'). */
  readonly intsName?: string;
  /** PyTorch's printed overloads and how many arguments each takes, for its messages. */
  readonly overloads?: readonly Overload[];
  /** A Python method whose messages count `self` (`Module.train() takes from 1 to 2 …`). */
  readonly method?: boolean;
}

/** Shorthand for an Overload. */
export function ov(
  text: string,
  min: number,
  max: number,
  hidden = false,
  required?: number,
): Overload {
  return {text, min, max, hidden, ...(required === undefined ? {} : {required})};
}

/** PyTorch's `extra_args` message: `takes 1 positional argument but 2 were given`, or `from 1 to 0`. */
function extraArgsMessage(s: Signature, n: number, maxPositional: number, given: number): string {
  const only =
    s.overloads?.length === 1 ? s.overloads[0] : s.overloads?.find((o) => n >= o.min && n <= o.max);
  const min = only?.required ?? maxPositional;
  if (min !== maxPositional) {
    return `${s.name}() takes from ${min} to ${maxPositional} positional arguments but ${given} were given`;
  }
  return `${s.name}() takes ${maxPositional} positional argument${maxPositional === 1 ? '' : 's'} but ${given} were given`;
}

/** Parses a compact signature: `name(Tensor input, Number other, *, Number alpha=1)`. */
export function sig(
  text: string,
  style: 'native' | 'python' = 'native',
  overloads?: readonly Overload[],
): Signature {
  const m = /^([\w.]+)\((.*)\)$/.exec(text.trim());
  if (!m) throw new Error(`bad signature ${text}`);
  const params: Param[] = [];
  let kwOnly = false;
  let varSize = false;
  for (const part of (m[2] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    if (part === '*') {
      kwOnly = true;
      continue;
    }
    const pm = /^(\*?)(\w+)(\?)? (\w+)(?:=(.*))?$/.exec(part);
    if (!pm) throw new Error(`bad param ${part}`);
    const [, star, type = 'any', nullable, name = '', dflt] = pm;
    if (star) varSize = true;
    params.push({
      name,
      type: type as ParamType,
      kwOnly,
      nullable: nullable === '?',
      optional: dflt !== undefined,
      defaultValue: dflt === undefined ? undefined : parseDefault(dflt),
    });
  }
  return {name: m[1] ?? '', params, style, varSize, ...(overloads ? {overloads} : {})};
}

function parseDefault(text: string): unknown {
  if (text === 'None') return null;
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (/^-?\d+$/.test(text)) return BigInt(text);
  if (/^-?[\d.e-]+$/.test(text)) return Number(text);
  return text.replace(/^'|'$/g, '');
}

const printedTypes: Readonly<Record<ParamType, string>> = {
  Tensor: 'Tensor',
  Number: 'Number',
  int: 'int',
  float: 'float',
  bool: 'bool',
  dtype: 'torch.dtype',
  ints: 'tuple of ints',
  TensorOrNumber: 'Tensor',
  Generator: 'torch.Generator',
  any: 'object',
};

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/** Does a Python int fit PyTorch's int64 (else "Overflow when unpacking long")? */
export function fitsInt64(v: bigint): boolean {
  return v >= int64Min && v <= int64Max;
}

function overflowing(v: unknown): boolean {
  if (typeof v === 'bigint') return !fitsInt64(v);
  if (v instanceof PyList || v instanceof PyTuple) return v.items.some(overflowing);
  return false;
}

function isInt(v: unknown): boolean {
  return (
    typeof v === 'bigint' ||
    (v instanceof Tensor && isIntegral(v.dtype) && v.numel() === 1 && v.dim() === 0)
  );
}

/** The autograd generator a `torch.Generator` object holds, or null for anything else. */
export function generatorOf(v: unknown): Generator | null {
  return v instanceof PyInstance && v.native instanceof Generator ? v.native : null;
}

/** Does `v` fit the parameter type? */
function accepts(p: Param, v: unknown): boolean {
  if (v === null && (p.nullable || (p.optional && p.defaultValue === null))) return true;
  switch (p.type) {
    case 'Tensor':
      return v instanceof Tensor;
    case 'Number':
      return typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';
    case 'TensorOrNumber':
      return (
        v instanceof Tensor ||
        typeof v === 'bigint' ||
        typeof v === 'number' ||
        typeof v === 'boolean'
      );
    case 'int':
      return isInt(v);
    case 'float':
      return typeof v === 'number' || typeof v === 'bigint';
    case 'bool':
      return typeof v === 'boolean';
    case 'dtype':
      return v instanceof TorchDtype;
    case 'ints':
      return isInt(v) || ((v instanceof PyList || v instanceof PyTuple) && v.items.every(isInt));
    case 'Generator':
      return generatorOf(v) !== null;
    case 'any':
      return true;
  }
}

function shortType(v: unknown): string {
  return tpName(v);
}

function describeCall(
  args: readonly unknown[],
  kwargs: Kwargs,
  marks?: readonly boolean[],
): string {
  const pos = args.map((a, i) => (marks?.[i] ? `!${shortType(a)}!` : shortType(a)));
  const kw = [...kwargs].map(([k, v]) => `${k}=${shortType(v)}`);
  if (pos.length === 0 && kw.length > 0) return `${kw.join(', ')}, `;
  return [...pos, ...kw].join(', ');
}

function printedSignature(s: Signature): string {
  const parts: string[] = [];
  let star = false;
  for (const p of s.params) {
    if (p.kwOnly && !star) {
      parts.push('*');
      star = true;
    }
    parts.push(`${printedTypes[p.type]} ${p.name}`);
  }
  return `(${parts.join(', ')})`;
}

/** PyTorch's "received an invalid combination of arguments" for a call no overload accepts. */
export function invalidArguments(s: Signature, args: readonly unknown[], kwargs: Kwargs): never {
  return invalidCombination(s, args, kwargs);
}

function invalidCombination(
  s: Signature,
  args: readonly unknown[],
  kwargs: Kwargs,
  marks?: boolean[],
): never {
  const got = describeCall(args, kwargs, marks);
  const shown = s.overloads?.filter((o) => !o.hidden) ?? [];
  if (shown.length > 1) {
    const list = overloadLines(
      shown.map((o) => o.text),
      args,
      kwargs,
    );
    throw pyError(
      'TypeError',
      `${s.name}() received an invalid combination of arguments - got (${got}), but expected one of:\n${list}`,
    );
  }
  const printed = shown[0]?.text ?? printedSignature(s);
  throw pyError(
    'TypeError',
    `${s.name}() received an invalid combination of arguments - got (${got}), but expected ${printed}`,
  );
}

function pythonBind(s: Signature, args: readonly unknown[], kwargs: Kwargs): Map<string, unknown> {
  const positional = s.params.filter((p) => !p.kwOnly);
  if (args.length > positional.length) {
    const required = positional.filter((p) => !p.optional).length;
    const counted = s.name.startsWith('Tensor.') || s.method === true ? 1 : 0;
    const lo = required + counted;
    const hi = positional.length + counted;
    const takes = lo === hi ? `${lo}` : `from ${lo} to ${hi}`;
    throw pyError(
      'TypeError',
      `${s.name}() takes ${takes} positional argument${lo === hi && hi === 1 ? '' : 's'} but ${args.length + counted} ${args.length + counted === 1 ? 'was' : 'were'} given`,
    );
  }
  const out = new Map<string, unknown>();
  positional.forEach((p, i) => {
    if (i < args.length) out.set(p.name, args[i]);
  });
  for (const [k, v] of kwargs) {
    const p = s.params.find((q) => q.name === k);
    if (!p) throw pyError('TypeError', `${s.name}() got an unexpected keyword argument '${k}'`);
    if (out.has(k))
      throw pyError('TypeError', `${s.name}() got multiple values for argument '${k}'`);
    out.set(k, v);
  }
  const missing = s.params.filter((p) => !p.optional && !out.has(p.name));
  if (missing.length > 0) {
    const names = missing.map((p) => `'${p.name}'`);
    const list =
      names.length === 1
        ? names[0]
        : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    throw pyError(
      'TypeError',
      `${s.name}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${list}`,
    );
  }
  for (const p of s.params) if (!out.has(p.name)) out.set(p.name, p.defaultValue ?? null);
  return out;
}

/** The number of arguments each printed overload takes (PyTorch's plausibility test). */
function plausibleOverloads(s: Signature, n: number): number {
  // With a single signature PyTorch always explains the mismatch precisely.
  if (!s.overloads || s.overloads.length === 1) return 1;
  return s.overloads.filter((o) => n >= o.min && n <= o.max).length;
}

/** The NumPy spellings PyTorch's argument parser accepts for some parameters (`keepdims=`). */
const numpyAliases: Readonly<Record<string, string>> = {
  axis: 'dim',
  keepdims: 'keepdim',
  x: 'input',
  a: 'input',
  x1: 'input',
  x2: 'other',
};

/** Keyword arguments with NumPy spellings renamed where the signature has PyTorch's name. */
function numpyNames(s: Signature, kwargs: Kwargs): Kwargs {
  const rename = (k: string): string => {
    const own = numpyAliases[k];
    return own !== undefined &&
      !s.params.some((p) => p.name === k) &&
      s.params.some((p) => p.name === own)
      ? own
      : k;
  };
  if (![...kwargs.keys()].some((k) => rename(k) !== k)) return kwargs;
  return new Map([...kwargs].map(([k, v]) => [rename(k), v]));
}

/** Binds a call's arguments to a signature; returns the values by parameter name. */
export function bind(s: Signature, args: readonly unknown[], given: Kwargs): Map<string, unknown> {
  if (s.style === 'python') return pythonBind(s, args, given);
  const kwargs = numpyNames(s, given);
  let positional = [...args];
  const first = s.params[0];
  const varargs = s.varSize === true && first !== undefined && positional.length > 1;
  if (varargs) positional = [new PyTuple(positional)];
  const n = positional.length + kwargs.size;
  // Like PyTorch: a precise message when exactly one overload takes this many arguments.
  // Several positional ints can only be the varargs size (`view(2, 'a')`): PyTorch parses them
  // against that overload alone.
  const precise = plausibleOverloads(s, n) === 1 || varargs;
  const posParams = s.params.filter((p) => !p.kwOnly);
  const marks = args.map((a, i) => {
    const p = posParams[i];
    return !p || !accepts(p.type === 'TensorOrNumber' ? {...p, type: 'Tensor'} : p, a);
  });
  const shownCount = s.overloads?.filter((o) => !o.hidden).length ?? 1;
  const fail = (message: string): never => {
    if (!precise) invalidCombination(s, args, kwargs, shownCount > 1 ? undefined : marks);
    throw pyError('TypeError', message);
  };
  if (positional.length > posParams.length) {
    fail(extraArgsMessage(s, n, posParams.length, positional.length));
  }
  for (const k of kwargs.keys()) {
    if (!s.params.some((p) => p.name === k))
      fail(`${s.name}() got an unexpected keyword argument '${k}'`);
  }
  const out = new Map<string, unknown>();
  let firstBad: {p: Param; v: unknown; position: number | null} | null = null;
  posParams.forEach((p, i) => {
    if (i >= positional.length) return;
    const v = positional[i];
    if (!accepts(p, v)) firstBad ??= {p, v, position: i + 1};
    out.set(p.name, v);
  });
  for (const [k, v] of kwargs) {
    const p = s.params.find((q) => q.name === k);
    if (!p) continue;
    if (out.has(k)) fail(`${s.name}() got multiple values for argument '${k}'`);
    if (!accepts(p, v)) firstBad ??= {p, v, position: null};
    out.set(k, v);
  }
  if (firstBad) {
    const {p, v, position} = firstBad;
    if (p.type === 'ints' && (v instanceof PyList || v instanceof PyTuple) && s.varSize) {
      const at = v.items.findIndex((x) => !isInt(x));
      fail(
        `${s.name}(): argument '${p.name}' must be ${s.intsName ?? 'tuple of SymInts'}, but found element of type ${typeName(v.items[at])} at pos ${at + 1}`,
      );
    }
    const where = position === null ? '' : ` (position ${position})`;
    const want = p.type === 'ints' ? (s.intsName ?? 'tuple of SymInts') : printedTypes[p.type];
    fail(`${s.name}(): argument '${p.name}'${where} must be ${want}, not ${typeName(v)}`);
  }
  const missing = s.params.filter((p) => !p.optional && !out.has(p.name));
  if (missing.length > 0) {
    fail(
      `${s.name}() missing ${missing.length} required positional arguments: ${missing.map((p) => `"${p.name}"`).join(', ')}`,
    );
  }
  for (const p of s.params) {
    const v = out.get(p.name);
    if (!overflowing(v)) continue;
    if (p.type === 'ints' && s.varSize) {
      const at = v instanceof PyList || v instanceof PyTuple ? v.items.findIndex(overflowing) : 0;
      throw pyError(
        'TypeError',
        `${s.name}(): argument '${p.name}' must be ${s.intsName ?? 'tuple of SymInts'}, but found element of type int at pos ${at + 1}`,
      );
    }
    throw pyError('RuntimeError', 'Overflow when unpacking long');
  }
  for (const p of s.params) if (!out.has(p.name)) out.set(p.name, p.defaultValue ?? null);
  return out;
}
