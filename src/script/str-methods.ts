/**
 * The methods of str, with CPython 3.11's semantics and messages: searching with slice bounds
 * (`find`, `count`, `startswith` with a tuple), splitting (`split`/`rsplit` with maxsplit,
 * `splitlines`, `partition`), case (`title`, `capitalize`, `swapcase`), padding (`center`, `zfill`),
 * the `is…` predicates, `translate`/`maketrans`. Indices are UTF-16 code units, as elsewhere in the
 * subset (the same as CPython's for text without astral characters).
 */
import {argCount, noKw, toInt, type Method} from './check.js';
import {PyDict} from './containers.js';
import {pyError} from './errors.js';
import {iterate} from './operators.js';
import {typeName} from './repr.js';
import {PyList, PyTuple, type Kwargs} from './values.js';

/** Python's whitespace (str.isspace, split() and strip() without arguments). */
const spaceChars = new Set(
  ' \t\n\r\v\f\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000',
);

/** Line boundaries of `str.splitlines`. */
const lineBreaks = new Set('\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029');

function isSpace(c: string): boolean {
  return spaceChars.has(c);
}

function isCased(c: string): boolean {
  return c.toLowerCase() !== c.toUpperCase();
}

function isLowerChar(c: string): boolean {
  return isCased(c) && c === c.toLowerCase() && c !== c.toUpperCase();
}

function isUpperChar(c: string): boolean {
  return isCased(c) && c === c.toUpperCase() && c !== c.toLowerCase();
}

function needStr(method: string, v: unknown, pos = 'argument'): string {
  if (typeof v !== 'string')
    throw pyError('TypeError', `${method}() ${pos} must be str, not ${typeName(v)}`);
  return v;
}

/** `[start, end)` of a slice-style bound pair (None or int, negatives from the end), clamped. */
function bounds(s: string, start: unknown, end: unknown): [number, number] {
  const n = s.length;
  const norm = (v: unknown, dflt: number): number => {
    if (v === null || v === undefined) return dflt;
    if (typeof v !== 'bigint' && typeof v !== 'boolean') {
      throw pyError(
        'TypeError',
        'slice indices must be integers or None or have an __index__ method',
      );
    }
    let i = Number(toInt(v));
    if (i < 0) i = Math.max(0, i + n);
    return Math.min(i, n);
  };
  return [norm(start, 0), norm(end, n)];
}

/** The sub-string argument and bounds of find/index/count. */
function searchArgs(name: string, s: string, args: readonly unknown[]): [string, number, number] {
  argCount(name, args, 1, 3);
  const sub = args[0];
  if (typeof sub !== 'string') {
    throw pyError('TypeError', `must be str, not ${typeName(sub)}`);
  }
  const [a, b] = bounds(s, args[1], args[2]);
  return [sub, a, b];
}

function find(s: string, args: readonly unknown[], name: string): number {
  const [sub, a, b] = searchArgs(name, s, args);
  if (a > s.length || b - a < sub.length) return sub === '' && a <= b ? a : -1;
  const i = s.indexOf(sub, a);
  return i >= 0 && i + sub.length <= b ? i : -1;
}

function rfind(s: string, args: readonly unknown[], name: string): number {
  const [sub, a, b] = searchArgs(name, s, args);
  if (b - a < sub.length) return sub === '' && a <= b ? b : -1;
  const i = s.lastIndexOf(sub, b - sub.length);
  return i >= a ? i : -1;
}

