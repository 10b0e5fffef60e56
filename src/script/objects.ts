/**
 * The object model: classes, instances, script functions and the descriptors a class body makes
 * (bound methods, `staticmethod`, `classmethod`, `property`, `super()`).
 *
 * A class is a `PyClass` whether the script defined it (`class Net(nn.Module): …`) or TypeScript
 * did (`nn.Module`, `Exception`, `object`): a TS class puts PyCallables taking `self` first in its
 * `dict`, exactly where a script class puts its functions, so a script class can subclass it and
 * `super().__init__()` reaches it. Attribute lookup follows the MRO (C3, as CPython computes it).
 */
import type {Arguments, Expr, Stmt} from './ast.js';
import {pyError} from './errors.js';
import type {Span} from '../trace/span.js';
import type {Kwargs} from './values.js';
import {isGeneratorBody} from './yields.js';

/** A Python class. */
export class PyClass {
  /** The method resolution order, this class first (C3 linearisation of the bases). */
  readonly mro: readonly PyClass[];

  constructor(
    /** `__name__`. */
    readonly name: string,
    /** The classes it derives from, in the order written (empty only for `object`). */
    readonly bases: readonly PyClass[],
    /** The class namespace: methods, class attributes, descriptors. */
    readonly dict: Map<string, unknown>,
    /** `__module__`: `__main__` for script classes, `builtins` for the exception hierarchy. */
    readonly module = '__main__',
    /** `__qualname__` (`Outer.Inner`); defaults to the name. */
    readonly qualname = name,
    /**
     * For classes implemented in TypeScript: makes the instance `cls(...)` starts from (the
     * instance's `native` slot may hold the TS state). Inherited by subclasses.
     */
    readonly create?: (cls: PyClass, args: readonly unknown[], kwargs: Kwargs) => PyInstance,
  ) {
    this.mro = [this, ...c3Merge(bases.map((b) => [...b.mro]).concat([[...bases]]))];
  }

