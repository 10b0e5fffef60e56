/**
 * Python's `pprint`: `pprint`, `pformat`, `pp`, `saferepr`, `isreadable`, `isrecursive` and
 * `PrettyPrinter`, laid out as CPython 3.11's pprint.py lays them out — the same width rule
 * (a repr that fits is written whole, else the container is broken one item per line), the same
 * dispatch on the built-in containers (dict, OrderedDict, defaultdict, Counter, list, tuple, set,
 * frozenset, deque, str, dataclass instances), sorted dict keys and depth limits. Anything else is
 * written as its repr, a tensor's several lines included, as pprint does.
 */
import {PyCounter, PyDefaultDict, PyDeque, PyDict, PyOrderedDict, PySet} from '../containers.js';
import {PyException, pyError} from '../errors.js';
import {sortByKeys} from '../builtins-functional.js';
import {compare, truthy} from '../operators.js';
import {mostCommon, pyRepr, typeName} from '../repr.js';
import {
  addressOf,
  PyCallable,
  PyList,
  PyModule,
  PyNamespace,
  PyNamedTuple,
  PyTuple,
  type CallSite,
  type Kwargs,
} from '../values.js';
import {generatedReprFields} from './dataclasses.js';

/** Writes text where print() writes it. */
export type PprintWrite = (text: string, site: CallSite) => void;

interface Options {
  indent: number;
  width: number;
  depth: number | null;
  compact: boolean;
  sortDicts: boolean;
  underscoreNumbers: boolean;
}

/** Python's len() of a str: code points, not UTF-16 units. */
function len(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** pprint's _safe_key: Python's `<`, or (type name, id) when the values do not compare. */
function safeLess(a: unknown, b: unknown): boolean {
  try {
    return truthy(compare('<', a, b));
  } catch (e) {
    if (!(e instanceof PyException) || e.type !== 'TypeError') throw e;
    const ta = `<class '${typeName(a)}'>`;
    const tb = `<class '${typeName(b)}'>`;
    if (ta !== tb) return ta < tb;
    const ida = typeof a === 'object' && a !== null ? parseInt(addressOf(a), 16) : 0;
    const idb = typeof b === 'object' && b !== null ? parseInt(addressOf(b), 16) : 0;
    return ida < idb;
  }
}

/** sorted(items, key=_safe_key). */
function safeSorted<T>(items: readonly T[], key: (item: T) => unknown): T[] {
  return sortByKeys(items, items.map(key), safeLess);
}

/** Exactly `dict` (its subclasses with their own repr are written as their repr). */
function isPlainDict(v: unknown): v is PyDict {
  return (
    v instanceof PyDict &&
    !(v instanceof PyOrderedDict) &&
    !(v instanceof PyDefaultDict) &&
    !(v instanceof PyCounter)
  );
}

function isPlainList(v: unknown): v is PyList {
  return v instanceof PyList && !(v instanceof PyDeque);
}

function isPlainTuple(v: unknown): v is PyTuple {
  return v instanceof PyTuple && !(v instanceof PyNamedTuple);
}

/** `{:_d}` of an int. */
function underscored(n: bigint): string {
  const s = (n < 0n ? -n : n).toString();
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, '_');
  return n < 0n ? `-${grouped}` : grouped;
}

/** One PrettyPrinter's state while formatting (readable/recursive flags of the last call). */
class Printer {
  readable = true;
  recursive = false;

  constructor(readonly o: Options) {}

