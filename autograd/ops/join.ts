/**
 * Joining tensors: `torch.cat(tensors, dim)` along an existing dimension and `torch.stack(tensors,
 * dim)` along a new one, with PyTorch 1.13's checks and type promotion across the inputs.
 * Backward (CatBackward0, StackBackward0): each input gets its own slice of the gradient.
 */
import {promoteTypes} from '../dtype.js';
import type {DType} from '../dtype.js';
import {runtimeError, TorchError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp} from '../op.js';
import {overload} from '../op.js';
import type {NodeDeclaration, OpDeclaration, PythonCallContext} from '../op.js';
import {wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import {castData} from './convert.js';
import * as factories from './factories.js';
import {grad0, quietly} from './util.js';
import {clone, select, slice, writeStrided} from './views.js';

function joinedDtype(tensors: readonly Tensor[]): DType {
  return tensors.map((t) => t.dtype).reduce(promoteTypes);
}

/**
 * A fresh contiguous copy of a view of a gradient, by recorded ops (slice/select, clone), so that
 * with create_graph=True the gradient stays differentiable.
 */
function copied(view: Tensor): Tensor {
  return clone(view);
}

function writeInto(region: Tensor, x: Tensor, dtype: DType): void {
  const src = x.dtype === dtype ? x : castData(x, dtype);
  writeStrided(region, gather(src, dtype));
}

function anyNeedsGrad(tensors: readonly Tensor[]): boolean {
  return tensors.some((t) => needsGrad(t));
}

/** PyTorch's legacy rule: a 1-D tensor of size 0 takes no part in cat's shape checks. */
function skipped(t: Tensor): boolean {
  return t.shape.length === 1 && t.shape[0] === 0;
}

const CAT = declareNode('CatBackward0', true);
const STACK = declareNode('StackBackward0', true);

/** `torch.cat(tensors, dim=0)`: CatBackward0. */
export function cat(tensors: readonly Tensor[], dimArg: Int = 0): Tensor {
  if (tensors.length === 0) throw runtimeError('torch.cat(): expected a non-empty list of Tensors');
  tensors.forEach((t, i) => {
    if (t.shape.length === 0) {
      throw runtimeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
    }
  });
  const dtype = joinedDtype(tensors);
  const ref = tensors.find((t) => !skipped(t));
  if (ref === undefined) {
    return factories.zerosOf([0], dtype);
  }
  const dim = wrapDim(dimArg, ref.shape.length);
  let total = 0;
  tensors.forEach((t, i) => {
    if (skipped(t)) return;
    if (t.shape.length !== ref.shape.length) {
      throw runtimeError(
        `Tensors must have same number of dimensions: got ${ref.shape.length} and ${t.shape.length}`,
      );
    }
    for (let d = 0; d < ref.shape.length; d++) {
      if (d !== dim && t.shape[d] !== ref.shape[d]) {
        throw runtimeError(
          `Sizes of tensors must match except in dimension ${dim}. Expected size ${ref.shape[d] ?? 0} but got size ${t.shape[d] ?? 0} for tensor number ${i} in the list.`,
        );
      }
    }
    total += t.shape[dim] ?? 0;
  });
  const shape = [...ref.shape];
  shape[dim] = total;
  const out = factories.zerosOf(shape, dtype);
  const starts: number[] = [];
  let at = 0;
  quietly(() => {
    for (const t of tensors) {
      starts.push(at);
      if (skipped(t)) continue;
      const size = t.shape[dim] ?? 0;
      writeInto(slice(out, dim, at, at + size), t, dtype);
      at += size;
    }
  });
  if (anyNeedsGrad(tensors)) {
    attach(CAT, tensors, [out], (grads, _saved, node) => {
      const g = grad0(grads);
      return tensors.map((t, i) => {
        if (!node.needsInputGrad(i)) return null;
        if (skipped(t)) return factories.zerosOf([0], g.dtype);
        const start = starts[i] ?? 0;
        return copied(slice(g, dim, start, start + (t.shape[dim] ?? 0)));
      });
    });
  }
  reportOp('cat', tensors, {dim}, [out]);
  return out;
}

/** `torch.stack(tensors, dim=0)`: StackBackward0. */
export function stack(tensors: readonly Tensor[], dimArg: Int = 0): Tensor {
  const first = tensors[0];
  if (first === undefined) throw runtimeError('stack expects a non-empty TensorList');
  const dim = wrapDim(dimArg, first.shape.length + 1);
  tensors.forEach((t, i) => {
    if (t.shape.length !== first.shape.length || t.shape.some((s, d) => s !== first.shape[d])) {
      throw runtimeError(
        `stack expects each tensor to be equal size, but got [${first.shape.join(', ')}] at entry 0 and [${t.shape.join(', ')}] at entry ${i}`,
      );
    }
  });
  const dtype = joinedDtype(tensors);
  const shape = [...first.shape];
  shape.splice(dim, 0, tensors.length);
  const out = factories.zerosOf(shape, dtype);
  quietly(() => {
    tensors.forEach((t, i) => {
      writeInto(select(out, dim, i), t, dtype);
    });
  });
  if (anyNeedsGrad(tensors)) {
    attach(STACK, tensors, [out], (grads, _saved, node) => {
      const g = grad0(grads);
      return tensors.map((_t, i) => (node.needsInputGrad(i) ? copied(select(g, dim, i)) : null));
    });
  }
  reportOp('stack', tensors, {dim}, [out]);
  return out;
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.cat(tensors, dim=0)`: CatBackward0. */
    cat(tensors: readonly Tensor[], dim?: Int): Tensor;
    /** `torch.stack(tensors, dim=0)`: StackBackward0. */
    stack(tensors: readonly Tensor[], dim?: Int): Tensor;
  }
}

function tensorSequence(name: string, v: unknown, ctx: PythonCallContext): Tensor[] {
  const items = ctx.sequence(v);
  if (items === null) {
    throw new TorchError(
      'TypeError',
      `${name}(): argument 'tensors' (position 1) must be tuple of Tensors, not ${ctx.typeName(v)}`,
    );
  }
  return items.map((item, i) => {
    if (item instanceof Tensor) return item;
    throw new TorchError(
      'TypeError',
      `expected Tensor as element ${i} in argument 0, but got ${ctx.typeName(item)}`,
    );
  });
}

function joinDeclaration(name: 'cat' | 'stack', node: NodeDeclaration): OpDeclaration {
  const run = name === 'cat' ? cat : stack;
  return declareOp({
    name,
    nodes: [node],
    functions: {[name]: run},
    pythonTorch: {
      [name]: {
        // cat's dim may be a name (looked up, and not found, in the tensors' dimension names).
        signature: name === 'cat' ? 'cat(any tensors, any dim=0)' : 'stack(any tensors, int dim=0)',
        overloads:
          name === 'cat'
            ? [
                overload('(tuple of Tensors tensors, int dim, *, Tensor out)', 1, 3),
                overload('(tuple of Tensors tensors, name dim, *, Tensor out)', 2, 3),
              ]
            : [overload('(tuple of Tensors tensors, int dim, *, Tensor out)', 1, 3)],
        out: 'cat',
        call: (a, ctx) => {
          const tensors = tensorSequence(name, a.get('tensors'), ctx);
          const dimArg = a.get('dim');
          const first = tensors[0];
          if (name === 'cat' && typeof dimArg === 'string' && first) {
            // cat has a named-dimension overload, which looks the name up in the first tensor.
            const names = Array.from({length: first.dim()}, () => 'None').join(', ');
            throw runtimeError(`Name '${dimArg}' not found in Tensor[${names}].`);
          }
          if (typeof dimArg !== 'bigint' && typeof dimArg !== 'boolean') ctx.invalidArguments();
          return run(tensors, ctx.int(dimArg));
        },
      },
    },
  });
}

/** cat and stack. */
export const declarations: readonly OpDeclaration[] = [
  joinDeclaration('cat', CAT),
  joinDeclaration('stack', STACK),
];
