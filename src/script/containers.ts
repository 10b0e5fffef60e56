/**
 * Python's hashed containers: dict (insertion-ordered, as CPython 3.7+) and set/frozenset (iterated
 * in CPython's hash-table order, by replaying setobject.c's probing on the same hashes), with the
 * key identity Python uses: equal numbers are one key (`1`, `1.0` and `True`), lists, dicts and
 * sets are unhashable, everything else without value equality is keyed by identity.
 */
import {pyError} from './errors.js';
import {late} from './late.js';
import {PyInstance} from './objects.js';
import {hashFloat, hashFrozenSet, hashInt, hashString, hashTuple, type Hash} from './hash.js';
import {PyList, PyNamedTuple, PyTuple} from './values.js';

let nextIdentity = 1;
const identities = new WeakMap<object, number>();

/** A small stable number for an object, standing for its address in identity hashes. */
export function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(value, id);
  }
  return id;
}

function unhashable(value: unknown): string | null {
  if (value instanceof PyList) return 'list';
  if (value instanceof PyDict) return 'dict';
  if (value instanceof PySet && !value.frozen) return 'set';
  return null;
}

/** The lookup key of a value: equal Python values (as dict keys) have equal keys. */
export function keyOf(value: unknown): string {
  switch (typeof value) {
    case 'bigint':
      return `n${value}`;
    case 'boolean':
      return value ? 'n1' : 'n0';
    case 'number':
      return Number.isInteger(value) ? `n${BigInt(value)}` : `f${value}`;
    case 'string':
      return `s${value}`;
    default:
      break;
  }
  if (value === null || value === undefined) return 'None';
  const bad = unhashable(value);
  if (bad) throw pyError('TypeError', `unhashable type: '${bad}'`);
  if (value instanceof PyTuple && value.constructor === PyTuple) {
    return `(${value.items.map(keyOf).join(',')})`;
  }
  if (value instanceof PySet) return `{${[...value.keys()].sort().join(',')}}`;
  if (value instanceof PyInstance) {
    // An instance whose class defines __hash__ (and __eq__) is keyed by its hash: equal objects
    // (the contract of __hash__) find one another.
    const h = late.instanceHash(value);
    if (h !== null) return `i${h}`;
  }
  return `o${identityOf(value)}`;
}

/** `hash(value)`, as CPython 3.11 computes it (identity-based for objects). */
export function hashOf(value: unknown): Hash {
  switch (typeof value) {
    case 'bigint':
      return hashInt(value);
    case 'boolean':
      return value ? 1n : 0n;
    case 'number':
      return Number.isNaN(value) ? 0n : hashFloat(value);
    case 'string':
      return hashString(value);
    default:
      break;
  }
  const bad = unhashable(value);
  if (bad) throw pyError('TypeError', `unhashable type: '${bad}'`);
  if (value instanceof PyTuple && value.constructor === PyTuple) {
    return hashTuple(value.items.map(hashOf));
  }
  if (value instanceof PySet) return hashFrozenSet(value.entries().map(([, , h]) => h));
  if (value instanceof PyInstance) {
    const h = late.instanceHash(value);
    if (h !== null) return h;
  }
  // An address-like hash: CPython rotates the pointer by 4 bits; any stable value will do.
  return BigInt(identityOf(value ?? PyDict) * 0x1d3 + 0x7f3a5c0);
}

/** A Python dict: keys in insertion order; re-setting a key keeps its place and first key object. */
export class PyDict {
  private readonly map = new Map<string, [unknown, unknown]>();

  constructor(entries: Iterable<readonly [unknown, unknown]> = []) {
    for (const [k, v] of entries) this.set(k, v);
  }

  /** The number of items. */
  get size(): number {
    return this.map.size;
  }

  /** `d[key] = value`. */
  set(key: unknown, value: unknown): void {
    const k = keyOf(key);
    const old = this.map.get(k);
    if (old) old[1] = value;
    else this.map.set(k, [key, value]);
  }

  /** `key in d`. */
  has(key: unknown): boolean {
    return this.map.has(keyOf(key));
  }

  /** The value for `key`, or undefined (not None) when absent. */
  get(key: unknown): unknown {
    return this.map.get(keyOf(key))?.[1];
  }

