/**
 * Calling any Python callable: the one entry builtins (`sorted(key=f)`, `map(f, xs)`), TS classes
 * (`nn.Module.__call__` → `forward`) and the interpreter share. A script function runs in the
 * interpreter that defined it; a class makes an instance and runs `__init__`; an object with
 * `__call__` is called through it.
 */
import type {Span} from '../trace/span.js';
import {pyError} from './errors.js';
import {
  PyBoundMethod,
  PyClass,
  PyClassMethod,
  PyFunction,
  PyInstance,
  PyMethodDescriptor,
  PyStaticMethod,
} from './objects.js';
import {typeName} from './repr.js';
import {PyCallable, PyContextManager, type Kwargs} from './values.js';

const noKwargs: Kwargs = new Map<string, unknown>();

/**
 * `f(*args, **kwargs)` for any callable value; `site` is the call's span when the caller has one
 * (a builtin calling a key function passes its own site). Raises CPython's TypeError for a value
 * that is not callable.
 */
export function callValue(
  f: unknown,
  args: readonly unknown[] = [],
  kwargs: Kwargs = noKwargs,
  site: Span | null = null,
): unknown {
  if (f instanceof PyFunction) return f.runtime.invoke(f, args, kwargs, site);
  if (f instanceof PyCallable) {
    const r = f.call(args, kwargs, {span: site ?? zeroSpan});
    return r === undefined ? null : r;
  }
  if (f instanceof PyBoundMethod) return callValue(f.func, [f.self, ...args], kwargs, site);
  if (f instanceof PyMethodDescriptor) {
    if (args.length === 0) {
      throw pyError('TypeError', `unbound method ${f.owner}.${f.name}() needs an argument`);
    }
    const r = f.call(args[0], args.slice(1), kwargs, site);
    return r === undefined ? null : r;
  }
  if (f instanceof PyClass) return instantiate(f, args, kwargs, site);
  if (f instanceof PyStaticMethod) return callValue(f.func, args, kwargs, site);
  if (f instanceof PyInstance) {
    const call = f.cls.lookup('__call__');
    if (call !== undefined) return callValue(call, [f, ...args], kwargs, site);
  }
  if (f instanceof PyClassMethod) {
    throw pyError('TypeError', "'classmethod' object is not callable");
  }
  if (f instanceof PyContextManager && args.length === 1 && kwargs.size === 0) {
    return decorated(f, args[0]);
  }
  throw pyError('TypeError', `'${typeName(f)}' object is not callable`);
}

const zeroSpan: Span = {line: 0, column: 0, endLine: 0, endColumn: 0};

/**
 * A grad-mode context manager used as a decorator (`@torch.no_grad()`): the function, run with
 * the mode set and restored after.
 */
function decorated(manager: PyContextManager, func: unknown): PyCallable {
  const name = func instanceof PyFunction ? func.name : 'decorate_context';
  return new PyCallable(name, (args, kwargs, site) => {
    manager.enter();
    try {
      return callValue(func, args, kwargs, site.span);
    } finally {
      manager.exit();
    }
  });
}

/** `cls(*args, **kwargs)`: a fresh instance, initialised by the `__init__` its MRO defines. */
export function instantiate(
  cls: PyClass,
  args: readonly unknown[],
  kwargs: Kwargs,
  site: Span | null,
): PyInstance {
  const inst = cls.instantiate(args, kwargs);
  const init = cls.lookup('__init__');
  if (init === undefined || init === objectInit) {
    if (args.length > 0 || kwargs.size > 0) {
      const newOwner = cls.owner('__init__');
      if (newOwner === undefined || newOwner.name === 'object') {
        throw pyError('TypeError', `${cls.name}() takes no arguments`);
      }
    }
    return inst;
  }
  const result = callValue(init, [inst, ...args], kwargs, site);
  if (result !== null && result !== undefined) {
    throw pyError('TypeError', `__init__() should return None, not '${typeName(result)}'`);
  }
  return inst;
}

/** `object.__init__`: accepts no arguments beyond self. */
export const objectInit = new PyMethodDescriptor('__init__', () => null);

/** Is `v` callable, as `callable()` answers? */
export function isCallable(v: unknown): boolean {
  if (v instanceof PyInstance) return v.cls.lookup('__call__') !== undefined;
  return (
    v instanceof PyCallable ||
    v instanceof PyFunction ||
    v instanceof PyBoundMethod ||
    v instanceof PyClass ||
    v instanceof PyMethodDescriptor ||
    v instanceof PyStaticMethod
  );
}
