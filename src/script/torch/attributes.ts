/**
 * Tensor and grad_fn attributes from Python: properties (`shape`, `grad`, `grad_fn`,
 * `requires_grad`, `is_leaf`, `dtype`, `T`, `data`, …), bound methods, and assignment
 * (`x.requires_grad = True`, `x.grad = None`), with PyTorch's errors.
 */
import {AccumulateGrad, Node} from '../../../autograd/node.js';
import {
  savedAttribute,
  savedTensorNames,
  type SavedValue,
} from '../../../autograd/saved-attributes.js';
import {PySavedTensor} from './autograd-graph.js';
import {Tensor} from '../../../autograd/tensor.js';
import {writeStrided} from '../../../autograd/ops/views.js';
import {pyError} from '../errors.js';
import {typeName} from '../repr.js';
import {nonLeafGradWarning, numpyTWarning, pyWarn, pyWarnOnce} from '../warnings.js';
import {attributeErrorMessage, dirOf} from '../suggest.js';
import {PyCallable, PyTuple, TorchSize} from '../values.js';
import {dtypeObject} from './convert.js';
import {cpuDevice} from './device.js';
import {nextFunctionsOf, pyNode} from './function.js';
import {nodeRegisterHook} from './hooks.js';
import {callMethod, tensorMethods} from './methods.js';
import {PyDict} from '../containers.js';

const properties: Readonly<Record<string, (t: Tensor) => unknown>> = {
  shape: (t) => new TorchSize(t.shape),
  grad: (t) => {
    if (!t.isLeaf && !t.retainsGrad) pyWarn('UserWarning', nonLeafGradWarning);
    return t.grad;
  },
  grad_fn: (t) => pyNode(t.gradFn),
  requires_grad: (t) => t.requiresGrad,
  is_leaf: (t) => t.isLeaf,
  dtype: (t) => dtypeObject(t.dtype),
  T: (t) => {
    if (t.dim() !== 2 && t.dim() !== 0) pyWarnOnce('UserWarning', numpyTWarning);
    return t.T;
  },
  data: (t) => t.variableData(),
  ndim: (t) => BigInt(t.dim()),
  _version: (t) => BigInt(t.versionNumber),
  _base: (t) => t.base,
  retains_grad: (t) => t.retainsGrad,
  output_nr: (t) => BigInt(t.outputNr),
  is_cuda: () => false,
  is_cpu: () => true,
  device: () => cpuDevice(),
};

function notSupported(what: string): never {
  throw pyError('NotImplementedError', `${what} is not supported by grad-graph yet`);
}

/** `t.name`. */
export function tensorAttribute(t: Tensor, name: string): unknown {
  const prop = properties[name];
  if (prop && Object.prototype.hasOwnProperty.call(properties, name)) return prop(t);
  const spec = tensorMethods.get(name);
  if (spec) {
    return new PyCallable(name, (args, kwargs) => callMethod(spec, t, args, kwargs), {
      kind: 'method',
      self: t,
      owner: 'Tensor',
    });
  }
  const known = dirOf('Tensor');
  if (known.includes(name)) notSupported(`Tensor.${name}`);
  throw pyError('AttributeError', attributeErrorMessage('Tensor', name));
}

/** `t.name = value`. */
export function tensorSetAttribute(t: Tensor, name: string, value: unknown): void {
  switch (name) {
    case 'requires_grad':
      if (typeof value !== 'boolean') throw pyError('RuntimeError', 'requires_grad must be a bool');
      t.requiresGrad = value;
      return;
    case 'grad':
      if (value !== null && !(value instanceof Tensor)) {
        throw pyError(
          'TypeError',
          `assigned grad expected to be a Tensor or None but got grad of type${typeName(value)}`,
        );
      }
      t.grad = value;
      return;
    case 'data': {
      if (!(value instanceof Tensor)) {
        throw pyError('TypeError', `Variable data has to be a tensor, but got ${typeName(value)}`);
      }
      if (value.dtype !== t.dtype || value.shape.join() !== t.shape.join()) {
        // Another shape or dtype: the tensor shares the new one's storage, as PyTorch's set_data.
        t.setData(value);
        return;
      }
      // Writes the new values into the tensor's own storage: the effect `.data = …` has on the
      // values, without recording an op or bumping the version counter, as in PyTorch.
      const src = value.contiguous();
      writeStrided(t, src.data.subarray(src.offset, src.offset + src.numel()));
      return;
    }
    default:
      break;
  }
  if (name in properties || tensorMethods.has(name) || dirOf('Tensor').includes(name)) {
    throw pyError(
      'AttributeError',
      `attribute '${name}' of 'torch._C._TensorBase' objects is not writable`,
    );
  }
  notSupported(`setting a new attribute '${name}' on a tensor`);
}

const metadata = new WeakMap<Node, PyDict>();

/** `grad_fn.metadata`: a dict kept with the node. */
function nodeMetadata(node: Node): PyDict {
  let d = metadata.get(node);
  if (!d) {
    d = new PyDict();
    metadata.set(node, d);
  }
  return d;
}

/** A `_saved_*` value as Python sees it. */
function pySaved(v: SavedValue): unknown {
  if ('tensor' in v) return v.tensor;
  if ('int' in v) return BigInt(v.int);
  if ('float' in v) return v.float;
  if ('bool' in v) return v.bool;
  if ('ints' in v) return new PyTuple(v.ints.map((i) => BigInt(i)));
  return null;
}

/** `grad_fn.name`: `name()`, `next_functions`, `variable` (AccumulateGrad). */
export function nodeAttribute(node: Node, name: string): unknown {
  switch (name) {
    case 'name':
      return new PyCallable('name', () => node.name(), {
        kind: 'method',
        self: node,
        owner: node.className(),
      });
    case 'next_functions':
      return nextFunctionsOf(node);
    case 'register_hook':
    case 'register_prehook':
      return new PyCallable(
        name,
        (args) => {
          if (args.length !== 1) {
            throw pyError(
              'TypeError',
              `${name}() takes exactly one argument (${args.length} given)`,
            );
          }
          return nodeRegisterHook(node, args[0], name === 'register_prehook');
        },
        {kind: 'method', self: node, owner: node.className()},
      );
    case 'metadata':
      return nodeMetadata(node);
    case 'variable':
      if (node instanceof AccumulateGrad) return node.variable;
      break;
    case 'requires_grad':
      return true;
    default: {
      const saved = name.startsWith('_saved_') ? savedAttribute(node, name.slice(7)) : undefined;
      if (saved !== undefined) return pySaved(saved);
      const raw = name.startsWith('_raw_saved_') ? name.slice(11) : null;
      if (raw !== null && savedTensorNames(node).includes(raw)) return new PySavedTensor(node, raw);
      break;
    }
  }
  throw pyError('AttributeError', `'${node.className()}' object has no attribute '${name}'`);
}