  /** Removes `key`; returns its value, or undefined when absent. */
  delete(key: unknown): unknown {
    const k = keyOf(key);
    const old = this.map.get(k);
    if (!old) return undefined;
    this.map.delete(k);
    return old[1];
  }

  /** Removes every item. */
  clear(): void {
    this.map.clear();
  }

  /** The keys, in order (a snapshot). */
  keys(): unknown[] {
    return [...this.map.values()].map((e) => e[0]);
  }

  /** The values, in order (a snapshot). */
  values(): unknown[] {
    return [...this.map.values()].map((e) => e[1]);
  }

  /** The (key, value) pairs, in order (a snapshot). */
  items(): [unknown, unknown][] {
    return [...this.map.values()].map((e) => [e[0], e[1]]);
  }

  /** Removes and returns the last pair (`popitem`). */
  popLast(): [unknown, unknown] | undefined {
    let last: string | undefined;
    for (const k of this.map.keys()) last = k;
    if (last === undefined) return undefined;
    const e = this.map.get(last) as [unknown, unknown];
    this.map.delete(last);
    return [e[0], e[1]];
  }

  /** Moves `key` to the end (or the start): `OrderedDict.move_to_end`. */
  moveToEnd(key: unknown, last: boolean): boolean {
    const k = keyOf(key);
    const e = this.map.get(k);
    if (!e) return false;
    this.map.delete(k);
    if (last) this.map.set(k, e);
    else {
      const rest = [...this.map];
      this.map.clear();
      this.map.set(k, e);
      for (const [rk, rv] of rest) this.map.set(rk, rv);
    }
    return true;
  }
}

const minSize = 8;
const linearProbes = 9;
const perturbShift = 5n;

interface Slot {
  key: string;
  value: unknown;
  hash: Hash;
}
/** A deleted slot (CPython's `dummy`, hash -1). */
const dummy = {key: '', value: null, hash: -1n} as const satisfies Slot;

/**
 * A Python set or frozenset. Membership is by key; the order of iteration is that of CPython's
 * open-addressing table (linear probes, then perturbation), rebuilt on resize as CPython does.
 */
export class PySet {
  private table: (Slot | null)[] = new Array<Slot | null>(minSize).fill(null);
  private readonly index = new Map<string, Slot>();
  private fill = 0;

  constructor(
    /** A frozenset: hashable, no mutating methods. */
    readonly frozen = false,
  ) {}

  /** The number of items. */
  get size(): number {
    return this.index.size;
  }

  private get mask(): number {
    return this.table.length - 1;
  }

  /** `x in s`. */
  has(value: unknown): boolean {
    return this.index.has(keyOf(value));
  }

  /** The (key, value, hash) entries in table order. */
  entries(): [string, unknown, Hash][] {
    const out: [string, unknown, Hash][] = [];
    for (const slot of this.table) {
      if (slot && slot !== dummy) out.push([slot.key, slot.value, slot.hash]);
    }
    return out;
  }

  /** The items in iteration order. */
  values(): unknown[] {
    return this.entries().map((e) => e[1]);
  }

  /** The lookup keys, in iteration order. */
  keys(): string[] {
    return this.entries().map((e) => e[0]);
  }

  /** `s.add(x)` (set_add_entry). */
  add(value: unknown): void {
    this.addEntry(keyOf(value), value, hashOf(value));
  }

  private addEntry(key: string, value: unknown, hash: Hash): void {
    if (this.index.has(key)) return;
    const mask = this.mask;
    let i = Number(BigInt.asUintN(64, hash) & BigInt(mask));
    let perturb = BigInt.asUintN(64, hash);
    // The last deleted slot seen on the way (CPython 3.11 keeps overwriting `freeslot`).
    let free = -1;
    for (;;) {
      const probes = i + linearProbes <= mask ? linearProbes : 0;
      for (let j = i; j <= i + probes; j++) {
        const slot = this.table[j];
        if (slot === null || slot === undefined) {
          const slotEntry: Slot = {key, value, hash};
          this.index.set(key, slotEntry);
          if (free >= 0) {
            this.table[free] = slotEntry;
            return;
          }
          this.table[j] = slotEntry;
          this.fill++;
          if (this.fill * 5 >= mask * 3) {
            this.resize(this.size > 50000 ? this.size * 2 : this.size * 4);
          }
          return;
        }
        if (slot === dummy) free = j;
      }
      perturb >>= perturbShift;
      i = Number((BigInt(i) * 5n + 1n + perturb) & BigInt(mask));
    }
  }

