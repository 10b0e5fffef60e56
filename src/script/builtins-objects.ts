/**
 * The builtins about objects and numbers beyond arithmetic: the container types dict, set and
 * frozenset, hash, id, chr, ord, divmod, pow, callable, getattr, hasattr and setattr, with
 * CPython 3.11's results and messages.
 */
import {getAttr, setAttr} from './attributes.js';
import {toInt} from './check.js';
import {hashOf, identityOf, PyDict, PySet, setFrom} from './containers.js';
import {updateDict} from './dict-methods.js';
import {callValue, isCallable} from './call.js';
import {dirNames} from './dir.js';
import {PyInstance} from './objects.js';
import {sortValues} from './builtins-functional.js';
import {PyException, pyError} from './errors.js';
import {isNumber} from './numbers.js';
import {binaryOp, iterate} from './operators.js';
import {pyRepr, typeName} from './repr.js';
import {PyCallable, PyList, PyTuple, type CallSite, type Kwargs} from './values.js';

type Builtin = (args: readonly unknown[], kwargs: Kwargs, site: CallSite) => unknown;

function exactlyOne(name: string, args: readonly unknown[], kwargs: Kwargs): unknown {
  if (kwargs.size) throw pyError('TypeError', `${name}() takes no keyword arguments`);
  if (args.length !== 1) {
    throw pyError('TypeError', `${name}() takes exactly one argument (${args.length} given)`);
  }
  return args[0];
}

function atMostOne(name: string, args: readonly unknown[]): void {
  if (args.length > 1) {
    throw pyError('TypeError', `${name} expected at most 1 argument, got ${args.length}`);
  }
}

function makeSet(name: string, args: readonly unknown[], kwargs: Kwargs, frozen: boolean): PySet {
  if (kwargs.size) throw pyError('TypeError', `${name}() takes no keyword arguments`);
  atMostOne(name, args);
  const source = args[0];
  if (source === undefined) return new PySet(frozen);
  if (frozen && source instanceof PySet && source.frozen) return source;
  if (source instanceof PySet || source instanceof PyDict) return setFrom(source, frozen);
  return setFrom(iterate(source), frozen);
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  if (mod === 0n) throw pyError('ValueError', 'pow() 3rd argument cannot be 0');
  const m = mod < 0n ? -mod : mod;
  let b = ((base % m) + m) % m;
  let e = exp;
  if (e < 0n) {
    // The modular inverse, by the extended Euclidean algorithm.
    let [r0, r1, s0, s1] = [b, m, 1n, 0n];
    while (r1 !== 0n) {
      const q = r0 / r1;
      [r0, r1] = [r1, r0 - q * r1];
      [s0, s1] = [s1, s0 - q * s1];
    }
    if (r0 !== 1n) throw pyError('ValueError', 'base is not invertible for the given modulus');
    b = ((s0 % m) + m) % m;
    e = -e;
  }
  let result = 1n % m;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return mod < 0n && result !== 0n ? result + mod : result;
}

function attributeName(v: unknown): string {
  if (typeof v !== 'string') {
    throw pyError('TypeError', `attribute name must be string, not '${typeName(v)}'`);
  }
  return v;
}