  /** The first definition of `name` along the MRO (undefined when none has it). */
  lookup(name: string): unknown {
    for (const c of this.mro) {
      const v = c.dict.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** The class whose dict defines `name` first along the MRO. */
  owner(name: string): PyClass | undefined {
    return this.mro.find((c) => c.dict.has(name));
  }

  /** Is this class `other` or derived from it? */
  isSubclassOf(other: PyClass): boolean {
    return this === other || this.mro.includes(other);
  }

  /** How `cls(...)` makes a fresh instance: the nearest TS `create` along the MRO, else plain. */
  instantiate(args: readonly unknown[], kwargs: Kwargs): PyInstance {
    for (const c of this.mro) if (c.create) return c.create(this, args, kwargs);
    return new PyInstance(this);
  }
}

function c3Merge(sequences: PyClass[][]): PyClass[] {
  const out: PyClass[] = [];
  const seqs = sequences.map((s) => [...s]).filter((s) => s.length > 0);
  while (seqs.length > 0) {
    let head: PyClass | undefined;
    for (const s of seqs) {
      const candidate = s[0] as PyClass;
      if (!seqs.some((t) => t.indexOf(candidate) > 0)) {
        head = candidate;
        break;
      }
    }
    if (!head) {
      const names = seqs.map((s) => (s[0] as PyClass).name);
      throw pyError(
        'TypeError',
        `Cannot create a consistent method resolution order (MRO) for bases ${[...new Set(names)].join(', ')}`,
      );
    }
    out.push(head);
    for (const s of seqs) if (s[0] === head) s.shift();
    for (let i = seqs.length - 1; i >= 0; i--) if (seqs[i]?.length === 0) seqs.splice(i, 1);
  }
  return out;
}

/** An instance of a PyClass: its class, its `__dict__`, and a slot for a TS class's state. */
export class PyInstance {
  /** `__dict__`: attributes set on the instance, in insertion order. */
  readonly dict = new Map<string, unknown>();
  /** State a TS-implemented base class keeps for the instance (e.g. an exception's traceback). */
  native: unknown = undefined;

  constructor(public cls: PyClass) {}
}

/** How a script function is run: the interpreter that defined it implements it. */
export interface FunctionRuntime {
  /** Calls `fn` with these arguments (binding them to its parameters) and returns its result. */
  invoke(fn: PyFunction, args: readonly unknown[], kwargs: Kwargs, site: Span | null): unknown;
}

/** The definition a PyFunction runs: a `def` or a `lambda`. */
export type FunctionNode = Extract<Stmt, {kind: 'FunctionDef'}> | Extract<Expr, {kind: 'Lambda'}>;

/** A function defined by the script (`def` or `lambda`). */
export class PyFunction {
  /** Attributes set on the function object (`f.calls = 0`). */
  readonly dict = new Map<string, unknown>();
  /** The class whose body defined it (zero-argument `super()` needs it: CPython's `__class__`). */
  owner: PyClass | null = null;
  /** Is it a generator function (a `yield` in its body): calling it makes a generator. */
  readonly generator: boolean;

  constructor(
    readonly name: string,
    /** `__qualname__`: `Net.forward`, `outer.<locals>.inner`, `<lambda>`. */
    readonly qualname: string,
    readonly node: FunctionNode,
    /** Default values of the positional parameters that have one (the last ones), in order. */
    readonly defaults: readonly unknown[],
    /** Default values of the keyword-only parameters that have one. */
    readonly kwdefaults: ReadonlyMap<string, unknown>,
    /** The enclosing function's frame (for closures), or null at module level. */
    readonly closure: unknown,
    readonly runtime: FunctionRuntime,
  ) {
    this.generator = isGeneratorBody(node);
  }

  /** The parameter list. */
  get args(): Arguments {
    return this.node.args;
  }
}

/** A function bound to an object: `obj.method` (or a class, for a classmethod). */
export class PyBoundMethod {
  constructor(
    readonly func: unknown,
    readonly self: unknown,
  ) {}
}

/** `staticmethod(f)`: found on a class or instance, it is `f` itself. */
export class PyStaticMethod {
  constructor(readonly func: unknown) {}
}

/** `classmethod(f)`: found on a class or instance, it is `f` bound to the class. */
export class PyClassMethod {
  constructor(readonly func: unknown) {}
}

/** `property(fget, fset, fdel)`: an attribute computed by functions. */
export class PyProperty {
  constructor(
    readonly fget: unknown,
    readonly fset: unknown = null,
    readonly fdel: unknown = null,
  ) {}
}

/** `super()` (or `super(cls, obj)`): looks up attributes after `cls` in `obj`'s MRO. */
export class PySuper {
  constructor(
    readonly cls: PyClass,
    readonly self: unknown,
  ) {}
}

/**
 * A method implemented in TypeScript, stored in a class's dict: found on an instance it binds to
 * it like a script function (`self` comes first).
 */
export class PyMethodDescriptor {
  constructor(
    readonly name: string,
    readonly call: (
      self: unknown,
      args: readonly unknown[],
      kwargs: Kwargs,
      site: Span | null,
    ) => unknown,
    /** The class it belongs to, for its repr (`<method 'append' of 'list' objects>`). */
    readonly owner = 'object',
    /** A special method of a builtin type: prints as CPython's `<slot wrapper …>`. */
    readonly slot = false,
  ) {}
}

/** The type of `NotImplemented`. */
export class PyNotImplementedType {
  /** `repr(NotImplemented)`. */
  toString(): string {
    return 'NotImplemented';
  }
}

/** Python's `NotImplemented`: what a binary dunder returns to let the other operand try. */
export const notImplemented = new PyNotImplementedType();

/** The type of `Ellipsis` (`...`), Python's `ellipsis`. */
export class PyEllipsisType {
  /** `repr(...)`. */
  toString(): string {
    return 'Ellipsis';
  }
}

/** Python's `Ellipsis` singleton, the value of `...` (an index meaning "all the other dims"). */
export const ellipsis = new PyEllipsisType();

/** `object`, the root of every class. */
export const objectClass = new PyClass('object', [], new Map(), 'builtins');