  private resize(minUsed: number): void {
    let size = minSize;
    while (size <= minUsed) size <<= 1;
    // A small table without deleted slots is left as it is.
    if (size === minSize && this.table.length === minSize && this.fill === this.size) return;
    const old = this.table;
    this.table = new Array<Slot | null>(size).fill(null);
    this.fill = this.size;
    for (const slot of old) if (slot && slot !== dummy) this.insertClean(slot);
  }

  private insertClean(slot: Slot): void {
    const mask = this.mask;
    let perturb = BigInt.asUintN(64, slot.hash);
    let i = Number(perturb & BigInt(mask));
    for (;;) {
      const probes = i + linearProbes <= mask ? linearProbes : 0;
      for (let j = i; j <= i + probes; j++) {
        if (!this.table[j]) {
          this.table[j] = slot;
          return;
        }
      }
      perturb >>= perturbShift;
      i = Number((BigInt(i) * 5n + 1n + perturb) & BigInt(mask));
    }
  }

  /** `s.discard(x)`; returns whether it was there. */
  discard(value: unknown): boolean {
    const key = keyOf(value);
    const slot = this.index.get(key);
    if (!slot) return false;
    this.index.delete(key);
    this.table[this.table.indexOf(slot)] = dummy;
    return true;
  }

  /** Removes and returns the first item in table order (`s.pop()`), or undefined. */
  popFirst(): unknown {
    const first = this.entries()[0];
    if (!first) return undefined;
    this.discard(first[1]);
    return first[1];
  }

  /** `s.clear()`. */
  clear(): void {
    this.table = new Array<Slot | null>(minSize).fill(null);
    this.index.clear();
    this.fill = 0;
  }

  /** `s.update(other)` when other is a set (set_merge: one resize, then clean inserts). */
  merge(other: PySet): void {
    if (other === this || other.size === 0) return;
    if ((this.fill + other.size) * 5 >= this.mask * 3) this.resize((this.size + other.size) * 2);
    if (this.fill === 0 && this.mask === other.mask && other.fill === other.size) {
      this.table = other.table.map((s) => (s === dummy ? null : s && {...s}));
      for (const s of this.table) if (s) this.index.set(s.key, s);
      this.fill = other.fill;
      return;
    }
    if (this.fill === 0) {
      for (const [key, value, hash] of other.entries()) {
        const slot = {key, value, hash};
        this.index.set(key, slot);
        this.insertClean(slot);
      }
      this.fill = this.size;
      return;
    }
    for (const [key, value, hash] of other.entries()) this.addEntry(key, value, hash);
  }

  /** Takes over another set's table as it is (CPython's set_swap_bodies, for `&=`). */
  replaceWith(other: PySet): void {
    this.table = other.table.map((slot) => (slot === dummy ? dummy : slot && {...slot}));
    this.index.clear();
    for (const slot of this.table) if (slot && slot !== dummy) this.index.set(slot.key, slot);
    this.fill = other.fill;
  }

  /** `s.update(d)` when d is a dict: one resize up front, then adds in the dict's order. */
  mergeDict(d: PyDict): void {
    if ((this.fill + d.size) * 5 >= this.mask * 3) this.resize((this.size + d.size) * 2);
    for (const k of d.keys()) this.add(k);
  }

  /** `s.update(iterable)` for any items already listed. */
  addAll(items: readonly unknown[]): void {
    for (const item of items) this.add(item);
  }

  /** A copy (set_copy), frozen or not. */
  copy(frozen = this.frozen): PySet {
    const out = new PySet(frozen);
    out.merge(this);
    return out;
  }
}

/** Items of a value for set operations: another set's entries keep their hashes. */
export function setFrom(items: readonly unknown[] | PySet | PyDict, frozen = false): PySet {
  const s = new PySet(frozen);
  if (items instanceof PySet) s.merge(items);
  else if (items instanceof PyDict) s.mergeDict(items);
  else s.addAll(items);
  return s;
}

