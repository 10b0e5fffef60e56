/**
 * `x[index] = value` (PyTorch's `Tensor.__setitem__`) and the in-place rounding divisions
 * (`x //= y`, `x %= y`). Setitem copies into a view of `x` the way PyTorch's `copy_to` does:
 * same shape → copy, a 0-dim value → fill, else leading size-1 dims of the value dropped by a
 * (recorded) `view` and the rest broadcast by a (recorded) `expand`. The version counter is bumped,
 * and when autograd records, `x`'s grad_fn becomes a `CopySlices` node whose backward sends the
 * gradient of `x` with the written region zeroed to `x`'s old history and that region to `value`.
 *
 * Not modelled: writing into a tensor that is itself a view of a tensor requiring grad (PyTorch
 * rebases the view's base); that raises a grad-graph RuntimeError saying so.
 */
import {allocate, canCast, scalarTypeName, toStored} from '../dtype.js';
import type {Scalar} from '../dtype.js';
import type {Int} from '../shape.js';
import {runtimeError} from '../errors.js';
import {isGradEnabled, withGradMode} from '../gradmode.js';
import {gather} from '../kernels/strided.js';
import {save} from '../node.js';
import type {BackwardFn, Node} from '../node.js';
import {attach, reportOp} from '../record.js';
import {declareOp, overload} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {muteObserver} from '../report.js';
import {broadcastShapes, sameShape} from '../shape.js';
import {Tensor} from '../tensor.js';
import {attachCpp, COPY_SLICES, NOT_IMPLEMENTED} from './cpp-node.js';
import {divisionValues, floorDivide, NODES as DIVISION_NODES} from './division.js';
import * as arith from './arith.js';
import {grad0, promote, scalarArg, tensorOrNull, wrapScalar} from './util.js';
import {applySlicing, index as indexView, writeStrided} from './views.js';
import {INDEX_PUT, indexTensorList, setItemGrads, writeIndexed} from './indexing.js';
import type {IndexItem} from './views.js';

/** PyTorch's `check_inplace` for a write into `x` (`throughView`: the write goes into a view of x). */
function checkInplace(x: Tensor, valueNeedsGrad: boolean, throughView: boolean): void {
  if (!isGradEnabled()) return;
  const base = x.base;
  if (base === null && x.isLeaf && x.requiresGrad) {
    throw runtimeError(
      throughView
        ? 'a view of a leaf Variable that requires grad is being used in an in-place operation.'
        : 'a leaf Variable that requires grad is being used in an in-place operation.',
    );
  }
  if (base !== null && base.isLeaf && base.requiresGrad) {
    throw runtimeError(
      'a view of a leaf Variable that requires grad is being used in an in-place operation.',
    );
  }
  if (base !== null && (base.requiresGrad || valueNeedsGrad)) {
    throw runtimeError(
      'grad-graph: an in-place op on a view of a tensor that requires grad (PyTorch rebases it ' +
        'with CopySlices) is not supported',
    );
  }
}

/** Moves a retain_grad registration to the tensor's new grad_fn after an in-place op. */
function rebaseRetained(x: Tensor, oldFn: Node | null): void {
  if (!x.retainsGrad || oldFn === null || x.gradFn === null) return;
  oldFn.retained?.delete(x.outputNr);
  x.gradFn.retained ??= new Map();
  x.gradFn.retained.set(x.outputNr, x);
}

/** `x[items]` as an unrecorded view (the CopySlices node stands for it). */
function region(x: Tensor, items: readonly IndexItem[]): Tensor {
  return withGradMode(false, () => muteObserver(() => indexView(x, items)));
}

/** PyTorch's `slicePrefix1sDims`: the sizes without their leading 1s. */
function withoutLeadingOnes(shape: readonly number[]): number[] {
  const first = shape.findIndex((s) => s !== 1);
  return first === -1 ? [] : shape.slice(first);
}