  /** _safe_repr: [repr, readable, recursive]. */
  safeRepr(
    obj: unknown,
    context: Set<unknown>,
    maxLevels: number | null,
    level: number,
  ): [string, boolean, boolean] {
    if (
      obj === null ||
      typeof obj === 'string' ||
      typeof obj === 'number' ||
      typeof obj === 'boolean'
    ) {
      return [pyRepr(obj), true, false];
    }
    if (typeof obj === 'bigint') {
      return [this.o.underscoreNumbers ? underscored(obj) : pyRepr(obj), true, false];
    }
    if (isPlainDict(obj)) {
      if (obj.size === 0) return ['{}', true, false];
      if (maxLevels !== null && level >= maxLevels) return ['{...}', false, context.has(obj)];
      if (context.has(obj)) return [recursion(obj), false, true];
      context.add(obj);
      let readable = true;
      let recursive = false;
      const parts: string[] = [];
      for (const [k, v] of this.dictItems(obj)) {
        const [kr, kread, krec] = this.safeRepr(k, context, maxLevels, level + 1);
        const [vr, vread, vrec] = this.safeRepr(v, context, maxLevels, level + 1);
        parts.push(`${kr}: ${vr}`);
        readable = readable && kread && vread;
        if (krec || vrec) recursive = true;
      }
      context.delete(obj);
      return [`{${parts.join(', ')}}`, readable, recursive];
    }
    if (isPlainList(obj) || isPlainTuple(obj)) {
      let format: (inner: string) => string;
      if (obj instanceof PyList) {
        if (obj.items.length === 0) return ['[]', true, false];
        format = (s) => `[${s}]`;
      } else if (obj.items.length === 1) {
        format = (s) => `(${s},)`;
      } else {
        if (obj.items.length === 0) return ['()', true, false];
        format = (s) => `(${s})`;
      }
      if (maxLevels !== null && level >= maxLevels) {
        return [format('...'), false, context.has(obj)];
      }
      if (context.has(obj)) return [recursion(obj), false, true];
      context.add(obj);
      let readable = true;
      let recursive = false;
      const parts = obj.items.map((item) => {
        const [r, read, rec] = this.safeRepr(item, context, maxLevels, level + 1);
        if (!read) readable = false;
        if (rec) recursive = true;
        return r;
      });
      context.delete(obj);
      return [format(parts.join(', ')), readable, recursive];
    }
    const rep = pyRepr(obj);
    return [rep, rep !== '' && !rep.startsWith('<'), false];
  }

  private dictItems(d: PyDict): [unknown, unknown][] {
    const items = d.items().map(([k, v]) => [k, v] as [unknown, unknown]);
    return this.o.sortDicts ? safeSorted(items, (kv) => kv[0]) : items;
  }

  private repr(obj: unknown, context: Set<unknown>, level: number): string {
    const [rep, readable, recursive] = this.safeRepr(obj, new Set(context), this.o.depth, level);
    if (!readable) this.readable = false;
    if (recursive) this.recursive = true;
    return rep;
  }

  /** _format: the repr if it fits in the width left, else the container's own layout. */
  format(
    obj: unknown,
    out: string[],
    indent: number,
    allowance: number,
    context: Set<unknown>,
    level: number,
  ): void {
    if (typeof obj === 'object' && obj !== null && context.has(obj)) {
      out.push(recursion(obj));
      this.recursive = true;
      this.readable = false;
      return;
    }
    const rep = this.repr(obj, context, level);
    const maxWidth = this.o.width - indent - allowance;
    if (len(rep) > maxWidth) {
      context.add(obj);
      const laidOut = this.layout(obj, out, indent, allowance, context, level + 1);
      context.delete(obj);
      if (laidOut) return;
    }
    out.push(rep);
  }

