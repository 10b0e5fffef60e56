/**
 * Neural-network functions: softmax, log_softmax, mse_loss, l1_loss and nll_loss (cross_entropy,
 * log_softmax then nll_loss, is cross-entropy.ts).
 */
import {allocate, isFloating, scalarTypeName} from '../dtype.js';
import {TorchError, runtimeError} from '../errors.js';
import {
  logSoftmaxDim,
  softmaxDim as softmaxAlongDim,
  softmaxDimBackward,
} from '../kernels/softmax-dim.js';
import type {DimLayout} from '../kernels/softmax-dim.js';
import {softmaxBackwardRows, softmaxRows} from '../kernels/softmax.js';
import {gather} from '../kernels/strided.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp, overload} from '../op.js';
import type {BoundArgs, OpDeclaration, PythonCallContext, WarningSource} from '../op.js';
import {broadcastShapes, numelOf, toInt, wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {noGrad} from '../gradmode.js';
import {muteObserver} from '../report.js';
import {Tensor} from '../tensor.js';
import * as arith from './arith.js';
import * as reduce from './reduce.js';
import * as unary from './unary.js';
import {grad0} from './util.js';
import {broadcastTensors} from './views.js';
import {gradNode, recordGrad} from './double-backward.js';
import {NLL_NODES, nllLoss} from './nll-loss.js';
import {tensorArg} from './python-args.js';

const SOFTMAX = declareNode('SoftmaxBackward0', true);
const LOG_SOFTMAX = declareNode('LogSoftmaxBackward0', true);
const MSE_LOSS = declareNode('MseLossBackward0', true);
const SOFTMAX_BACKWARD = gradNode('SoftmaxBackwardDataBackward0');
const LOG_SOFTMAX_BACKWARD = gradNode('LogSoftmaxBackwardDataBackward0');
const MSE_LOSS_BACKWARD = gradNode('MseLossBackwardBackward0');

/** `reduction=` of the loss functions. */
export type Reduction = 'mean' | 'sum' | 'none';

function softmaxCore(x: Tensor, dim: number, log: boolean): Tensor {
  const d = wrapDim(dim, x.shape.length);
  if (!isFloating(x.dtype) || x.dtype === 'float16') {
    throw runtimeError(
      `"${log ? 'log_softmax' : 'softmax'}_lastdim_kernel_impl" not implemented for '${scalarTypeName(x.dtype)}'`,
    );
  }
  const shape = x.shape;
  if (d === shape.length - 1) {
    // The last dim: PyTorch's vectorised row kernel, rounding as it does.
    const out = allocate(x.dtype, x.numel());
    const size = shape[d] ?? 1;
    const rows = size === 0 ? 0 : x.numel() / size;
    softmaxRows(gather(x, x.dtype), out, {rows, size, float32: x.dtype === 'float32'}, log);
    return new Tensor(out, [...shape], x.dtype);
  }
  // Another dim: SoftMax.cpp's loops over outer × size × inner.
  const layout = dimLayout(shape, d, x.dtype === 'float32');
  const out = allocate(x.dtype, x.numel());
  (log ? logSoftmaxDim : softmaxAlongDim)(gather(x, x.dtype), out, layout);
  return new Tensor(out, [...shape], x.dtype);
}

/** The softmax's dim within a shape, as its kernels walk it. */
function dimLayout(shape: readonly number[], d: number, float32: boolean): DimLayout {
  return {
    outer: numelOf(shape.slice(0, d)),
    size: shape[d] ?? 1,
    inner: numelOf(shape.slice(d + 1)),
    float32,
  };
}

/**
 * The backward of softmax / log_softmax along `d` (y's layout): PyTorch's
 * `_softmax_backward_data` / `_log_softmax_backward_data`, recorded under create_graph=True as
 * SoftmaxBackwardDataBackward0 / LogSoftmaxBackwardDataBackward0 with derivatives.yaml's formulas.
 */
function softmaxBackward(g: Tensor, y: Tensor, d: number, log: boolean): Tensor {
  const gi = softmaxBackwardKernel(g, y, d, log);
  const {mul, sub} = arith;
  const sumD = (t: Tensor) => reduce.sum(t, {dim: [d], keepdim: true});
  if (log) {
    return recordGrad(LOG_SOFTMAX_BACKWARD, [g, y], gi, (gg) => {
      const e = unary.exp(y);
      return [sub(gg, sumD(mul(gg, e))), mul(mul(unary.neg(sumD(g)), e), gg)];
    });
  }
  // softmax_double_backward: grad_output·gg - Σ(y·grad_output)·gg - grad_output·Σ(y·gg).
  return recordGrad(SOFTMAX_BACKWARD, [g, y], gi, (gg) => [
    softmaxBackward(gg, y, d, false),
    sub(sub(mul(g, gg), mul(sumD(mul(y, g)), gg)), mul(g, sumD(mul(y, gg)))),
  ]);
}

function softmaxBackwardKernel(g: Tensor, y: Tensor, d: number, log: boolean): Tensor {
  const last = d === y.shape.length - 1 ? lastDimBackward(g, y, log) : null;
  if (last) return last;
  const out = allocate(g.dtype, g.numel());
  const layout = dimLayout(y.shape, d, g.dtype === 'float32');
  softmaxDimBackward(gather(g, g.dtype), gather(y, y.dtype), out, layout, log);
  return new Tensor(out, [...y.shape], g.dtype);
}

/** `torch.softmax(x, dim)`: SoftmaxBackward0; ∂ = y·(grad - Σ grad·y). */
export function softmax(x: Tensor, dim: number): Tensor {
  const out = softmaxCore(x, dim, false);
  const d = x.shape.length === 0 ? 0 : wrapDim(dim, x.shape.length);
  if (needsGrad(x)) {
    attach(
      SOFTMAX,
      [x],
      [out],
      (grads, saved) => {
        return [softmaxBackward(grad0(grads), saved[0] ?? out, d, false)];
      },
      () => [save(out, true)],
    );
  }
  reportOp('softmax', [x], {dim: d}, [out]);
  return out;
}

/** `torch.log_softmax(x, dim)`: LogSoftmaxBackward0; ∂ = grad - exp(y)·Σ grad. */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  const out = softmaxCore(x, dim, true);
  const d = x.shape.length === 0 ? 0 : wrapDim(dim, x.shape.length);
  if (needsGrad(x)) {
    attach(
      LOG_SOFTMAX,
      [x],
      [out],
      (grads, saved) => {
        return [softmaxBackward(grad0(grads), saved[0] ?? out, d, true)];
      },
      () => [save(out, true)],
    );
  }
  reportOp('log_softmax', [x], {dim: d}, [out]);
  return out;
}

