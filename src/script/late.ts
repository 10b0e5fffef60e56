/**
 * Late-bound operations: the few places where a low-level module needs one defined above it
 * (repr of an instance runs its class's `__repr__`, which may call anything). The module that
 * defines each installs it when it loads, so the import graph stays free of cycles: repr.ts needs
 * no import of the object model, nor the object model of operators.ts.
 */
import type {PyInstance} from './objects.js';

function missing(what: string): never {
  throw new Error(`grad-graph: ${what} used before its module loaded`);
}

/** The operations, each replaced by its defining module. */
export const late = {
  /** `repr(obj)` of an instance (dunders.ts). */
  instanceRepr: (_obj: PyInstance): string => missing('instanceRepr'),
  /** `str(obj)` of an instance (dunders.ts). */
  instanceStr: (_obj: PyInstance): string => missing('instanceStr'),
  /**
   * `hash(obj)` of an instance whose class defines `__hash__` (dunders.ts): its value; null when
   * the class hashes by identity; raises for a class that set `__hash__ = None` (or defined
   * `__eq__` without `__hash__`).
   */
  instanceHash: (_obj: PyInstance): bigint | null => null,
  /** Python's truth value (operators.ts). */
  truthy: (_v: unknown): boolean => missing('truthy'),
  /** The items of an iterable (operators.ts). */
  iterate: (_v: unknown): unknown[] => missing('iterate'),
  /**
   * Stops the run past its time budget: builtins looping over many items (`sum(range(10**8))`)
   * call it now and then. The running interpreter installs it; outside a run it does nothing.
   */
  checkTime: (): void => undefined,
  /** `list[int]`: types.GenericAlias of a builtin type (stdlib/typing.ts). */
  genericAlias: (_origin: unknown, _key: unknown): unknown => missing('genericAlias'),
  /** `int | None` when both sides are types (a types.UnionType), else undefined (stdlib/typing.ts). */
  typeUnion: (_a: unknown, _b: unknown): unknown => undefined,
  /** `value.name` (attributes.ts): for library code the object model itself depends on. */
  getAttr: (_value: unknown, _name: string): unknown => missing('getAttr'),
  /** `value.name = item` (attributes.ts). */
  setAttr: (_value: unknown, _name: string, _item: unknown): void => missing('setAttr'),
  /**
   * The running interpreter's builtins namespace (builtins.ts installs each run's when it makes
   * it): the special methods of builtin values run `len`, `hash`, `round`, … through it, and
   * `x.__class__` is the run's own type object.
   */
  builtins: (): ReadonlyMap<string, unknown> => missing('builtins'),
  /** `float(x)` (builtins.ts). */
  float: (_x: unknown): number => missing('float'),
};