  /**
   * The dispatch table: lays out a built-in container that does not fit and says so; false (and
   * nothing written) for anything else, whose repr is written as it is.
   */
  private layout(
    obj: unknown,
    out: string[],
    indent: number,
    allowance: number,
    ctx: Set<unknown>,
    lv: number,
  ): boolean {
    if (isPlainDict(obj)) this.dict(obj, out, indent, allowance, ctx, lv);
    else if (obj instanceof PyOrderedDict) this.orderedDict(obj, out, indent, allowance, ctx, lv);
    else if (obj instanceof PyDefaultDict) this.defaultDict(obj, out, indent, allowance, ctx, lv);
    else if (obj instanceof PyCounter) this.counter(obj, out, indent, allowance, ctx, lv);
    else if (obj instanceof PyDeque) this.deque(obj, out, indent, allowance, ctx, lv);
    else if (isPlainList(obj)) {
      out.push('[');
      this.items(obj.items, out, indent, allowance + 1, ctx, lv);
      out.push(']');
    } else if (isPlainTuple(obj)) {
      out.push('(');
      const end = obj.items.length === 1 ? ',)' : ')';
      this.items(obj.items, out, indent, allowance + end.length, ctx, lv);
      out.push(end);
    } else if (obj instanceof PySet) this.set(obj, out, indent, allowance, ctx, lv);
    else if (typeof obj === 'string') this.str(obj, out, indent, allowance, ctx, lv);
    else {
      const fields = generatedReprFields(obj);
      if (fields === null) return false;
      const name = typeName(obj);
      out.push(`${name}(`);
      this.namespaceItems(fields, out, indent + len(name) + 1, allowance, ctx, lv);
      out.push(')');
    }
    return true;
  }

  private dict(
    d: PyDict,
    out: string[],
    indent: number,
    allowance: number,
    ctx: Set<unknown>,
    lv: number,
  ): void {
    out.push('{');
    if (this.o.indent > 1) out.push(' '.repeat(this.o.indent - 1));
    if (d.size) this.dictItemsOut(this.dictItems(d), out, indent, allowance + 1, ctx, lv);
    out.push('}');
  }

  private orderedDict(
    d: PyOrderedDict,
    out: string[],
    indent: number,
    allowance: number,
    ctx: Set<unknown>,
    lv: number,
  ): void {
    if (!d.size) {
      out.push(pyRepr(d));
      return;
    }
    out.push('OrderedDict(');
    const pairs = new PyList(d.items().map(([k, v]) => new PyTuple([k, v])));
    this.format(pairs, out, indent + 12, allowance + 1, ctx, lv);
    out.push(')');
  }

  private defaultDict(
    d: PyDefaultDict,
    out: string[],
    indent: number,
    allowance: number,
    ctx: Set<unknown>,
    lv: number,
  ): void {
    if (!d.size) {
      out.push(pyRepr(d));
      return;
    }
    const factory = this.repr(d.factory, ctx, lv);
    const inner = indent + 'defaultdict'.length + 1;
    out.push(`defaultdict(${factory},\n${' '.repeat(inner)}`);
    this.dict(d, out, inner, allowance + 1, ctx, lv);
    out.push(')');
  }

  private counter(
    d: PyCounter,
    out: string[],
    indent: number,
    allowance: number,
    ctx: Set<unknown>,
    lv: number,
  ): void {
    if (!d.size) {
      out.push(pyRepr(d));
      return;
    }
    out.push('Counter({');
    if (this.o.indent > 1) out.push(' '.repeat(this.o.indent - 1));
    this.dictItemsOut(mostCommon(d), out, indent + 8, allowance + 2, ctx, lv);
    out.push('})');
  }

  private deque(
    d: PyDeque,
    out: string[],
    indent: number,
    allowance: number,
    ctx: Set<unknown>,
    lv: number,
  ): void {
    if (!d.items.length) {
      out.push(pyRepr(d));
      return;
    }
    const inner = indent + 6;
    out.push('deque([');
    if (d.maxlen === null) {
      this.items(d.items, out, inner, allowance + 2, ctx, lv);
      out.push('])');
    } else {
      this.items(d.items, out, inner, 2, ctx, lv);
      out.push(`],\n${' '.repeat(inner)}maxlen=${this.repr(BigInt(d.maxlen), ctx, lv)})`);
    }
  }