/** `bin`/`oct`/`hex`: the integer (bool, or anything with `__index__`) in base 2, 8 or 16. */
function radix(name: string, prefix: string, base: number): Builtin {
  return (args, kwargs) => {
    const v = exactlyOne(name, args, kwargs);
    if (typeof v !== 'bigint' && typeof v !== 'boolean') {
      throw pyError('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
    }
    const n = toInt(v);
    return `${n < 0n ? '-' : ''}${prefix}${(n < 0n ? -n : n).toString(base)}`;
  };
}

/** A builtin that exists in Python but that grad-graph refuses (no code execution, no IO). */
function refused(name: string, why: string): Builtin {
  return () => {
    throw pyError('NotImplementedError', `${name}() is not supported by grad-graph: ${why}`);
  };
}

const functions: Readonly<Record<string, Builtin>> = {
  bin: radix('bin', '0b', 2),
  oct: radix('oct', '0o', 8),
  hex: radix('hex', '0x', 16),
  ascii: (args, kwargs) =>
    pyRepr(exactlyOne('ascii', args, kwargs)).replace(/[^ -~\n\t\r]/gu, (c) => {
      const code = c.codePointAt(0) ?? 0;
      if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
      if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
      return `\\U${code.toString(16).padStart(8, '0')}`;
    }),
  dir: (args, kwargs) => {
    if (kwargs.size) throw pyError('TypeError', 'dir() takes no keyword arguments');
    if (args.length !== 1) {
      // dir() without an argument lists the caller's scope: the evaluator answers it
      throw pyError('TypeError', `dir expected at most 1 argument, got ${args.length}`);
    }
    const [v] = args;
    if (v instanceof PyInstance && v.cls.lookup('__dir__') !== undefined) {
      return new PyList(
        sortValues(iterate(callValue(getAttr(v, '__dir__'), [])), null, false, null),
      );
    }
    return new PyList(dirNames(v));
  },
  vars: (args, kwargs) => {
    if (args.length !== 1 || kwargs.size) {
      throw pyError(
        'NotImplementedError',
        "vars() without an object is not supported by grad-graph's Python subset",
      );
    }
    try {
      return getAttr(args[0], '__dict__');
    } catch (e) {
      if (e instanceof PyException && e.type === 'AttributeError') {
        throw pyError('TypeError', 'vars() argument must have __dict__ attribute');
      }
      throw e;
    }
  },
  eval: refused('eval', 'scripts never run code from strings (pages with a strict CSP must work)'),
  exec: refused('exec', 'scripts never run code from strings (pages with a strict CSP must work)'),
  compile: refused('compile', 'scripts never run code from strings'),
  open: refused('open', 'scripts have no file system'),
  input: refused('input', 'scripts have no standard input'),
  hash: (args, kwargs) => hashOf(exactlyOne('hash', args, kwargs)),
  id: (args, kwargs) => {
    const v = exactlyOne('id', args, kwargs);
    const n = typeof v === 'object' && v !== null ? identityOf(v) : 0;
    return BigInt(0x7f3a5c0e0000 + n * 0x30);
  },
  chr: (args, kwargs) => {
    const n = toInt(exactlyOne('chr', args, kwargs));
    if (n < 0n || n >= 0x110000n) throw pyError('ValueError', 'chr() arg not in range(0x110000)');
    return String.fromCodePoint(Number(n));
  },
  ord: (args, kwargs) => {
    const v = exactlyOne('ord', args, kwargs);
    if (typeof v !== 'string') {
      throw pyError('TypeError', `ord() expected string of length 1, but ${typeName(v)} found`);
    }
    const chars = Array.from(v);
    if (chars.length !== 1) {
      throw pyError(
        'TypeError',
        `ord() expected a character, but string of length ${chars.length} found`,
      );
    }
    return BigInt(v.codePointAt(0) ?? 0);
  },
  divmod: (args, kwargs) => {
    if (kwargs.size) throw pyError('TypeError', 'divmod() takes no keyword arguments');
    if (args.length !== 2) {
      throw pyError('TypeError', `divmod expected 2 arguments, got ${args.length}`);
    }
    const [a, b] = args;
    if (!isNumber(a) || !isNumber(b)) {
      throw pyError(
        'TypeError',
        `unsupported operand type(s) for divmod(): '${typeName(a)}' and '${typeName(b)}'`,
      );
    }
    if ((typeof a === 'number' || typeof b === 'number') && Number(b) === 0) {
      throw pyError('ZeroDivisionError', 'float divmod()');
    }
    return new PyTuple([binaryOp('//', a, b), binaryOp('%', a, b)]);
  },
  pow: (args, kwargs) => {
    const all = [...args];
    const names = ['base', 'exp', 'mod'];
    for (const [k, v] of kwargs) {
      const i = names.indexOf(k);
      if (i < 0 || i < args.length) {
        throw pyError('TypeError', `'${k}' is an invalid keyword argument for pow()`);
      }
      all[i] = v;
    }
    if (all[0] === undefined)
      throw pyError('TypeError', "pow() missing required argument 'base' (pos 1)");
    if (all[1] === undefined)
      throw pyError('TypeError', "pow() missing required argument 'exp' (pos 2)");
    if (all.length > 3) {
      throw pyError('TypeError', `pow() takes at most 3 arguments (${all.length} given)`);
    }
    const [base, exp, mod = null] = all;
    if (mod === null) return binaryOp('**', base, exp);
    const isInt = (v: unknown) => typeof v === 'bigint' || typeof v === 'boolean';
    if (!isInt(base) || !isInt(exp) || !isInt(mod)) {
      throw pyError(
        'TypeError',
        'pow() 3rd argument not allowed unless all arguments are integers',
      );
    }
    return modPow(toInt(base), toInt(exp), toInt(mod));
  },
  callable: (args, kwargs) => {
    return isCallable(exactlyOne('callable', args, kwargs));
  },
  getattr: (args, kwargs) => {
    if (kwargs.size) throw pyError('TypeError', 'getattr() takes no keyword arguments');
    if (args.length < 2) {
      throw pyError('TypeError', `getattr expected at least 2 arguments, got ${args.length}`);
    }
    if (args.length > 3) {
      throw pyError('TypeError', `getattr expected at most 3 arguments, got ${args.length}`);
    }
    const name = attributeName(args[1]);
    try {
      return getAttr(args[0], name);
    } catch (e) {
      if (args.length === 3 && e instanceof PyException && e.type === 'AttributeError') {
        return args[2];
      }
      throw e;
    }
  },
  hasattr: (args, kwargs) => {
    if (kwargs.size) throw pyError('TypeError', 'hasattr() takes no keyword arguments');
    if (args.length !== 2) {
      throw pyError('TypeError', `hasattr expected 2 arguments, got ${args.length}`);
    }
    const name = attributeName(args[1]);
    try {
      getAttr(args[0], name);
      return true;
    } catch (e) {
      if (e instanceof PyException && e.type === 'AttributeError') return false;
      throw e;
    }
  },
  setattr: (args, kwargs) => {
    if (kwargs.size) throw pyError('TypeError', 'setattr() takes no keyword arguments');
    if (args.length !== 3) {
      throw pyError('TypeError', `setattr expected 3 arguments, got ${args.length}`);
    }
    setAttr(args[0], attributeName(args[1]), args[2]);
    return null;
  },
};

const types: Readonly<Record<string, Builtin>> = {
  dict: (args, kwargs) => {
    atMostOne('dict', args);
    const d = new PyDict();
    updateDict(d, args[0], kwargs);
    return d;
  },
  set: (args, kwargs) => makeSet('set', args, kwargs, false),
  frozenset: (args, kwargs) => makeSet('frozenset', args, kwargs, true),
};

/** These builtins as name → callable pairs (dict, set and frozenset are types). */
export function objectBuiltins(): [string, PyCallable][] {
  return [
    ...Object.entries(functions).map(([n, f]): [string, PyCallable] => [n, new PyCallable(n, f)]),
    ...Object.entries(types).map(([n, f]): [string, PyCallable] => [
      n,
      new PyCallable(n, f, {kind: 'type'}),
    ]),
  ];
}