/** The row kernel's gradient when the softmax ran along the last dim (y's layout); else null. */
function lastDimBackward(g: Tensor, y: Tensor, log: boolean): Tensor | null {
  const size = y.shape[y.shape.length - 1];
  if (size === undefined || !isFloating(g.dtype)) return null;
  const out = allocate(g.dtype, g.numel());
  const rows = size === 0 ? 0 : g.numel() / size;
  const layout = {rows, size, float32: g.dtype === 'float32'};
  softmaxBackwardRows(gather(g, g.dtype), gather(y, y.dtype), out, layout, log);
  return new Tensor(out, [...y.shape], g.dtype);
}

function applyReduction(v: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return v;
  return reduction === 'sum' ? reduce.sum(v) : reduce.mean(v);
}

/** `F.mse_loss(input, target, reduction='mean')`: MseLossBackward0; ∂/∂input = 2(x - t)·grad (/n for mean). */
export function mseLoss(input: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor {
  const shape = broadcastShapes(input.shape, target.shape);
  const out = muteInternal(() => {
    const diff = arith.sub(input, target);
    return applyReduction(arith.mul(diff, diff), reduction);
  });
  const n = numelOf(shape);
  if (needsGrad(input, target)) {
    attach(
      MSE_LOSS,
      [input, target],
      [out],
      (grads, saved, node) => {
        const g = grad0(grads);
        const [x, t] = [saved[0] ?? input, saved[1] ?? target];
        const gi = mseLossBackward(g, x, t, reduction, n);
        return [node.needsInputGrad(0) ? gi : null, node.needsInputGrad(1) ? unary.neg(gi) : null];
      },
      () => [save(input), save(target)],
    );
  }
  reportOp('mse_loss', [input, target], {reduction}, [out]);
  return out;
}

/**
 * `mse_loss_backward(grad, x, t)`: PyTorch's kernel norm·(x - t)·grad with norm = 2/n (mean) or
 * 2, in the op's dtype; MseLossBackwardBackward0 under create_graph=True (∂/∂grad:
 * Σ mse_loss_backward(1, x, t)·gg unless reduction='none'; ∂/∂x = -∂/∂t = 2·gg·grad (/n)).
 */
function mseLossBackward(g: Tensor, x: Tensor, t: Tensor, reduction: Reduction, n: number): Tensor {
  const norm = reduction === 'mean' ? 2 / n : 2;
  const gi = muteInternal(() => arith.mul(arith.mul(arith.sub(x, t), norm), g));
  return recordGrad(MSE_LOSS_BACKWARD, [g, x, t], gi, (gg) => {
    const second = (v: Tensor) => {
      const twice = arith.mul(v, 2);
      return reduction === 'mean' ? arith.div(twice, n) : twice;
    };
    const ggg = arith.mul(gg, g);
    const dGrad =
      reduction === 'none'
        ? mseLossBackward(gg, x, t, reduction, n)
        : reduce.sum(arith.mul(arith.mul(arith.sub(x, t), norm), gg));
    return [dGrad, second(ggg), unary.neg(second(ggg))];
  });
}

/** Runs a fused op's internal arithmetic with grad mode and reporting off (one op in PyTorch). */
export function muteInternal(fn: () => Tensor): Tensor {
  return noGrad(() => muteObserver(fn));
}

/** Options of the losses with class targets (`reduction`, `ignore_index`, `weight`). */
export interface ClassLossOptions {
  reduction?: Reduction;
  ignoreIndex?: number;
  /** A rescaling weight for each class (a 1-D tensor of C values). */
  weight?: Tensor | null;
}

declare module '../tensor.js' {
  interface Tensor {
    /** `softmax(dim)`. */
    softmax(dim: Int): Tensor;
    /** `log_softmax(dim)`. */
    logSoftmax(dim: Int): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.softmax(input, dim)`. */
    softmax(x: Tensor, dim: Int): Tensor;
    /** `torch.log_softmax(input, dim)`. */
    logSoftmax(x: Tensor, dim: Int): Tensor;
  }
  interface FunctionalFunctions {
    /** `F.softmax(input, dim)`. */
    softmax(x: Tensor, dim: Int): Tensor;
    /** `F.log_softmax(input, dim)`. */
    logSoftmax(x: Tensor, dim: Int): Tensor;
    /** `F.mse_loss(input, target, reduction='mean')`. */
    mseLoss(input: Tensor, target: Tensor, options?: {reduction?: Reduction}): Tensor;
    /** `F.l1_loss(input, target, reduction='mean')`. */
    l1Loss(input: Tensor, target: Tensor, options?: {reduction?: Reduction}): Tensor;
    /** `F.nll_loss(input, target, reduction='mean', ignore_index=-100)`. */
    nllLoss(input: Tensor, target: Tensor, options?: ClassLossOptions): Tensor;
  }
}

/** Where `_Reduction.legacy_get_string` warns (Python shows this line with the warning). */
export const legacyReductionSource: WarningSource = {
  file: '/usr/lib/python3/dist-packages/torch/nn/_reduction.py',
  line: 42,
  source: 'warnings.warn(warning.format(ret))',
};

/**
 * `_Reduction.legacy_get_string(size_average, reduce)`: the reduction the deprecated arguments
 * mean (None counts as True) and the UserWarning naming it, which `warn` issues.
 */
export function legacyReduction(
  sizeAverage: unknown,
  reduce: unknown,
  warn: (message: string) => void,
): Reduction {
  const truthy = (v: unknown) =>
    v === null || v === undefined || !(v === false || v === 0 || v === 0n || v === '');
  const ret = truthy(sizeAverage) && truthy(reduce) ? 'mean' : truthy(reduce) ? 'sum' : 'none';
  warn(`size_average and reduce args will be deprecated, please use reduction='${ret}' instead.`);
  return ret;
}

/** Whether a loss was given the deprecated `size_average=` or `reduce=` (not None). */
export function hasLegacyReduction(sizeAverage: unknown, reduce: unknown): boolean {
  return (
    (sizeAverage !== null && sizeAverage !== undefined) || (reduce !== null && reduce !== undefined)
  );
}

/**
 * A Python loss's `reduction=` argument, checked as `_Reduction.get_enum` checks it; the
 * deprecated `size_average=`/`reduce=`, when given, decide it instead (with their warning).
 */
export function reductionArg(a: BoundArgs, ctx: PythonCallContext): Reduction {
  const sizeAverage = a.get('size_average');
  const reduce = a.get('reduce');
  if (hasLegacyReduction(sizeAverage, reduce)) {
    return legacyReduction(sizeAverage, reduce, (m) => {
      ctx.warn('UserWarning', m, legacyReductionSource);
    });
  }
  const reduction = a.get('reduction');
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    return ctx.at('reduction', () => {
      throw new TorchError(
        'ValueError',
        `${ctx.str(reduction)} is not a valid value for reduction`,
      );
    });
  }
  return reduction;
}

/** The options of nll_loss / cross_entropy from their Python arguments. */
export function lossOptions(
  a: BoundArgs,
  ctx: PythonCallContext,
  reduction: Reduction = reductionArg(a, ctx),
): ClassLossOptions {
  const ignore = a.get('ignore_index');
  const weight = a.get('weight');
  if (weight !== null && weight !== undefined && !(weight instanceof Tensor)) {
    throw new TorchError(
      'TypeError',
      `nll_loss_nd(): argument 'weight' (position 3) must be Tensor, not ${ctx.typeName(weight)}`,
    );
  }
  return {
    reduction,
    ...(weight instanceof Tensor ? {weight} : {}),
    ...(ignore !== null && ignore !== undefined ? {ignoreIndex: toInt(ctx.int(ignore))} : {}),
  };
}

/** PyTorch's `_get_softmax_dim` with its warning when `dim` is not given. */
function softmaxDim(
  a: BoundArgs,
  log: boolean,
  ctx: PythonCallContext,
  name = log ? 'log_softmax' : 'softmax',
): Int {
  const dim = a.get('dim');
  if (dim !== null) return ctx.int(dim);
  ctx.warn(
    'UserWarning',
    `Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`,
  );
  const ndim = tensorArg(name, a, 'input', ctx).dim();
  // 0 for 0-, 1- and 3-dimensional inputs, else 1.
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

const softmaxOverloads = [
  overload('(int dim, torch.dtype dtype)', 1, 2),
  overload('(name dim, *, torch.dtype dtype)', 1, 2),
];
const softmaxForms = [
  overload('(Tensor input, int dim, torch.dtype dtype, *, Tensor out)', 2, 4),
  overload('(Tensor input, name dim, *, torch.dtype dtype)', 2, 3),
];

function softmaxDeclaration(log: boolean): OpDeclaration {
  const name = log ? 'log_softmax' : 'softmax';
  const run = (x: Tensor, dim: Int) => (log ? logSoftmax : softmax)(x, toInt(dim));
  const ts = log ? 'logSoftmax' : 'softmax';
  return declareOp({
    name,
    nodes: [log ? LOG_SOFTMAX : SOFTMAX],
    methods: {
      [ts](this: Tensor, dim: Int) {
        return run(this, dim);
      },
    },
    functions: {[ts]: run},
    functional: {[ts]: run},
    python: {
      [name]: {
        method: `${name}(int dim, dtype? dtype=None)`,
        overloads: softmaxOverloads,
        function: softmaxForms,
        call: (t, a) => run(t, a.get('dim') as Int),
      },
    },
    pythonFunctional: {
      [name]: {
        signature: `${name}(any input, any dim=None, any _stacklevel=3, any dtype=None)`,
        call: (a, ctx) => run(tensorArg(name, a, 'input', ctx), softmaxDim(a, log, ctx)),
      },
    },
  });
}

/**
 * `F.l1_loss(input, target, reduction='mean')`: PyTorch 1.13 composes it of recorded ops,
 * `(input - target).abs()` then the reduction (SubBackward0, AbsBackward0, MeanBackward0).
 */
export function l1Loss(input: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor {
  const loss = unary.abs(arith.sub(input, target));
  if (reduction === 'none') return loss;
  return reduction === 'sum' ? reduce.sum(loss) : reduce.mean(loss);
}

/**
 * The tensors of a loss that broadcasts its target (mse_loss, l1_loss), as functional.py takes
 * them: `target.size() == input.size()` (a non-tensor has no `size`), the UserWarning when they
 * differ, then (after `reduction`) `torch.broadcast_tensors(input, target)`.
 */
function broadcastLoss(
  a: BoundArgs,
  ctx: PythonCallContext,
  loss: (input: Tensor, target: Tensor, reduction: Reduction) => Tensor,
): Tensor {
  const [input, target] = sizedPair(a, ctx);
  if (target.shape.join() !== input.shape.join() || target.dim() !== input.dim()) {
    ctx.warn(
      'UserWarning',
      `Using a target size (${ctx.size(target.shape)}) that is different to the input size (${ctx.size(input.shape)}). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`,
    );
  }
  // The deprecated arguments warn before the broadcast; `reduction=` is checked after it.
  const legacy = hasLegacyReduction(a.get('size_average'), a.get('reduce'));
  const early = legacy ? reductionArg(a, ctx) : null;
  const [x, t] = ctx.at('broadcast', () => broadcastTensors([input, target]));
  const reduction = early ?? reductionArg(a, ctx);
  return ctx.at('call', () => loss(x ?? input, t ?? target, reduction));
}

/**
 * `input` and `target` of a loss whose Python code starts with `target.size() … input.size()`:
 * AttributeError (at that step) for one that is no tensor.
 */
export function sizedPair(a: BoundArgs, ctx: PythonCallContext): [Tensor, Tensor] {
  const sized = (key: 'target' | 'input'): Tensor =>
    ctx.at(`${key}.size`, () => {
      const v = a.get(key);
      if (!(v instanceof Tensor)) {
        throw new TorchError(
          'AttributeError',
          `'${ctx.typeName(v)}' object has no attribute 'size'`,
        );
      }
      return v;
    });
  const target = sized('target');
  return [sized('input'), target];
}

/** softmax, log_softmax and the losses, with their `F.*` forms. */
export const declarations: readonly OpDeclaration[] = [
  softmaxDeclaration(false),
  softmaxDeclaration(true),
  declareOp({
    name: 'softmin',
    pythonFunctional: {
      // functional.py: `(-input).softmax(dim)` (NegBackward0, then SoftmaxBackward0).
      softmin: {
        signature: 'softmin(any input, any dim=None, any _stacklevel=3, any dtype=None)',
        call: (a, ctx) => {
          const x = tensorArg('softmin', a, 'input', ctx);
          return softmax(unary.neg(x), toInt(softmaxDim(a, false, ctx, 'softmin')));
        },
      },
    },
  }),
  declareOp({
    name: 'mse_loss',
    nodes: [MSE_LOSS],
    functional: {
      mseLoss: (input: Tensor, target: Tensor, options: {reduction?: Reduction} = {}) =>
        mseLoss(input, target, options.reduction ?? 'mean'),
    },
    pythonFunctional: {
      mse_loss: {
        signature:
          'mse_loss(any input, any target, any size_average=None, any reduce=None, any reduction=mean)',
        call: (a, ctx) => broadcastLoss(a, ctx, mseLoss),
      },
    },
  }),
  declareOp({
    name: 'l1_loss',
    functional: {
      l1Loss: (input: Tensor, target: Tensor, options: {reduction?: Reduction} = {}) =>
        l1Loss(input, target, options.reduction ?? 'mean'),
    },
    pythonFunctional: {
      l1_loss: {
        signature:
          'l1_loss(any input, any target, any size_average=None, any reduce=None, any reduction=mean)',
        call: (a, ctx) => broadcastLoss(a, ctx, l1Loss),
      },
    },
  }),
  declareOp({
    name: 'nll_loss',
    nodes: NLL_NODES,
    functional: {
      nllLoss: (input: Tensor, target: Tensor, options: ClassLossOptions = {}) =>
        nllLoss(input, target, options),
    },
    pythonFunctional: {
      nll_loss: {
        signature:
          'nll_loss(any input, any target, any weight=None, any size_average=None, any ignore_index=-100, any reduce=None, any reduction=mean)',
        // `_Reduction.get_enum(reduction)` is an argument of the line's call: it runs first.
        call: (a, ctx) => {
          const reduction = reductionArg(a, ctx);
          return ctx.at('call', () =>
            nllLoss(
              tensorArg('nll_loss', a, 'input', ctx),
              tensorArg('nll_loss', a, 'target', ctx),
              lossOptions(a, ctx, reduction),
            ),
          );
        },
      },
    },
  }),
];
