/**
 * Calling torch's own Python-level functions and tensor methods from library code written in
 * TypeScript (torch.distributions, torch.nn.utils), so every value, random draw and graph node is
 * the one the same call gives a script. modules.ts hands over `torch` and `torch.nn.functional`
 * once it has made them.
 */
import {callValue} from '../call.js';
import {pyError} from '../errors.js';
import {late} from '../late.js';
import {binaryOp, compare} from '../operators.js';
import type {Kwargs, PyModule} from '../values.js';

const modules = new Map<string, PyModule>();

/** Keeps `torch` and `torch.nn.functional`, whose functions library code calls. */
export function useModules(torch: PyModule, functional: PyModule): void {
  modules.set('torch', torch);
  modules.set('torch.nn.functional', functional);
}

function moduleAttr(module: string, name: string): unknown {
  const value = modules.get(module)?.attrs.get(name);
  if (value === undefined)
    throw pyError('AttributeError', `module '${module}' has no attribute '${name}'`);
  return value;
}

/** `torch.name(*args, **kwargs)`. */
export function torchCall(name: string, args: readonly unknown[], kwargs?: Kwargs): unknown {
  return callValue(moduleAttr('torch', name), args, kwargs);
}

/** `torch.nn.functional.name(*args, **kwargs)`. */
export function functionalCall(name: string, args: readonly unknown[], kwargs?: Kwargs): unknown {
  return callValue(moduleAttr('torch.nn.functional', name), args, kwargs);
}

/** `x.name(*args, **kwargs)`. */
export function call(
  x: unknown,
  name: string,
  args: readonly unknown[] = [],
  kwargs?: Kwargs,
): unknown {
  return callValue(late.getAttr(x, name), args, kwargs);
}

/** `a op b` as Python computes it (a tensor operator records its graph node). */
export function op(o: string, a: unknown, b: unknown): unknown {
  return ['<', '<=', '>', '>=', '==', '!='].includes(o) ? compare(o, a, b) : binaryOp(o, a, b);
}

/** Keyword arguments from an object. */
export function kw(entries: Record<string, unknown>): Kwargs {
  return new Map(Object.entries(entries));
}
