/**
 * Choosing elements by a bool condition: `masked_fill(_)`, `masked_select`, `torch.where`
 * (three arguments: elementwise choice; one argument: `nonzero(as_tuple=True)`) and `nonzero`.
 * Backward formulas are the same recorded ops (`where(cond, grad, 0)`), so create_graph=True
 * passes through. Also the in-place form shared by these and the scatters: the out-of-place
 * result written back into the tensor, which takes over its grad_fn.
 */
import {allocate, scalarTypeName, toStored} from '../dtype.js';
import type {DType, Scalar} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {isGradEnabled} from '../gradmode.js';
import {gather} from '../kernels/strided.js';
import {declareNode, declareOp} from '../op.js';
import type {OpDeclaration, PythonCallContext} from '../op.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {muteObserver} from '../report.js';
import {broadcastShapes, contiguousStrides, numelOf, sameShape} from '../shape.js';
import {Tensor} from '../tensor.js';
import {indexPut} from './indexing.js';
import {sumTo} from './reduce.js';
import {grad0, promote, scalarArg, tensorOrNull, valuesAt, wrapScalar} from './util.js';
import {isMaskDType, writeStrided} from './views.js';

const MASKED_FILL = declareNode('MaskedFillBackward0', true, [null, null]);
const MASKED_SELECT = declareNode('MaskedSelectBackward0', true, [{moves: 'scatter'}]);
const WHERE = declareNode('WhereBackward0', true, [null, null]);

function dtypeName(dtype: DType): string {
  return scalarTypeName(dtype);
}

/**
 * An in-place op as its out-of-place form written back: `x` takes the values and the grad_fn
 * of `compute()`'s result (whose node's edge for self is x's old history), its version is
 * bumped, and the op is reported in place. PyTorch's leaf check; a view of a tensor that
 * requires grad is refused (PyTorch rebases it with CopySlices).
 */
export function inPlaceFrom(
  x: Tensor,
  op: string,
  compute: () => Tensor,
  others: readonly Tensor[],
): Tensor {
  if (isGradEnabled()) {
    if (x.isLeaf && x.requiresGrad && x.base === null) {
      throw runtimeError(
        'a leaf Variable that requires grad is being used in an in-place operation.',
      );
    }
    const base = x.base;
    if (base !== null && base.isLeaf && base.requiresGrad) {
      throw runtimeError(
        'a view of a leaf Variable that requires grad is being used in an in-place operation.',
      );
    }
    if (base !== null && (base.requiresGrad || others.some((o) => o.requiresGrad))) {
      throw runtimeError(
        `grad-graph: ${op} on a view of a tensor that requires grad (PyTorch rebases it with CopySlices) is not supported`,
      );
    }
  }
  const out = muteObserver(compute);
  if (!sameShape(out.shape, x.shape)) {
    throw runtimeError(
      `output with shape [${x.shape.join(', ')}] doesn't match the broadcast shape [${out.shape.join(', ')}]`,
    );
  }
  writeStrided(x, out.data);
  x.version.value++;
  if (out.gradFn !== null) {
    const old = x.gradFn;
    x.gradFn = out.gradFn;
    x.outputNr = 0;
    if (x.retainsGrad && old !== null) {
      old.retained?.delete(0);
      x.gradFn.retained ??= new Map();
      x.gradFn.retained.set(0, x);
    }
  }
  reportOp(op, [x, ...others], {}, [x], true);
  return x;
}

/** `x.masked_fill(mask, value)`: value where mask is true (MaskedFillBackward0). */
export function maskedFill(x: Tensor, mask: Tensor, value: Tensor | Scalar): Tensor {
  const vt = tensorOrNull(value);
  if (vt !== null && vt.dim() !== 0) {
    throw runtimeError(
      `masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${vt.dim()} dimension(s).`,
    );
  }
  // PyTorch broadcasts the mask first (its message names the mask's size as "tensor a").
  const shape = broadcastShapes(mask.shape, x.shape);
  const xs = valuesAt(x, shape);
  const ms = valuesAt(mask, shape);
  const fill = toStored(vt ? (vt.data[vt.offset] ?? 0) : (value as Scalar), x.dtype);
  const data = allocate(x.dtype, xs.length);
  for (let i = 0; i < xs.length; i++) data[i] = ms[i] !== 0 ? fill : (xs[i] ?? 0);
  const out = new Tensor(data, shape, x.dtype);
  if (needsGrad(x, vt)) {
    const xShape = x.shape;
    attach(MASKED_FILL, vt ? [x, vt] : [x], [out], (grads, _s, node) => {
      const g = grad0(grads);
      const self = node.needsInputGrad(0) ? sumTo(maskedFill(g, mask, 0), xShape) : null;
      const v = vt && node.needsInputGrad(1) ? where(mask, g, 0).sum() : null;
      return vt ? [self, v] : [self];
    });
  }
  reportOp('masked_fill', vt ? [x, mask, vt] : [x, mask], {value: scalarArg(value)}, [out]);
  return out;
}