  private set(
    s: PySet,
    out: string[],
    indent: number,
    allowance: number,
    ctx: Set<unknown>,
    lv: number,
  ): void {
    if (!s.size) {
      out.push(pyRepr(s));
      return;
    }
    let end = '}';
    let inner = indent;
    if (s.frozen) {
      out.push('frozenset({');
      end = '})';
      inner += 'frozenset'.length + 1;
    } else out.push('{');
    const items = safeSorted(s.values(), (v) => v);
    this.items(items, out, inner, allowance + end.length, ctx, lv);
    out.push(end);
  }

  private str(
    s: string,
    out: string[],
    indent: number,
    allowance: number,
    _ctx: Set<unknown>,
    level: number,
  ): void {
    if (!s.length) {
      out.push(pyRepr(s));
      return;
    }
    const chunks: string[] = [];
    const lines = splitLinesKeepEnds(s);
    let ind = indent;
    let allow = allowance;
    if (level === 1) {
      ind += 1;
      allow += 1;
    }
    const maxWidth = this.o.width - ind;
    let maxWidth1 = maxWidth;
    let rep = '';
    lines.forEach((line, i) => {
      rep = pyRepr(line);
      if (i === lines.length - 1) maxWidth1 -= allow;
      if (len(rep) <= maxWidth1) {
        chunks.push(rep);
        return;
      }
      // alternating runs of non-space and space, as re.findall(r'\S*\s*', line)
      const parts = line.match(/\S*\s*/gu)?.filter((p) => p !== '') ?? [];
      let maxWidth2 = maxWidth;
      let current = '';
      parts.forEach((part, j) => {
        const candidate = current + part;
        if (j === parts.length - 1 && i === lines.length - 1) maxWidth2 -= allow;
        if (len(pyRepr(candidate)) > maxWidth2) {
          if (current) chunks.push(pyRepr(current));
          current = part;
        } else current = candidate;
      });
      if (current) chunks.push(pyRepr(current));
    });
    if (chunks.length === 1) {
      out.push(rep);
      return;
    }
    if (level === 1) out.push('(');
    chunks.forEach((c, i) => {
      if (i > 0) out.push(`\n${' '.repeat(ind)}`);
      out.push(c);
    });
    if (level === 1) out.push(')');
  }

  private dictItemsOut(
    items: readonly (readonly [unknown, unknown])[],
    out: string[],
    indent: number,
    allowance: number,
    ctx: Set<unknown>,
    lv: number,
  ): void {
    const ind = indent + this.o.indent;
    const delim = `,\n${' '.repeat(ind)}`;
    items.forEach(([key, value], i) => {
      const last = i === items.length - 1;
      const rep = this.repr(key, ctx, lv);
      out.push(rep, ': ');
      this.format(value, out, ind + len(rep) + 2, last ? allowance : 1, ctx, lv);
      if (!last) out.push(delim);
    });
  }

  private namespaceItems(
    items: readonly (readonly [string, unknown])[],
    out: string[],
    indent: number,
    allowance: number,
    ctx: Set<unknown>,
    lv: number,
  ): void {
    const delim = `,\n${' '.repeat(indent)}`;
    items.forEach(([key, value], i) => {
      const last = i === items.length - 1;
      out.push(key, '=');
      if (typeof value === 'object' && value !== null && ctx.has(value)) out.push('...');
      else this.format(value, out, indent + len(key) + 1, last ? allowance : 1, ctx, lv);
      if (!last) out.push(delim);
    });
  }

