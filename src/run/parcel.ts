/**
 * A big answer from a worker, sent in parcels. The structured clone of one message is read on
 * the receiving thread in one task: a 5,000-node picture (its trace, graph, timeline and layout,
 * tens of thousands of small objects) took over a second of the page's main thread. So `pack`
 * cuts every long array and every big record of the answer into slices sent as messages of their
 * own (each read in its own short task, the page drawing frames between them) and leaves in the
 * answer a placeholder for each; `Unpacker` gathers the slices and puts them back in place.
 * Objects shared inside the answer stay shared (the picture's graph is also its timeline's); only
 * items inside different slices are copies, as they would be across any two messages.
 */

/** Arrays longer than this (and records with more keys) travel in slices of this many items. */
export const PARCEL_ITEMS = 250;

/** Where a long array or a big record was: its parcel number, and whether it was a record. */
interface Placeholder {
  readonly __ggParcel: number;
  readonly record: boolean;
}

/** One slice of a parcel: array items, or a record's [key, value] entries. */
export interface ParcelSlice {
  readonly parcel: number;
  readonly items: readonly unknown[];
}

function isContainer(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isPlaceholder(value: unknown): value is Placeholder {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Placeholder>).__ggParcel === 'number'
  );
}

/**
 * The answer `value` as a skeleton (small: its long arrays and big records replaced by
 * placeholders) and the slices to send before it, in order. `value` is not changed.
 */
export function pack(
  value: unknown,
  items = PARCEL_ITEMS,
): {skeleton: unknown; slices: ParcelSlice[]} {
  const slices: ParcelSlice[] = [];
  const copies = new Map<object, unknown>();
  let parcels = 0;
  const walk = (v: unknown): unknown => {
    if (!isContainer(v)) return v;
    const known = copies.get(v);
    if (known !== undefined) return known;
    const array = Array.isArray(v);
    const entries = array ? null : Object.entries(v);
    const size = array ? v.length : (entries?.length ?? 0);
    if (size > items) {
      const placeholder: Placeholder = {__ggParcel: parcels++, record: !array};
      copies.set(v, placeholder);
      const all: readonly unknown[] = array ? v : (entries ?? []);
      for (let i = 0; i < all.length; i += items) {
        slices.push({parcel: placeholder.__ggParcel, items: all.slice(i, i + items)});
      }
      return placeholder;
    }
    if (array) {
      const copy: unknown[] = [];
      copies.set(v, copy);
      for (const item of v) copy.push(walk(item));
      return copy;
    }
    const copy: Record<string, unknown> = {};
    copies.set(v, copy);
    for (const [k, item] of entries ?? []) copy[k] = walk(item);
    return copy;
  };
  const skeleton = walk(value);
  return {skeleton, slices};
}

/** Gathers the slices of one answer and puts them back in its skeleton. */
export class Unpacker {
  private readonly parcels = new Map<number, unknown[]>();

  /** Takes one slice (they arrive in order). */
  add(slice: ParcelSlice): void {
    const list = this.parcels.get(slice.parcel);
    if (list) {
      for (const item of slice.items) list.push(item);
    } else this.parcels.set(slice.parcel, [...slice.items]);
  }

  /** The answer: `skeleton` (changed in place) with every placeholder replaced by its parcel. */
  unpack(skeleton: unknown): unknown {
    const built = new Map<number, unknown>();
    const seen = new Set<object>();
    const resolve = (v: unknown): unknown => {
      if (!isPlaceholder(v)) return v;
      const done = built.get(v.__ggParcel);
      if (done !== undefined) return done;
      const list = this.parcels.get(v.__ggParcel) ?? [];
      const value = v.record ? Object.fromEntries(list as [string, unknown][]) : list;
      built.set(v.__ggParcel, value);
      return value;
    };
    const walk = (v: unknown): void => {
      if (!isContainer(v) || isPlaceholder(v) || seen.has(v)) return;
      seen.add(v);
      // A parcel's items came whole in its slices: nothing inside them to put back.
      if (Array.isArray(v)) {
        v.forEach((item: unknown, i) => {
          if (isPlaceholder(item)) v[i] = resolve(item);
          else walk(item);
        });
        return;
      }
      const record = v as Record<string, unknown>;
      for (const k of Object.keys(record)) {
        const item = record[k];
        if (isPlaceholder(item)) record[k] = resolve(item);
        else walk(item);
      }
    };
    if (isPlaceholder(skeleton)) return resolve(skeleton);
    walk(skeleton);
    return skeleton;
  }
}