/** Python's text of an index, for the observer (`0, 1:3, None`). */
function indexText(items: readonly IndexItem[]): string {
  const one = (it: IndexItem): string => {
    if (it === null) return 'None';
    if (it === '...') return '...';
    if (typeof it === 'boolean') return it ? 'True' : 'False';
    if (it instanceof Tensor) return `tensor[${it.shape.join(', ')}]`;
    if (typeof it === 'object') {
      const part = (v: Int | undefined | null) => (v === null || v === undefined ? '' : String(v));
      const step = it.step === null || it.step === undefined ? '' : `:${String(it.step)}`;
      return `${part(it.start)}:${part(it.stop)}${step}`;
    }
    return String(it);
  };
  return items.map(one).join(', ');
}

const REMAINDER = DIVISION_NODES.remainder;

/**
 * `x[items] = value`: a Python scalar (cast to x's dtype) or a tensor broadcast to the indexed
 * region. Records CopySlices when grad mode is on and x or value requires grad.
 */
export function setItem(x: Tensor, items: readonly IndexItem[], value: Tensor | Scalar): void {
  if (items.some((it) => it instanceof Tensor || typeof it === 'boolean')) {
    const sliced = withGradMode(false, () => muteObserver(() => applySlicing(x, items)));
    if (sliced.tensors.length > 0) {
      setItemIndexed(x, items, sliced.view, sliced.tensors, value);
      return;
    }
  }
  const target = region(x, items);
  const vt = tensorOrNull(value);
  // copy_to: the value as a tensor shaped like the region (recorded view/expand ops, as PyTorch).
  let source: Tensor | null = vt;
  const fill = vt !== null && vt.dim() === 0 && !sameShape(vt.shape, target.shape);
  if (vt !== null && !fill && !sameShape(vt.shape, target.shape)) {
    source = vt.view(withoutLeadingOnes(vt.shape));
    if (!sameShape(source.shape, target.shape)) source = source.expand(target.shape);
  }
  const valueNeedsGrad = source !== null && source.requiresGrad;
  checkInplace(x, valueNeedsGrad, true);
  const values = new Float64Array(target.numel());
  if (source === null) values.fill(toStored(value as Scalar, x.dtype));
  else if (fill) values.fill(toStored(source.data[source.offset] ?? 0, x.dtype));
  else {
    const raw = gather(source, 'float64');
    for (let i = 0; i < raw.length; i++) values[i] = toStored(raw[i] ?? 0, x.dtype);
  }
  writeStrided(target, values);
  x.version.value++;
  if (isGradEnabled() && (x.requiresGrad || valueNeedsGrad)) {
    const oldFn = x.gradFn;
    attachCpp(COPY_SLICES, [x, source], [x], (grads, _saved, node) => {
      const g = grad0(grads);
      // Recorded ops only (index, clone, sum, mul), so create_graph=True can differentiate this.
      let valueGrad: Tensor | null = null;
      if (node.needsInputGrad(1)) {
        const sliceGrad = indexView(g, items).clone();
        // fill_(Tensor value): ∂/∂value = grad.sum(); copy_: the region's gradient as it is.
        valueGrad = fill ? sliceGrad.sum() : sliceGrad;
      }
      let result: Tensor | null = null;
      if (node.needsInputGrad(0) && !isGradEnabled()) {
        // The gradient of x with the overwritten region set to exactly zero.
        result = new Tensor(gather(g, g.dtype), [...g.shape], g.dtype);
        writeStrided(region(result, items), new Float64Array(target.numel()));
      } else if (node.needsInputGrad(0)) {
        // create_graph=True: the same as grad · mask, a recorded op (an inf or nan gradient in
        // the region would give nan here where PyTorch gives 0).
        const mask = new Tensor(allocate(g.dtype, g.numel()).fill(1), [...g.shape], g.dtype);
        writeStrided(region(mask, items), new Float64Array(target.numel()));
        result = arith.mul(g, mask);
      }
      return [result, valueGrad];
    });
    rebaseRetained(x, oldFn);
  }
  reportOp(
    '__setitem__',
    source ? [x, source] : [x],
    {index: indexText(items), value: vt === null ? scalarArg(value) : null},
    [x],
    true,
  );
}