  /** _format_items: one item per line, or as many as fit on a line when compact. */
  private items(
    items: readonly unknown[],
    out: string[],
    indent: number,
    allowance: number,
    ctx: Set<unknown>,
    lv: number,
  ): void {
    const ind = indent + this.o.indent;
    if (this.o.indent > 1) out.push(' '.repeat(this.o.indent - 1));
    const delimNl = `,\n${' '.repeat(ind)}`;
    let delim = '';
    let width = this.o.width - ind + 1;
    let maxWidth = width;
    items.forEach((ent, i) => {
      const last = i === items.length - 1;
      if (last) {
        maxWidth -= allowance;
        width -= allowance;
      }
      if (this.o.compact) {
        const rep = this.repr(ent, ctx, lv);
        const w = len(rep) + 2;
        if (width < w) {
          width = maxWidth;
          if (delim) delim = delimNl;
        }
        if (width >= w) {
          width -= w;
          out.push(delim);
          delim = ', ';
          out.push(rep);
          return;
        }
      }
      out.push(delim);
      delim = delimNl;
      this.format(ent, out, ind, last ? allowance : 1, ctx, lv);
    });
  }
}

function recursion(obj: unknown): string {
  const id = typeof obj === 'object' && obj !== null ? parseInt(addressOf(obj), 16) : 0;
  return `<Recursion on ${typeName(obj)} with id=${id}>`;
}

/** str.splitlines(keepends=True). */
function splitLinesKeepEnds(s: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if ('\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029'.includes(c)) {
      const end = c === '\r' && s[i + 1] === '\n' ? i + 2 : i + 1;
      lines.push(s.slice(start, end));
      start = end;
      i = end - 1;
    }
  }
  if (start < s.length) lines.push(s.slice(start));
  return lines;
}

// ---------------------------------------------------------------- arguments and the module

const optionNames = ['indent', 'width', 'depth', 'compact', 'sort_dicts', 'underscore_numbers'];

/** Reads PrettyPrinter's options (positional `positional`, the rest keyword-only) with its checks. */
function readOptions(
  fn: string,
  positional: readonly string[],
  args: readonly unknown[],
  kwargs: Kwargs,
  defaults: Partial<Record<string, unknown>> = {},
): Map<string, unknown> {
  const values = new Map<string, unknown>(Object.entries(defaults));
  if (args.length > positional.length) {
    // the counts include the object printed (or PrettyPrinter's self)
    throw pyError(
      'TypeError',
      `${fn}() takes from 1 to ${positional.length + 1} positional arguments but ${args.length + 1} were given`,
    );
  }
  args.forEach((v, i) => values.set(positional[i] ?? '', v));
  for (const [k, v] of kwargs) {
    if (!optionNames.includes(k) && k !== 'stream' && k !== 'object') {
      throw pyError('TypeError', `${fn}() got an unexpected keyword argument '${k}'`);
    }
    if (positional.slice(0, args.length).includes(k)) {
      throw pyError('TypeError', `${fn}() got multiple values for argument '${k}'`);
    }
    values.set(k, v);
  }
  return values;
}

function toOptions(values: Map<string, unknown>): Options {
  const asInt = (v: unknown, d: number): number => {
    if (v === undefined) return d;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'number') return Math.trunc(v);
    throw pyError(
      'TypeError',
      `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`,
    );
  };
  const indent = asInt(values.get('indent'), 1);
  const width = asInt(values.get('width'), 80);
  const depthValue = values.get('depth');
  const depth = depthValue === undefined || depthValue === null ? null : asInt(depthValue, 0);
  if (indent < 0) throw pyError('ValueError', 'indent must be >= 0');
  if (depth !== null && depth <= 0) throw pyError('ValueError', 'depth must be > 0');
  if (!width) throw pyError('ValueError', 'width must be != 0');
  const stream = values.get('stream');
  if (stream !== undefined && stream !== null) {
    throw pyError(
      'NotImplementedError',
      "pprint(stream=...) is not supported by grad-graph's Python subset",
    );
  }
  return {
    indent,
    width,
    depth,
    compact: truthy(values.get('compact') ?? false),
    sortDicts: truthy(values.get('sort_dicts') ?? true),
    underscoreNumbers: truthy(values.get('underscore_numbers') ?? false),
  };
}

function pformat(obj: unknown, o: Options): string {
  const out: string[] = [];
  new Printer(o).format(obj, out, 0, 0, new Set(), 0);
  return out.join('');
}