/** `startswith`/`endswith`: a str or a tuple of strs, within optional bounds. */
function affix(name: string, s: string, args: readonly unknown[], atEnd: boolean): boolean {
  argCount(name, args, 1, 3);
  const [a, b] = bounds(s, args[1], args[2]);
  const part = s.slice(a, b);
  const check = (p: unknown): boolean => {
    if (typeof p !== 'string') {
      throw pyError('TypeError', `tuple for ${name} must only contain str, not ${typeName(p)}`);
    }
    if (a > s.length) return false;
    return atEnd ? part.endsWith(p) : part.startsWith(p);
  };
  const what = args[0];
  if (what instanceof PyTuple) return what.items.some(check);
  if (typeof what !== 'string') {
    throw pyError(
      'TypeError',
      `${name} first arg must be str or a tuple of str, not ${typeName(what)}`,
    );
  }
  return check(what);
}

/** `sep` and `maxsplit` of split/rsplit, positional or keyword. */
function splitArgs(
  name: string,
  args: readonly unknown[],
  kwargs: Kwargs,
): [string | null, number] {
  argCount(name, args, 0, 2);
  let sep: unknown = args[0] ?? null;
  let max: unknown = args[1] ?? -1n;
  for (const [k, v] of kwargs) {
    if (k === 'sep' && args.length < 1) sep = v;
    else if (k === 'maxsplit' && args.length < 2) max = v;
    else if (k === 'sep' || k === 'maxsplit') {
      throw pyError('TypeError', `argument for ${name}() given by name ('${k}') and position`);
    } else throw pyError('TypeError', `${name}() got an unexpected keyword argument '${k}'`);
  }
  if (sep !== null && typeof sep !== 'string') {
    throw pyError('TypeError', `must be str or None, not ${typeName(sep)}`);
  }
  if (sep === '') throw pyError('ValueError', 'empty separator');
  const m = Number(toInt(max));
  return [sep, m < 0 ? Infinity : m];
}

function split(s: string, sep: string | null, max: number): string[] {
  const out: string[] = [];
  if (sep !== null) {
    let i = 0;
    while (out.length < max) {
      const j = s.indexOf(sep, i);
      if (j < 0) break;
      out.push(s.slice(i, j));
      i = j + sep.length;
    }
    out.push(s.slice(i));
    return out;
  }
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isSpace(s.charAt(i))) i++;
    if (i >= n) break;
    if (out.length >= max) {
      let end = n;
      while (end > i && isSpace(s.charAt(end - 1))) end--;
      out.push(s.slice(i, end));
      break;
    }
    let j = i;
    while (j < n && !isSpace(s.charAt(j))) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

function rsplit(s: string, sep: string | null, max: number): string[] {
  const out: string[] = [];
  if (sep !== null) {
    let end = s.length;
    while (out.length < max) {
      const j = end - sep.length < 0 ? -1 : s.lastIndexOf(sep, end - sep.length);
      if (j < 0) break;
      out.push(s.slice(j + sep.length, end));
      end = j;
    }
    out.push(s.slice(0, end));
    return out.reverse();
  }
  let j = s.length;
  while (j > 0) {
    while (j > 0 && isSpace(s.charAt(j - 1))) j--;
    if (j <= 0) break;
    if (out.length >= max) {
      let start = 0;
      while (start < j && isSpace(s.charAt(start))) start++;
      out.push(s.slice(start, j));
      break;
    }
    let i = j;
    while (i > 0 && !isSpace(s.charAt(i - 1))) i--;
    out.push(s.slice(i, j));
    j = i;
  }
  return out.reverse();
}

function strip(name: string, s: string, args: readonly unknown[], left: boolean, right: boolean) {
  argCount(name, args, 0, 1);
  const chars = args[0] ?? null;
  if (chars !== null && typeof chars !== 'string') {
    throw pyError('TypeError', `${name} arg must be None or str`);
  }
  const drop = chars === null ? isSpace : (c: string) => chars.includes(c);
  let a = 0;
  let b = s.length;
  while (left && a < b && drop(s.charAt(a))) a++;
  while (right && b > a && drop(s.charAt(b - 1))) b--;
  return s.slice(a, b);
}