/** `a |= b`, `a &= b`, `a -= b`, `a ^= b`: in place, in CPython's order. */
export function setUpdate(op: string, a: PySet, b: PySet): void {
  switch (op) {
    case '|':
      a.merge(b);
      return;
    case '&':
      a.replaceWith(setOperation('&', a, b));
      return;
    case '-':
      for (const v of b.values()) a.discard(v);
      return;
    default:
      for (const v of b.values()) {
        if (!a.discard(v)) a.add(v);
      }
  }
}

/** `a | b`, `a & b`, `a - b`, `a ^ b` of two sets, in CPython's result order. */
export function setOperation(op: string, a: PySet, b: PySet): PySet {
  switch (op) {
    case '|': {
      const out = a.copy();
      out.merge(b);
      return out;
    }
    case '&': {
      const [big, small] = b.size > a.size ? [b, a] : [a, b];
      const out = new PySet(a.frozen);
      for (const [, value] of small.entries()) if (big.has(value)) out.add(value);
      return out;
    }
    case '-': {
      if (a.size >> 2 > b.size) {
        const out = a.copy();
        for (const v of b.values()) out.discard(v);
        return out;
      }
      const out = new PySet(a.frozen);
      for (const v of a.values()) if (!b.has(v)) out.add(v);
      return out;
    }
    default: {
      const out = b.copy(a.frozen);
      for (const v of a.values()) {
        if (out.has(v)) out.discard(v);
        else out.add(v);
      }
      return out;
    }
  }
}

/** `collections.OrderedDict`: a dict that prints as `OrderedDict([(k, v), …])`. */
export class PyOrderedDict extends PyDict {}

/** `collections.defaultdict`: a dict whose missing keys are made by `factory()` (None: KeyError). */
export class PyDefaultDict extends PyDict {
  constructor(
    /** The default_factory (a callable or None). */
    public factory: unknown,
    entries: Iterable<readonly [unknown, unknown]> = [],
  ) {
    super(entries);
  }
}

/**
 * `obj.__dict__` of an instance: a dict made from its attributes whose changes are written back
 * (`self.__dict__.update(kwargs)`, `vars(obj)['x'] = 1`); attributes set later through the
 * object are not seen by a dict taken before.
 */
export class PyAttrDict extends PyDict {
  private readonly attrs: Map<string, unknown>;

  constructor(attrs: Map<string, unknown>) {
    super();
    this.attrs = attrs;
    for (const [k, v] of attrs) super.set(k, v);
  }

  override set(key: unknown, value: unknown): void {
    super.set(key, value);
    if (typeof key === 'string') this.attrs.set(key, value);
  }

  override delete(key: unknown): unknown {
    if (typeof key === 'string') this.attrs.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    this.attrs.clear();
    super.clear();
  }
}

/** `collections.Counter`: a dict of counts; missing keys count 0. */
export class PyCounter extends PyDict {}

/** A live view of a dict: `d.keys()`, `d.values()`, `d.items()`. */
export class PyDictView {
  constructor(
    readonly dict: PyDict,
    readonly kind: 'keys' | 'values' | 'items',
  ) {}

  /** The view's items now (items are (key, value) tuples). */
  items(): unknown[] {
    if (this.kind === 'keys') return this.dict.keys();
    if (this.kind === 'values') return this.dict.values();
    return this.dict.items().map((kv) => new PyTuple(kv));
  }
}

/** An instance of a `collections.namedtuple` class: prints as `Point(x=1, y=2)`. */
export class PyRecord extends PyNamedTuple {
  /** A repr of its own, when its class defines `__repr__` (null: the namedtuple's). */
  customRepr: (() => string | null) | null = null;

  constructor(
    /** The class that made it (what `type(p)` returns). */
    readonly cls: unknown,
    name: string,
    fields: readonly string[],
    items: readonly unknown[],
  ) {
    super(name, fields, items);
  }
}

/** `collections.deque`: a list with an optional maximum length, prints as `deque([…])`. */
export class PyDeque extends PyList {
  constructor(
    items: unknown[],
    /** `maxlen`, or null for unbounded. */
    readonly maxlen: number | null,
  ) {
    super(maxlen === null ? items : items.slice(Math.max(0, items.length - maxlen)));
  }
}
