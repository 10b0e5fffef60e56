/**
 * What the distributions share: calling torch's own Python-level functions and tensor methods
 * (calls.ts, re-exported here), methods and properties of their classes, and the `torch.Size` /
 * Number tests their sources make.
 */
import {Tensor} from '../../../../autograd/tensor.js';
import {pyError} from '../../errors.js';
import {PyInstance, PyMethodDescriptor, PyProperty} from '../../objects.js';
import {truthy} from '../../operators.js';
import {pyRepr, pyStr} from '../../repr.js';
import {PyCallable, TorchSize, type Kwargs} from '../../values.js';
import {late} from '../../late.js';
import {call, torchCall} from '../calls.js';

/** Where torch.distributions' sources live (`__module__` of its classes, its tracebacks). */
export const distributionsModule = 'torch.distributions';

export {call, functionalCall, kw, op, torchCall} from '../calls.js';

/** Python's truth value of `x.all()`. */
export function allTrue(x: unknown): boolean {
  return truthy(x instanceof Tensor ? call(x, 'all') : x);
}

/** `x.all(-1)` of a boolean tensor: the last dimension's entries all true, as a bool tensor. */
export function allLast(x: Tensor): unknown {
  return call(x, 'all', [-1n]);
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
  return late.getAttr(x, name);
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