/** The width and fill of ljust/rjust/center. */
function padArgs(name: string, args: readonly unknown[]): [number, string] {
  argCount(name, args, 1, 2);
  const width = Number(toInt(args[0]));
  const fill = args[1] ?? ' ';
  if (typeof fill !== 'string') {
    throw pyError(
      'TypeError',
      `${name}() argument 2 must be str of length 1, not ${typeName(fill)}`,
    );
  }
  if (fill.length !== 1) {
    throw pyError('TypeError', 'The fill character must be exactly one character long');
  }
  return [width, fill];
}

function title(s: string): string {
  let out = '';
  let previousCased = false;
  for (const c of s) {
    if (isCased(c)) {
      out += previousCased ? c.toLowerCase() : c.toUpperCase();
      previousCased = true;
    } else {
      out += c;
      previousCased = false;
    }
  }
  return out;
}

function every(s: string, test: (c: string) => boolean): boolean {
  if (s.length === 0) return false;
  for (const c of s) if (!test(c)) return false;
  return true;
}

const alpha = /^[\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}]$/u;
const decimal = /^\p{Nd}$/u;
const digit =
  /^[\p{Nd}\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490]$/u;
const numeric = /^[\p{N}\u3007\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341]$/u;
const identifierStart = /^[\p{L}\p{Nl}_]$/u;
const identifierPart = /^[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]$/u;

function splitlines(s: string, keep: boolean): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < s.length) {
    const c = s.charAt(i);
    if (!lineBreaks.has(c)) {
      i++;
      continue;
    }
    const width = c === '\r' && s.charAt(i + 1) === '\n' ? 2 : 1;
    out.push(s.slice(start, keep ? i + width : i));
    i += width;
    start = i;
  }
  if (start < s.length) out.push(s.slice(start));
  return out;
}

function oneArgument(name: string, args: readonly unknown[], kwargs: Kwargs): unknown {
  noKw(name, kwargs);
  argCount(name, args, 1, 1);
  return args[0];
}

function noArguments(name: string, args: readonly unknown[], kwargs: Kwargs): void {
  noKw(name, kwargs);
  argCount(name, args, 0, 0);
}

/** `str.translate(table)`: a dict of code points to str, code point or None. */
function translate(s: string, table: unknown): string {
  let out = '';
  for (const c of s) {
    const code = BigInt(c.codePointAt(0) ?? 0);
    if (!(table instanceof PyDict) || !table.has(code)) {
      out += c;
      continue;
    }
    const to = table.get(code);
    if (to === null) continue;
    if (typeof to === 'string') out += to;
    else if (typeof to === 'bigint') out += String.fromCodePoint(Number(to));
    else throw pyError('TypeError', 'character mapping must return integer, None or str');
  }
  return out;
}

/** `str.maketrans(x[, y[, z]])`: the table `translate` reads. */
export function makeTrans(args: readonly unknown[]): PyDict {
  argCount('maketrans', args, 1, 3);
  const table = new PyDict();
  if (args.length === 1) {
    const x = args[0];
    if (!(x instanceof PyDict)) {
      throw pyError('TypeError', 'if you give only one argument to maketrans it must be a dict');
    }
    for (const [k, v] of x.items()) {
      if (typeof k === 'string') {
        if (k.length !== 1) {
          throw pyError('ValueError', 'string keys in translate table must be of length 1');
        }
        table.set(BigInt(k.codePointAt(0) ?? 0), v);
      } else if (typeof k === 'bigint') table.set(k, v);
      else throw pyError('TypeError', 'keys in translate table must be strings or integers');
    }
    return table;
  }
  const from = needStr('maketrans', args[0], 'argument 1');
  const to = needStr('maketrans', args[1], 'argument 2');
  if (from.length !== to.length) {
    throw pyError('ValueError', 'the first two maketrans arguments must have equal length');
  }
  for (let i = 0; i < from.length; i++) {
    table.set(BigInt(from.codePointAt(i) ?? 0), BigInt(to.codePointAt(i) ?? 0));
  }
  const drop = args[2] === undefined ? '' : needStr('maketrans', args[2], 'argument 3');
  for (const c of drop) table.set(BigInt(c.codePointAt(0) ?? 0), null);
  return table;
}

