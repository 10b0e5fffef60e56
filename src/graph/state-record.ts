/**
 * A State's `nodes` and `links` records as views over its arrays: `record[id]` reads the array at
 * the id's position, and keys, entries, `in`, spread, JSON and equality see an ordinary record of
 * every id. Making one takes constant time, where filling a real record of a 5,000-node graph
 * took a millisecond and more every step (large objects are dictionaries in V8).
 */

/**
 * A record of `states` by id (`ids[i]` is at `states[i]`; `at` maps each id to i). Writes to an
 * id go to `states`, which belongs to the view (the caller hands over a copy of its own).
 */
export function recordView<T>(
  ids: readonly string[],
  at: ReadonlyMap<string, number>,
  states: T[],
): Record<string, T> {
  const index = (key: string | symbol): number | undefined =>
    typeof key === 'string' ? at.get(key) : undefined;
  return new Proxy<Record<string, T>>(
    {},
    {
      get(target, key, receiver) {
        const i = index(key);
        return i === undefined ? (Reflect.get(target, key, receiver) as unknown) : states[i];
      },
      set(target, key, value, receiver) {
        const i = index(key);
        if (i === undefined) return Reflect.set(target, key, value, receiver);
        states[i] = value as T;
        return true;
      },
      has(target, key) {
        return index(key) !== undefined || Reflect.has(target, key);
      },
      ownKeys(target) {
        return [...ids, ...Reflect.ownKeys(target)];
      },
      getOwnPropertyDescriptor(target, key) {
        const i = index(key);
        if (i === undefined) return Reflect.getOwnPropertyDescriptor(target, key);
        return {value: states[i], writable: true, enumerable: true, configurable: true};
      },
      deleteProperty(target, key) {
        return index(key) === undefined && Reflect.deleteProperty(target, key);
      },
    },
  );
}