function needObject(fn: string, args: readonly unknown[], kwargs: Kwargs): unknown {
  if (args.length > 0) return args[0];
  if (kwargs.has('object')) return kwargs.get('object');
  throw pyError('TypeError', `${fn}() missing 1 required positional argument: 'object'`);
}

const printerPositional = ['indent', 'width', 'depth', 'stream'];

/** A `PrettyPrinter(...)` object with its pprint, pformat, isreadable and isrecursive methods. */
function makePrinter(o: Options, write: PprintWrite): PyNamespace {
  const self = new PyNamespace('PrettyPrinter', new Map());
  const method = (name: string, f: (obj: unknown, site: CallSite) => unknown) => {
    self.attrs.set(
      name,
      new PyCallable(name, (args, kwargs, site) => f(needObject(name, args, kwargs), site), {
        kind: 'method',
        self,
        owner: 'PrettyPrinter',
      }),
    );
  };
  method('pprint', (obj, site) => {
    write(`${pformat(obj, o)}\n`, site);
    return null;
  });
  method('pformat', (obj) => pformat(obj, o));
  method('isreadable', (obj) => {
    const [, readable, recursive] = new Printer(o).safeRepr(obj, new Set(), null, 0);
    return readable && !recursive;
  });
  method('isrecursive', (obj) => new Printer(o).safeRepr(obj, new Set(), null, 0)[2]);
  return self;
}

/** A fresh `pprint` module whose pprint() writes through `write` (print's sink). */
export function makePprintModule(write: PprintWrite): PyModule {
  const module = new PyModule('pprint', new Map(), '/usr/lib/python3.11/pprint.py');
  const fn = (name: string, f: (args: readonly unknown[], kw: Kwargs, s: CallSite) => unknown) =>
    module.attrs.set(name, new PyCallable(name, f, {kind: 'builtin'}));
  const rest = (args: readonly unknown[]) => args.slice(1);
  fn('pprint', (args, kwargs, site) => {
    const obj = needObject('pprint', args, kwargs);
    const values = readOptions(
      'pprint',
      ['stream', ...printerPositional.slice(0, 3)],
      rest(args),
      kwargs,
    );
    write(`${pformat(obj, toOptions(values))}\n`, site);
    return null;
  });
  fn('pp', (args, kwargs, site) => {
    const obj = needObject('pp', args, kwargs);
    const values = readOptions(
      'pp',
      ['stream', ...printerPositional.slice(0, 3)],
      rest(args),
      kwargs,
      {
        sort_dicts: false,
      },
    );
    write(`${pformat(obj, toOptions(values))}\n`, site);
    return null;
  });
  fn('pformat', (args, kwargs) => {
    const obj = needObject('pformat', args, kwargs);
    return pformat(
      obj,
      toOptions(readOptions('pformat', printerPositional.slice(0, 3), rest(args), kwargs)),
    );
  });
  const plain = toOptions(new Map());
  fn(
    'saferepr',
    (args, kwargs) =>
      new Printer(plain).safeRepr(needObject('saferepr', args, kwargs), new Set(), null, 0)[0],
  );
  fn(
    'isreadable',
    (args, kwargs) =>
      new Printer(plain).safeRepr(needObject('isreadable', args, kwargs), new Set(), null, 0)[1],
  );
  fn(
    'isrecursive',
    (args, kwargs) =>
      new Printer(plain).safeRepr(needObject('isrecursive', args, kwargs), new Set(), null, 0)[2],
  );
  module.attrs.set(
    'PrettyPrinter',
    new PyCallable(
      'PrettyPrinter',
      (args, kwargs) =>
        makePrinter(
          toOptions(readOptions('PrettyPrinter.__init__', printerPositional, args, kwargs)),
          write,
        ),
      {kind: 'class', qualname: 'pprint.PrettyPrinter'},
    ),
  );
  return module;
}
