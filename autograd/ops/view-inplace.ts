/**
 * In-place ops on a view of a tensor that requires grad, rebased as PyTorch does: the base's
 * grad_fn becomes CopySlices (its old edge first, then the op's other inputs), whose backward
 * runs the op's own formula on the view's region of the base's gradient; the view itself gets a
 * fresh AsStridedBackward0 on top of the rebased base.
 */
import {runtimeError} from '../errors.js';
import {isGradEnabled} from '../gradmode.js';
import {gather, isDense} from '../kernels/strided.js';
import {attach} from '../record.js';
import {declareNode} from '../op.js';
import {Tensor} from '../tensor.js';
import {attachCpp, COPY_SLICES} from './cpp-node.js';
import {grad0} from './util.js';
import {writeStrided} from './views.js';

const AS_STRIDED = declareNode('AsStridedBackward0', false);

/** Whether an in-place op on `view` can be rebased (its base is a dense tensor). */
export function canRebase(view: Tensor): boolean {
  const base = view.base;
  return base !== null && isDense(base);
}

/** The gradients of an in-place op: for the view's old values, and for its other input. */
export type ViewOpGrads = (
  regionGrad: Tensor,
  needOther: boolean,
) => [Tensor | null, Tensor | null];

/**
 * Records an in-place op already applied to `view` (whose base requires grad, or `other` does):
 * CopySlices on the base and AsStridedBackward0 on the view.
 */
export function rebaseView(view: Tensor, other: Tensor | null, grads: ViewOpGrads): void {
  const base = view.base;
  if (base === null || !isDense(base)) {
    throw runtimeError(
      'grad-graph: an in-place op on a view of a non-contiguous tensor that requires grad is not supported',
    );
  }
  const offset = view.offset - base.offset;
  // The view's elements inside a dense tensor shaped like the base.
  const region = (t: Tensor) => new Tensor(t.data, view.shape, t.dtype, view.strides, offset);
  attachCpp(COPY_SLICES, [base, other], [base], (gs, _saved, node) => {
    if (isGradEnabled()) {
      throw runtimeError(
        'grad-graph: create_graph=True cannot differentiate through an in-place op on a view yet',
      );
    }
    const g = grad0(gs);
    const result = new Tensor(gather(g, g.dtype), [...g.shape], g.dtype);
    const inRegion = region(result);
    const regionGrad = new Tensor(gather(inRegion, g.dtype), [...view.shape], g.dtype);
    const [self, otherGrad] = grads(regionGrad, node.needsInputGrad(1));
    writeStrided(inRegion, self ? gather(self, g.dtype) : new Float64Array(inRegion.numel()));
    return [node.needsInputGrad(0) ? result : null, otherGrad];
  });
  attach(AS_STRIDED, [base], [view], (gs) => {
    const g = grad0(gs);
    const z = new Tensor(
      new (g.data.constructor as typeof Float64Array)(base.numel()),
      [...base.shape],
      g.dtype,
    );
    writeStrided(region(z), gather(g, g.dtype));
    return [z];
  });
}