/**
 * `x[items] = value` with tensor indices: `index_put_` into the basic items' view of x
 * (IndexPutBackward0 on x, or CopySlices when the write goes through a view of it).
 */
function setItemIndexed(
  x: Tensor,
  items: readonly IndexItem[],
  view: Tensor,
  tensors: readonly (Tensor | null)[],
  value: Tensor | Scalar,
  accumulate = false,
): void {
  const vt = tensorOrNull(value);
  // PyTorch's set_item: a scalar becomes a 0-dim tensor of x's dtype; a tensor loses its
  // leading size-1 dims (a recorded view).
  let source: Tensor;
  if (vt === null) source = wrapScalar(value as Scalar, x.dtype);
  else {
    const trimmed = withoutLeadingOnes(vt.shape);
    source = sameShape(trimmed, vt.shape) ? vt : vt.view(trimmed);
  }
  const valueNeedsGrad = source.requiresGrad;
  checkInplace(x, valueNeedsGrad, view !== x);
  writeIndexed(view, tensors, source, accumulate);
  x.version.value++;
  if (isGradEnabled() && (x.requiresGrad || valueNeedsGrad)) {
    const oldFn = x.gradFn;
    const valuesShape = source.shape;
    const backward: BackwardFn = (grads, _saved, node) =>
      setItemGrads(grad0(grads), items, valuesShape, accumulate, [
        node.needsInputGrad(0),
        node.needsInputGrad(1),
      ]);
    if (view === x) attach(INDEX_PUT, [x, source], [x], backward);
    else attachCpp(COPY_SLICES, [x, source], [x], backward);
    rebaseRetained(x, oldFn);
  }
  reportOp(
    accumulate ? 'index_put_' : '__setitem__',
    vt ? [x, source] : [x],
    {index: indexText(items), value: vt === null ? scalarArg(value) : null},
    [x],
    true,
  );
}

/**
 * `x.index_put_(indices, values, accumulate=False)`: the values written (or added, in order)
 * at the places the index tensors pick; a None index takes the whole dim.
 */
export function indexPut_(
  x: Tensor,
  indices: readonly (Tensor | null)[],
  values: Tensor,
  accumulate = false,
): Tensor {
  const items: IndexItem[] = indices.map((t) => t ?? {});
  const sliced = withGradMode(false, () => muteObserver(() => applySlicing(x, items)));
  setItemIndexed(x, items, sliced.view, sliced.tensors, values, accumulate);
  return x;
}

/**
 * `x //= other` / `x.floor_divide_(other)` and `x %= other` / `x.remainder_(other)`: the
 * out-of-place values written into x, with PyTorch's checks and its in-place grad_fn.
 */
export function divisionInplace(
  x: Tensor,
  op: 'floor_divide_' | 'remainder_',
  other: Tensor | Scalar,
): void {
  const ot = tensorOrNull(other);
  const otherNeedsGrad = ot !== null && ot.requiresGrad;
  checkInplace(x, otherNeedsGrad, false);
  const dtype = promote(x, other);
  if (!canCast(dtype, x.dtype)) {
    throw runtimeError(
      `result type ${scalarTypeName(dtype)} can't be cast to the desired output type ${scalarTypeName(x.dtype)}`,
    );
  }
  const shape = broadcastShapes(x.shape, ot?.shape ?? []);
  if (!sameShape(shape, x.shape)) {
    throw runtimeError(
      `output with shape [${x.shape.join(', ')}] doesn't match the broadcast shape [${shape.join(', ')}]`,
    );
  }
  const kernel = op === 'floor_divide_' ? 'floor_divide' : 'remainder';
  const record = isGradEnabled() && (x.requiresGrad || otherNeedsGrad);
  // remainder_ by a tensor needing grad: its derivative needs x as it was.
  const original =
    record && op === 'remainder_' && otherNeedsGrad
      ? new Tensor(gather(x, x.dtype), [...x.shape], x.dtype)
      : null;
  const res = divisionValues(kernel, x, other);
  const stored = gather(res, 'float64');
  for (let i = 0; i < stored.length; i++) stored[i] = toStored(stored[i] ?? 0, x.dtype);
  writeStrided(x, stored);
  x.version.value++;
  if (record) {
    const oldFn = x.gradFn;
    if (op === 'floor_divide_') {
      // Edges only for the inputs that require grad, as PyTorch's NotImplemented node has.
      const differentiable = (ot ? [x, ot] : [x]).filter((t) => t.requiresGrad);
      attachCpp(NOT_IMPLEMENTED, differentiable, [x], () => {
        throw runtimeError('derivative for aten::floor_divide_ is not implemented');
      });
    } else if (ot === null) {
      attach(REMAINDER[0], [x], [x], (grads) => [grad0(grads)]);
    } else {
      attach(
        REMAINDER[1],
        [x, ot],
        [x],
        (grads, saved, node) => {
          const g = grad0(grads);
          const [self, divisor] = [saved[0], saved[1]];
          if (!node.needsInputGrad(1) || !self || !divisor) return [g, null];
          const q = muteObserver(() => floorDivide(self, divisor));
          return [g, arith.mul(g.neg(), q)];
        },
        () => (original ? [save(original), save(ot)] : []),
      );
    }
    rebaseRetained(x, oldFn);
  }
  reportOp(op, ot ? [x, ot] : [x], {other: scalarArg(other)}, [x], true);
}

