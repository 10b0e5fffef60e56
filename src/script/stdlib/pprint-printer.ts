/**
 * pprint.py's PrettyPrinter as CPython 3.11 lays things out: `_safe_repr` (readable, recursive),
 * the width rule (a repr that fits is written whole, else the container is broken one item per
 * line) and the dispatch on the built-in containers, dataclass instances and strings.
 */
import {PyCounter, PyDefaultDict, PyDeque, PyDict, PyOrderedDict, PySet} from '../containers.js';
import {PyException} from '../errors.js';
import {sortByKeys} from '../builtins-functional.js';
import {compare, truthy} from '../operators.js';
import {mostCommon, pyRepr, typeName} from '../repr.js';
import {addressOf, PyList, PyNamedTuple, PyTuple} from '../values.js';
import {generatedReprFields} from './dataclasses.js';

/** A PrettyPrinter's settings (its constructor's arguments). */
export interface Options {
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
/** One layout pass of a PrettyPrinter (`_safe_repr`, `_format` and its dispatch). */
export class Printer {
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
