/**
 * The value model: how Python values live in JS. int is a bigint (arbitrary size), float a
 * number, bool a boolean, None null and str a string; the classes below are the rest (list,
 * tuple, range, slice, functions, modules, …). Tensors are autograd/'s own Tensor objects.
 */
import type {Span} from '../trace/span.js';

/** Keyword arguments of a call, in the order written. */
export type Kwargs = ReadonlyMap<string, unknown>;

/** A Python list: mutable, shared by reference. */
export class PyList {
  constructor(public items: unknown[]) {}
}

/** A Python tuple. */
export class PyTuple {
  constructor(readonly items: readonly unknown[]) {}
}

/** `torch.Size`: a tuple of ints that prints as `torch.Size([2, 3])`. */
export class TorchSize extends PyTuple {
  constructor(readonly dims: readonly number[]) {
    super(dims.map((d) => BigInt(d)));
  }
}

/** A named tuple such as `torch.return_types.max(values=…, indices=…)`: a tuple with field names. */
export class PyNamedTuple extends PyTuple {
  constructor(
    readonly qualname: string,
    readonly fields: readonly string[],
    items: readonly unknown[],
  ) {
    super(items);
  }
}

/** `range(start, stop, step)`, evaluated lazily. */
export class PyRange {
  constructor(
    readonly start: bigint,
    readonly stop: bigint,
    readonly step: bigint,
  ) {}

  /** The number of items, as Python computes `len(range(...))`. */
  get length(): bigint {
    const {start, stop, step} = this;
    if (step > 0n) return stop > start ? (stop - start + step - 1n) / step : 0n;
    return start > stop ? (start - stop - step - 1n) / -step : 0n;
  }

  at(index: bigint): bigint {
    return this.start + index * this.step;
  }
}

/** `slice(start, stop, step)`; each part is an int, None, or (for tensors) any index value. */
export class PySlice {
  constructor(
    readonly start: unknown,
    readonly stop: unknown,
    readonly step: unknown,
  ) {}
}

/** What kind of callable: decides its repr and its Python type name. */
export type CallableKind =
  | {readonly kind: 'builtin'}
  | {readonly kind: 'type'}
  | {
      readonly kind: 'method';
      readonly self: unknown;
      readonly owner: string;
      /** A special method of a builtin value: prints as CPython's `<method-wrapper …>`. */
      readonly wrapper?: boolean;
    }
  | {readonly kind: 'module-function'; readonly module: string}
  | {readonly kind: 'class'; readonly qualname: string};

/** Where a call happens, so builtins can report and print with the right span. */
export interface CallSite {
  readonly span: Span;
}

/** A function implemented in TS: builtins, torch functions, bound methods. */
export class PyCallable {
  constructor(
    readonly name: string,
    readonly call: (args: readonly unknown[], kwargs: Kwargs, site: CallSite) => unknown,
    readonly kind: CallableKind = {kind: 'builtin'},
  ) {}
}

/** A module object: `torch`, `torch.nn.functional`, … */
export class PyModule {
  constructor(
    readonly name: string,
    readonly attrs: Map<string, unknown>,
    readonly file: string,
  ) {}
}

/**
 * An iterator object such as the result of `enumerate(...)` or `zip(...)`: over a list of items
 * made up front, or (with `source`) lazily, one item a `next()`, as `map`, `filter` and the
 * endless `itertools.count()` need.
 */
export class PyIterator {
  index = 0;
  constructor(
    readonly typeName: string,
    readonly items: readonly unknown[],
    readonly source: Iterator<unknown> | null = null,
    /** A generator's function, for its repr (`<generator object Module.parameters at 0x…>`). */
    readonly qualname: string | null = null,
  ) {}
}

/** A context manager usable in `with`: `torch.no_grad()`, `torch.enable_grad()`. */
export class PyContextManager {
  constructor(
    readonly qualname: string,
    readonly enter: () => unknown,
    readonly exit: () => void,
  ) {}
}

/** An object the script can hold and print but not use (`torch.manual_seed`'s Generator). */
export class PyOpaque {
  constructor(
    /** `type(x).__name__`. */
    readonly typeName: string,
    /** The qualified name in its repr: `<torch._C.Generator object at 0x…>`. */
    readonly qualname: string,
  ) {}
}

/** A plain object with named attributes and a Python type name (e.g. a `torch.return_types.max`). */
export class PyNamespace {
  constructor(
    readonly typeName: string,
    readonly attrs: Map<string, unknown>,
  ) {}
}

/** A torch dtype (`torch.float32`), as a Python object distinct from a str. */
export class TorchDtype {
  private static readonly all = new Map<string, TorchDtype>();
  private constructor(readonly name: string) {}

  /** The one object for a dtype name, so `is` and `==` compare as in Python. */
  static of(name: string): TorchDtype {
    let d = TorchDtype.all.get(name);
    if (!d) {
      d = new TorchDtype(name);
      TorchDtype.all.set(name, d);
    }
    return d;
  }
}

let nextAddress = 0x7f3a5c0e1d30;
const addresses = new WeakMap<object, number>();

/** A stable fake memory address for `object at 0x…` reprs (CPython's format, 12 hex digits). */
export function addressOf(value: object): string {
  let a = addresses.get(value);
  if (a === undefined) {
    a = nextAddress;
    nextAddress += 0x70;
    addresses.set(value, a);
  }
  return `0x${a.toString(16)}`;
}