/** `masked_fill_`'s value: the mask broadcast to x (x named first in PyTorch's message). */
function maskedFillInPlace(x: Tensor, mask: Tensor, value: Tensor | Scalar): Tensor {
  broadcastShapes(x.shape, mask.shape);
  return maskedFill(x, mask, value);
}

/** `x.masked_select(mask)`: the elements where mask is true, 1-D (MaskedSelectBackward0). */
export function maskedSelect(x: Tensor, mask: Tensor): Tensor {
  if (!isMaskDType(mask.dtype)) {
    throw runtimeError('masked_select: expected BoolTensor or ByteTensor for mask');
  }
  const shape = broadcastShapes(x.shape, mask.shape);
  const xs = valuesAt(x, shape);
  const ms = valuesAt(mask, shape);
  const picked: number[] = [];
  for (let i = 0; i < xs.length; i++) if (ms[i] !== 0) picked.push(xs[i] ?? 0);
  const data = allocate(x.dtype, picked.length);
  picked.forEach((v, i) => (data[i] = v));
  const out = new Tensor(data, [picked.length], x.dtype);
  if (needsGrad(x)) {
    const xShape = x.shape;
    const fullMask = muteObserver(() => new Tensor(Uint8Array.from(ms), [...shape], 'bool'));
    attach(MASKED_SELECT, [x], [out], (grads) => {
      const g = grad0(grads);
      const zeros = muteObserver(
        () => new Tensor(allocate(g.dtype, numelOf(shape)), [...shape], g.dtype),
      );
      return [sumTo(indexPut(zeros, [fullMask], g), xShape)];
    });
  }
  reportOp('masked_select', [x, mask], {}, [out]);
  return out;
}

/** `torch.where(condition, x, y)`: x where condition, else y, broadcast (WhereBackward0). */
export function where(condition: Tensor, x: Tensor | Scalar, y: Tensor | Scalar): Tensor {
  if (!isMaskDType(condition.dtype)) {
    throw runtimeError(
      `where expected condition to be a boolean tensor, but got a tensor with dtype ${dtypeName(condition.dtype)}`,
    );
  }
  const dtype = promote(x, y);
  const xt = tensorOrNull(x) ?? wrapScalar(x as Scalar, dtype);
  const yt = tensorOrNull(y) ?? wrapScalar(y as Scalar, dtype);
  // PyTorch broadcasts self and other first (its message names their sizes), then condition.
  const shape = broadcastShapes(condition.shape, broadcastShapes(xt.shape, yt.shape));
  const cs = valuesAt(condition, shape);
  const xs = valuesAt(xt, shape);
  const ys = valuesAt(yt, shape);
  const data = allocate(dtype, cs.length);
  for (let i = 0; i < cs.length; i++)
    data[i] = toStored(cs[i] !== 0 ? (xs[i] ?? 0) : (ys[i] ?? 0), dtype);
  const out = new Tensor(data, shape, dtype);
  if (needsGrad(xt, yt)) {
    const xShape = xt.shape;
    const yShape = yt.shape;
    attach(WHERE, [xt, yt], [out], (grads, _s, node) => {
      const g = grad0(grads);
      return [
        node.needsInputGrad(0) ? sumTo(where(condition, g, 0), xShape) : null,
        node.needsInputGrad(1) ? sumTo(where(condition, 0, g), yShape) : null,
      ];
    });
  }
  const given = [x, y].filter((v): v is Tensor => v instanceof Tensor);
  reportOp('where', [condition, ...given], {}, [out]);
  return out;
}

/** `torch.nonzero(x)`: the coordinates of the nonzero elements, `[n, x.dim()]` int64. */
export function nonzero(x: Tensor): Tensor {
  const values = gather(x, 'float64');
  const strides = contiguousStrides(x.shape);
  const hits: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) hits.push(i);
  const ndim = x.dim();
  const data = new Float64Array(hits.length * ndim);
  hits.forEach((h, k) => {
    for (let d = 0; d < ndim; d++) {
      data[k * ndim + d] = Math.floor(h / (strides[d] ?? 1)) % (x.shape[d] ?? 1);
    }
  });
  const out = new Tensor(data, [hits.length, ndim], 'int64');
  reportOp('nonzero', [x], {}, [out]);
  return out;
}

