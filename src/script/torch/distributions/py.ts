/**
 * What the distributions share: calling torch's own Python-level functions and tensor methods
 * (so every value, random draw and graph node is the one `torch.normal`, `x.expand`, … give a
 * script), methods and properties of their classes, and the `torch.Size` / Number tests their
 * sources make.
 */
import {Tensor} from '../../../../autograd/tensor.js';
import {callValue} from '../../call.js';
import {pyError} from '../../errors.js';
import {PyInstance, PyMethodDescriptor, PyProperty} from '../../objects.js';
import {binaryOp, compare, truthy} from '../../operators.js';
import {pyRepr, pyStr, typeName} from '../../repr.js';
import {PyCallable, PyModule, TorchSize, type Kwargs} from '../../values.js';
import {tensorAttribute} from '../attributes.js';
import {instanceGetAttr} from '../../classes.js';

/** Where torch.distributions' sources live (`__module__` of its classes, its tracebacks). */
export const distributionsModule = 'torch.distributions';

const modules = new Map<string, PyModule>();

/** Keeps `torch` and `torch.nn.functional`, whose functions the distributions call. */
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
  return callValue(getAttr(x, name), args, kwargs);
}

/** `a op b` as Python computes it (a tensor operator records its graph node). */
export function op(o: string, a: unknown, b: unknown): unknown {
  return ['<', '<=', '>', '>=', '==', '!='].includes(o) ? compare(o, a, b) : binaryOp(o, a, b);
}

/** Keyword arguments from an object. */
export function kw(entries: Record<string, unknown>): Kwargs {
  return new Map(Object.entries(entries));
}

/** Python's truth value of `x.all()` (counted here: the engine has no `Tensor.all` yet). */
export function allTrue(x: unknown): boolean {
  if (!(x instanceof Tensor)) return truthy(x);
  return Number(call(call(op('==', x, 0n), 'sum'), 'item')) === 0;
}

/** `x.all(-1)` of a boolean tensor: the last dimension's entries all true, as a bool tensor. */
export function allLast(x: Tensor): unknown {
  return op('==', call(call(x, 'long'), 'sum', [-1n]), BigInt(x.shape[x.shape.length - 1] ?? 0));
}

/** `isinstance(v, numbers.Number)`. */
export function isNumber(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';
}

/** `torch.Size(x)` unless `x` already is one (it raises as torch.Size does for a bad item). */
export function toTorchSize(x: unknown): TorchSize {
  if (x instanceof TorchSize) return x;
  return torchCall('Size', [x]) as TorchSize;
}

/** `a + b` of sizes. */
export function concatSizes(...sizes: TorchSize[]): TorchSize {
  return new TorchSize(sizes.flatMap((s) => s.dims));
}

/** `tuple(t.shape)` as Python prints it: `()`, `(2,)`, `(2, 3)`. */
export function shapeTuple(t: Tensor): string {
  return t.shape.length === 1 ? `(${t.shape[0]},)` : `(${t.shape.join(', ')})`;
}

/** `'{}'.format(t)`: a 0-d tensor formats as its item, any other as `str(t)`. */
export function formatTensor(t: unknown): string {
  if (t instanceof Tensor && t.dim() === 0) return pyRepr(call(t, 'item'));
  return pyStr(t);
}

function selfOf(self: unknown, owner: string): PyInstance {
  if (!(self instanceof PyInstance)) {
    throw pyError('TypeError', `descriptor of '${owner}' object needs an argument`);
  }
  return self;
}

/** A method of a distribution class, as a `[name, descriptor]` entry of its class dict. */
export function method(
  owner: string,
  name: string,
  run: (self: PyInstance, args: readonly unknown[], kwargs: Kwargs) => unknown,
): [string, PyMethodDescriptor] {
  return [name, new PyMethodDescriptor(name, (s, a, k) => run(selfOf(s, owner), a, k), owner)];
}

/** A read-only property of a distribution class. */
export function property(
  owner: string,
  name: string,
  get: (self: PyInstance) => unknown,
): [string, PyProperty] {
  return [name, new PyProperty(new PyCallable(name, (args) => get(selfOf(args[0], owner))))];
}

/** `getattr(x, name)` of a tensor or an instance (a distribution, a constraint). */
export function getAttr(x: unknown, name: string): unknown {
  if (x instanceof Tensor) return tensorAttribute(x, name);
  if (x instanceof PyInstance) return instanceGetAttr(x, name);
  throw pyError('AttributeError', `'${typeName(x)}' object has no attribute '${name}'`);
}

/** `getattr(self, name)`. */
export function attr(self: PyInstance, name: string): unknown {
  return getAttr(self, name);
}

/** `getattr(self, name)` that must be a tensor (the parameters a distribution keeps). */
export function tensorAttr(self: PyInstance, name: string): Tensor {
  const v = getAttr(self, name);
  if (!(v instanceof Tensor)) {
    throw pyError(
      'AttributeError',
      `'${self.cls.name}' object attribute '${name}' is not a Tensor`,
    );
  }
  return v;
}