/** The methods of str (format and join live with the formatting code: see attributes.ts). */
export const strMethods: Readonly<Record<string, Method>> = {
  upper: (self: string, args, kwargs) => (
    noArguments('str.upper', args, kwargs),
    self.toUpperCase()
  ),
  lower: (self: string, args, kwargs) => (
    noArguments('str.lower', args, kwargs),
    self.toLowerCase()
  ),
  casefold: (self: string, args, kwargs) => (
    noArguments('str.casefold', args, kwargs),
    self.toLowerCase().replace(/ß/g, 'ss')
  ),
  swapcase: (self: string, args, kwargs) => {
    noArguments('str.swapcase', args, kwargs);
    let out = '';
    for (const c of self) {
      out += isUpperChar(c) ? c.toLowerCase() : isLowerChar(c) ? c.toUpperCase() : c;
    }
    return out;
  },
  title: (self: string, args, kwargs) => (noArguments('str.title', args, kwargs), title(self)),
  capitalize: (self: string, args, kwargs) => {
    noArguments('str.capitalize', args, kwargs);
    const first = self.codePointAt(0);
    if (first === undefined) return '';
    const head = String.fromCodePoint(first);
    return head.toUpperCase() + self.slice(head.length).toLowerCase();
  },
  strip: (self: string, args, kwargs) => (
    noKw('str.strip', kwargs),
    strip('strip', self, args, true, true)
  ),
  lstrip: (self: string, args, kwargs) => (
    noKw('str.lstrip', kwargs),
    strip('lstrip', self, args, true, false)
  ),
  rstrip: (self: string, args, kwargs) => (
    noKw('str.rstrip', kwargs),
    strip('rstrip', self, args, false, true)
  ),
  split: (self: string, args, kwargs) => {
    const [sep, max] = splitArgs('split', args, kwargs);
    return new PyList(split(self, sep, max));
  },
  rsplit: (self: string, args, kwargs) => {
    const [sep, max] = splitArgs('rsplit', args, kwargs);
    return new PyList(rsplit(self, sep, max));
  },
  splitlines: (self: string, args, kwargs) => {
    argCount('splitlines', args, 0, 1);
    let keep: unknown = args[0] ?? false;
    for (const [k, v] of kwargs) {
      if (k !== 'keepends') {
        throw pyError('TypeError', `splitlines() got an unexpected keyword argument '${k}'`);
      }
      keep = v;
    }
    return new PyList(splitlines(self, keep === true || (typeof keep === 'bigint' && keep !== 0n)));
  },
  partition: (self: string, args, kwargs) => {
    const sep = needStr('str.partition', oneArgument('str.partition', args, kwargs), 'argument');
    if (sep === '') throw pyError('ValueError', 'empty separator');
    const i = self.indexOf(sep);
    if (i < 0) return new PyTuple([self, '', '']);
    return new PyTuple([self.slice(0, i), sep, self.slice(i + sep.length)]);
  },
  rpartition: (self: string, args, kwargs) => {
    const sep = needStr('str.rpartition', oneArgument('str.rpartition', args, kwargs), 'argument');
    if (sep === '') throw pyError('ValueError', 'empty separator');
    const i = self.lastIndexOf(sep);
    if (i < 0) return new PyTuple(['', '', self]);
    return new PyTuple([self.slice(0, i), sep, self.slice(i + sep.length)]);
  },
  replace: (self: string, args, kwargs) => {
    noKw('str.replace', kwargs);
    argCount('replace', args, 2, 3);
    const old = needStr('replace', args[0], 'argument 1');
    const to = needStr('replace', args[1], 'argument 2');
    let count = args.length > 2 ? Number(toInt(args[2])) : -1;
    if (count < 0) count = Infinity;
    if (old === '') {
      const chars = Array.from(self);
      let out = '';
      let n = 0;
      for (let i = 0; i <= chars.length; i++) {
        if (n < count) {
          out += to;
          n++;
        }
        out += chars[i] ?? '';
      }
      return out;
    }
    let out = '';
    let i = 0;
    for (let n = 0; n < count; n++) {
      const j = self.indexOf(old, i);
      if (j < 0) break;
      out += self.slice(i, j) + to;
      i = j + old.length;
    }
    return out + self.slice(i);
  },
  find: (self: string, args, kwargs) => (
    noKw('str.find', kwargs),
    BigInt(find(self, args, 'find'))
  ),
  rfind: (self: string, args, kwargs) => (
    noKw('str.rfind', kwargs),
    BigInt(rfind(self, args, 'rfind'))
  ),
  index: (self: string, args, kwargs) => {
    noKw('str.index', kwargs);
    const i = find(self, args, 'index');
    if (i < 0) throw pyError('ValueError', 'substring not found');
    return BigInt(i);
  },
  rindex: (self: string, args, kwargs) => {
    noKw('str.rindex', kwargs);
    const i = rfind(self, args, 'rindex');
    if (i < 0) throw pyError('ValueError', 'substring not found');
    return BigInt(i);
  },
  count: (self: string, args, kwargs) => {
    noKw('str.count', kwargs);
    const [sub, a, b] = searchArgs('count', self, args);
    if (a > self.length) return 0n;
    if (sub === '') return BigInt(Math.max(0, b - a) + 1);
    let n = 0;
    for (let i = self.indexOf(sub, a); i >= 0 && i + sub.length <= b; i = self.indexOf(sub, i)) {
      n++;
      i += sub.length;
    }
    return BigInt(n);
  },
  startswith: (self: string, args, kwargs) => (
    noKw('str.startswith', kwargs),
    affix('startswith', self, args, false)
  ),
  endswith: (self: string, args, kwargs) => (
    noKw('str.endswith', kwargs),
    affix('endswith', self, args, true)
  ),
  ljust: (self: string, args, kwargs) => {
    noKw('str.ljust', kwargs);
    const [width, fill] = padArgs('ljust', args);
    return self.length >= width ? self : self + fill.repeat(width - self.length);
  },
  rjust: (self: string, args, kwargs) => {
    noKw('str.rjust', kwargs);
    const [width, fill] = padArgs('rjust', args);
    return self.length >= width ? self : fill.repeat(width - self.length) + self;
  },
  center: (self: string, args, kwargs) => {
    noKw('str.center', kwargs);
    const [width, fill] = padArgs('center', args);
    const n = width - self.length;
    if (n <= 0) return self;
    const left = (n >> 1) + (n & width & 1);
    return fill.repeat(left) + self + fill.repeat(n - left);
  },
  zfill: (self: string, args, kwargs) => {
    const width = Number(toInt(oneArgument('str.zfill', args, kwargs)));
    if (self.length >= width) return self;
    const fill = '0'.repeat(width - self.length);
    const sign = self.charAt(0);
    if (sign === '+' || sign === '-') return sign + fill + self.slice(1);
    return fill + self;
  },
  expandtabs: (self: string, args, kwargs) => {
    argCount('expandtabs', args, 0, 1);
    let size: unknown = args[0] ?? 8n;
    for (const [k, v] of kwargs) {
      if (k !== 'tabsize') {
        throw pyError('TypeError', `expandtabs() got an unexpected keyword argument '${k}'`);
      }
      size = v;
    }
    const tab = Number(toInt(size));
    let out = '';
    let column = 0;
    for (const c of self) {
      if (c === '\t') {
        if (tab > 0) {
          const n = tab - (column % tab);
          out += ' '.repeat(n);
          column += n;
        }
      } else {
        out += c;
        column = c === '\n' || c === '\r' ? 0 : column + 1;
      }
    }
    return out;
  },
  removeprefix: (self: string, args, kwargs) => {
    const p = needStr('removeprefix', oneArgument('str.removeprefix', args, kwargs), 'argument');
    return p && self.startsWith(p) ? self.slice(p.length) : self;
  },
  removesuffix: (self: string, args, kwargs) => {
    const p = needStr('removesuffix', oneArgument('str.removesuffix', args, kwargs), 'argument');
    return p && self.endsWith(p) ? self.slice(0, self.length - p.length) : self;
  },
  isalpha: (self: string, args, kwargs) => (
    noArguments('str.isalpha', args, kwargs),
    every(self, (c) => alpha.test(c))
  ),
  isdecimal: (self: string, args, kwargs) => (
    noArguments('str.isdecimal', args, kwargs),
    every(self, (c) => decimal.test(c))
  ),
  isdigit: (self: string, args, kwargs) => (
    noArguments('str.isdigit', args, kwargs),
    every(self, (c) => digit.test(c))
  ),
  isnumeric: (self: string, args, kwargs) => (
    noArguments('str.isnumeric', args, kwargs),
    every(self, (c) => numeric.test(c))
  ),
  isalnum: (self: string, args, kwargs) => (
    noArguments('str.isalnum', args, kwargs),
    every(self, (c) => alpha.test(c) || numeric.test(c))
  ),
  isspace: (self: string, args, kwargs) => (
    noArguments('str.isspace', args, kwargs),
    every(self, isSpace)
  ),
  isascii: (self: string, args, kwargs) => (
    noArguments('str.isascii', args, kwargs),
    Array.from(self).every((c) => c.charCodeAt(0) < 128)
  ),
  isprintable: (self: string, args, kwargs) => (
    noArguments('str.isprintable', args, kwargs),
    Array.from(self).every((c) => c === ' ' || !/[\p{C}\p{Z}]/u.test(c))
  ),
  islower: (self: string, args, kwargs) => {
    noArguments('str.islower', args, kwargs);
    const chars = Array.from(self);
    return chars.some(isCased) && chars.every((c) => !isUpperChar(c) || !isCased(c));
  },
  isupper: (self: string, args, kwargs) => {
    noArguments('str.isupper', args, kwargs);
    const chars = Array.from(self);
    return chars.some(isCased) && chars.every((c) => !isLowerChar(c) || !isCased(c));
  },
  istitle: (self: string, args, kwargs) => {
    noArguments('str.istitle', args, kwargs);
    let previousCased = false;
    let any = false;
    for (const c of self) {
      if (isUpperChar(c)) {
        if (previousCased) return false;
        previousCased = true;
        any = true;
      } else if (isLowerChar(c)) {
        if (!previousCased) return false;
        previousCased = true;
        any = true;
      } else previousCased = false;
    }
    return any;
  },
  isidentifier: (self: string, args, kwargs) => {
    noArguments('str.isidentifier', args, kwargs);
    const chars = Array.from(self);
    return (
      chars.length > 0 &&
      identifierStart.test(chars[0] ?? '') &&
      chars.every((c) => identifierStart.test(c) || identifierPart.test(c))
    );
  },
  translate: (self: string, args, kwargs) =>
    translate(self, oneArgument('str.translate', args, kwargs)),
  maketrans: (_self: string, args) => makeTrans(args),
  encode: () => {
    throw pyError('NotImplementedError', "bytes are not supported by grad-graph's Python subset");
  },
};

/** Items of an iterable of strs for `str.join`, with CPython's message for a non-str item. */
export function joinItems(items: unknown): string[] {
  return iterate(items).map((x, i) => {
    if (typeof x !== 'string') {
      throw pyError('TypeError', `sequence item ${i}: expected str instance, ${typeName(x)} found`);
    }
    return x;
  });
}