/** `torch.nonzero(x, as_tuple=True)` / `torch.where(condition)`: one int64 column per dim. */
export function nonzeroTuple(x: Tensor): Tensor[] {
  const nz = nonzero(x);
  const n = nz.shape[0] ?? 0;
  const ndim = Math.max(x.dim(), 1);
  return Array.from({length: ndim}, (_, d) => {
    const col = new Float64Array(n);
    for (let k = 0; k < n; k++) col[k] = x.dim() === 0 ? 0 : (nz.data[k * x.dim() + d] ?? 0);
    return muteObserver(() => new Tensor(col, [n], 'int64'));
  });
}

declare module '../tensor.js' {
  interface Tensor {
    /** `masked_fill(mask, value)`. */
    maskedFill(mask: Tensor, value: Tensor | Scalar): Tensor;
    /** `masked_fill_(mask, value)`. */
    maskedFill_(mask: Tensor, value: Tensor | Scalar): this;
    /** `masked_select(mask)`. */
    maskedSelect(mask: Tensor): Tensor;
    /** `nonzero()`. */
    nonzero(): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.where(condition, x, y)`. */
    where(condition: Tensor, x: Tensor | Scalar, y: Tensor | Scalar): Tensor;
    /** `torch.nonzero(input)`. */
    nonzero(x: Tensor): Tensor;
    /** `torch.masked_select(input, mask)`. */
    maskedSelect(x: Tensor, mask: Tensor): Tensor;
  }
}

function tensorArg(value: unknown, ctx: PythonCallContext): Tensor {
  if (!(value instanceof Tensor)) ctx.invalidArguments();
  return value;
}

/** masked_fill(_), masked_select, where, nonzero. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'masked_fill',
    nodes: [MASKED_FILL],
    methods: {
      maskedFill(this: Tensor, mask: Tensor, value: Tensor | Scalar) {
        return maskedFill(this, mask, value);
      },
      maskedFill_(this: Tensor, mask: Tensor, value: Tensor | Scalar) {
        const vt = tensorOrNull(value);
        return inPlaceFrom(
          this,
          'masked_fill_',
          () => maskedFillInPlace(this, mask, value),
          vt ? [mask, vt] : [mask],
        );
      },
    },
    python: {
      masked_fill: {
        method: 'masked_fill(Tensor mask, TensorOrNumber value)',
        function: true,
        call: (t, a) => maskedFill(t, a.get('mask') as Tensor, a.get('value') as Tensor | Scalar),
      },
      masked_fill_: {
        method: 'masked_fill_(Tensor mask, TensorOrNumber value)',
        call: (t, a) => {
          const mask = a.get('mask') as Tensor;
          const value = a.get('value') as Tensor | Scalar;
          const vt = tensorOrNull(value);
          return inPlaceFrom(
            t,
            'masked_fill_',
            () => maskedFillInPlace(t, mask, value),
            vt ? [mask, vt] : [mask],
          );
        },
      },
    },
  }),
  declareOp({
    name: 'masked_select',
    nodes: [MASKED_SELECT],
    methods: {
      maskedSelect(this: Tensor, mask: Tensor) {
        return maskedSelect(this, mask);
      },
    },
    functions: {maskedSelect},
    python: {
      masked_select: {
        method: 'masked_select(Tensor mask)',
        function: true,
        call: (t, a) => maskedSelect(t, a.get('mask') as Tensor),
      },
    },
  }),
  declareOp({
    name: 'where',
    nodes: [WHERE],
    functions: {where},
    python: {
      where: {
        method: 'where(Tensor condition, TensorOrNumber other)',
        call: (t, a) => where(a.get('condition') as Tensor, t, a.get('other') as Tensor | Scalar),
      },
    },
    pythonTorch: {
      where: {
        signature: 'where(any condition, any input=None, any other=None)',
        out: 'same',
        call: (a, ctx) => {
          const condition = tensorArg(a.get('condition'), ctx);
          const x = a.get('input');
          const y = a.get('other');
          if (x === null && y === null) return nonzeroTuple(condition);
          const ok = (v: unknown) =>
            v instanceof Tensor ||
            typeof v === 'number' ||
            typeof v === 'bigint' ||
            typeof v === 'boolean';
          if (!ok(x) || !ok(y)) ctx.invalidArguments();
          return where(condition, x as Tensor | Scalar, y as Tensor | Scalar);
        },
      },
    },
  }),
  declareOp({
    name: 'nonzero',
    methods: {
      nonzero(this: Tensor) {
        return nonzero(this);
      },
    },
    functions: {nonzero},
    python: {
      nonzero: {
        method: 'nonzero(*, bool as_tuple=False)',
        function: true,
        call: (t, a) => (a.get('as_tuple') === true ? nonzeroTuple(t) : nonzero(t)),
      },
    },
  }),
];