declare module '../tensor.js' {
  interface Tensor {
    /** `floor_divide_(other)` / `//=`. */
    floorDivide_(other: Tensor | Scalar): this;
    /** `remainder_(other)` / `%=`. */
    remainder_(other: Tensor | Scalar): this;
    /** `x[items] = value` (`__setitem__`): a scalar or a broadcast tensor into the indexed region. */
    setItem(items: readonly IndexItem[], value: Tensor | Scalar): void;
    /** `index_put_(indices, values, accumulate=False)`. */
    indexPut_(indices: readonly (Tensor | null)[], values: Tensor, accumulate?: boolean): this;
  }
}

function divisionDeclaration(op: 'floor_divide_' | 'remainder_', ts: string): OpDeclaration {
  return declareOp({
    name: op,
    operators: {
      [op === 'floor_divide_' ? '//' : '%']: {
        inPlace: (t, o) => {
          divisionInplace(t, op, o);
          return t;
        },
      },
    },
    nodes: op === 'remainder_' ? REMAINDER : [NOT_IMPLEMENTED],
    methods: {
      [ts](this: Tensor, other: Tensor | Scalar) {
        divisionInplace(this, op, other);
        return this;
      },
    },
    python: {
      [op]: {
        method: `${op}(TensorOrNumber other)`,
        overloads: [overload('(Tensor other)', 1, 1), overload('(Number other)', 1, 1)],
        call: (t, a) => {
          divisionInplace(t, op, a.get('other') as Tensor | Scalar);
          return t;
        },
      },
    },
  });
}

/** `//=`, `%=` and `x[i] = v`. */
export const declarations: readonly OpDeclaration[] = [
  divisionDeclaration('floor_divide_', 'floorDivide_'),
  divisionDeclaration('remainder_', 'remainder_'),
  declareOp({
    name: 'setitem',
    nodes: [COPY_SLICES, INDEX_PUT],
    methods: {
      setItem(this: Tensor, items: readonly IndexItem[], value: Tensor | Scalar) {
        setItem(this, items, value);
      },
    },
  }),
  declareOp({
    name: 'index_put_',
    nodes: [INDEX_PUT],
    methods: {
      indexPut_(
        this: Tensor,
        indices: readonly (Tensor | null)[],
        values: Tensor,
        accumulate = false,
      ) {
        return indexPut_(this, indices, values, accumulate);
      },
    },
    python: {
      index_put_: {
        method: 'index_put_(any indices, Tensor values, bool accumulate=False)',
        overloads: [overload('(tuple of Tensors indices, Tensor values, bool accumulate)', 2, 3)],
        call: (t, a, ctx) =>
          indexPut_(
            t,
            indexTensorList(a.get('indices'), ctx),
            a.get('values') as Tensor,
            a.get('accumulate') === true,
          ),
      },
    },
  }),
];
