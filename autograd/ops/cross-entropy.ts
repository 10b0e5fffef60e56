/**
 * `F.cross_entropy` as aten's `cross_entropy_loss` composes it, each step a recorded op:
 * class indices → log_softmax then nll_loss (two nodes); with `label_smoothing` the smoothing
 * term too (`(1 - ε)·nll + ε/C · Σ -log p`, ignored targets masked by index_put_); class
 * probabilities (a float target of the input's shape) → `-(log_softmax · target).sum()` / N.
 */
import {isFloating, scalarTypeName} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {declareOp} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {Tensor} from '../tensor.js';
import * as arith from './arith.js';
import {compare} from './compare.js';
import {gather} from './gather.js';
import {bitwiseNot} from './logical.js';
import {maskedSelect} from './masked.js';
import {nllLoss} from './nll-loss.js';
import {logSoftmax, lossOptions, reductionArg} from './nn.js';
import type {ClassLossOptions} from './nn.js';
import {tensorArg} from './python-args.js';
import * as reduce from './reduce.js';
import {indexPut_} from './setitem.js';
import * as unary from './unary.js';
import {wrapScalar} from './util.js';

/** Options of `F.cross_entropy`. */
export interface CrossEntropyOptions extends ClassLossOptions {
  /** ε in [0, 1]: the target mixes the class (1 - ε) with the uniform distribution (ε). */
  labelSmoothing?: number;
}

/** The weight viewed to broadcast along the class dim: [C] or [1, C]. */
function classView(weight: Tensor, dims: number, classDim: number): Tensor {
  const shape = Array<number>(dims).fill(1);
  shape[classDim] = weight.shape[0] ?? 1;
  return weight.view(shape);
}

/** `cross_entropy_loss_prob_target`: `target` holds class probabilities. */
function probabilityTarget(
  x: Tensor,
  target: Tensor,
  classDim: number,
  options: CrossEntropyOptions,
): Tensor {
  const reduction = options.reduction ?? 'mean';
  const smoothing = options.labelSmoothing ?? 0;
  const classes = x.shape[classDim] ?? 1;
  const weight = options.weight ?? null;
  if (weight && !(weight.dim() === 1 && weight.numel() === classes)) {
    throw runtimeError(
      `cross_entropy: weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor of shape: [${weight.shape.join(', ')}]`,
    );
  }
  const input = logSoftmax(x, classDim);
  const t =
    smoothing > 0 ? arith.add(arith.mul(target, 1 - smoothing), smoothing / classes) : target;
  const terms = weight
    ? arith.mul(arith.mul(input, t), classView(weight, x.dim(), classDim))
    : arith.mul(input, t);
  if (reduction === 'none') return unary.neg(reduce.sum(terms, {dim: classDim}));
  const total = unary.neg(reduce.sum(terms));
  if (reduction === 'sum') return total;
  // aten divides by `input.numel() / n_classes`, an integer division.
  return arith.scalarOp('div', total, Math.trunc(x.numel() / classes));
}

/** `cross_entropy_loss_label_smoothing`: nll_loss mixed with the smoothing term. */
function labelSmoothing(
  x: Tensor,
  target: Tensor,
  classDim: number,
  options: CrossEntropyOptions,
): Tensor {
  const reduction = options.reduction ?? 'mean';
  const smoothing = options.labelSmoothing ?? 0;
  const ignore = options.ignoreIndex ?? -100;
  const weight = options.weight ?? null;
  const input = logSoftmax(x, classDim);
  const nll = nllLoss(input, target, options);
  const classes = x.shape[classDim] ?? 1;
  const ignoreMask = compare('eq', target, ignore);
  const smooth = weight
    ? unary.neg(reduce.sum(arith.mul(input, classView(weight, x.dim(), classDim)), {dim: classDim}))
    : unary.neg(reduce.sum(input, {dim: classDim}));
  indexPut_(smooth, [ignoreMask], wrapScalar(0, smooth.dtype));
  let ret: Tensor;
  if (reduction === 'mean') {
    const kept = bitwiseNot(ignoreMask);
    ret = weight
      ? arith.div(
          reduce.sum(smooth),
          reduce.sum(gather(weight, 0, maskedSelect(target, kept).flatten())),
        )
      : reduce.mean(maskedSelect(smooth, kept));
  } else ret = reduction === 'sum' ? reduce.sum(smooth) : smooth;
  return arith.add(
    arith.scalarOp('mul', nll, 1 - smoothing),
    arith.scalarOp('mul', ret, smoothing / classes),
  );
}

/**
 * `F.cross_entropy(input, target, weight=None, ignore_index=-100, reduction='mean',
 * label_smoothing=0.0)`: class indices or, for a target of the input's shape, probabilities.
 */
export function crossEntropy(
  input: Tensor,
  target: Tensor,
  options: CrossEntropyOptions = {},
): Tensor {
  const smoothing = options.labelSmoothing ?? 0;
  if (!(smoothing >= 0 && smoothing <= 1)) {
    throw runtimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${String(smoothing)}`);
  }
  const classDim = input.dim() === 1 ? 0 : 1;
  if (input.shape.join() === target.shape.join() && input.dim() === target.dim()) {
    if (!isFloating(target.dtype)) {
      throw runtimeError(
        `Expected floating point type for target with class probabilities, got ${scalarTypeName(target.dtype)}`,
      );
    }
    if ((options.ignoreIndex ?? -100) >= 0) {
      throw runtimeError('ignore_index is not supported for floating point target');
    }
    return probabilityTarget(input, target, classDim, options);
  }
  if (smoothing > 0) return labelSmoothing(input, target, classDim, options);
  return nllLoss(logSoftmax(input, classDim), target, options);
}

declare module '../op.js' {
  interface FunctionalFunctions {
    /** `F.cross_entropy(input, target, {weight, ignoreIndex, reduction, labelSmoothing})`. */
    crossEntropy: typeof crossEntropy;
  }
}

/** cross_entropy (a composite: its nodes are those of the ops it runs). */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'cross_entropy',
    functional: {crossEntropy},
    pythonFunctional: {
      cross_entropy: {
        signature:
          'cross_entropy(any input, any target, any weight=None, any size_average=None, any ignore_index=-100, any reduce=None, any reduction=mean, any label_smoothing=0.0)',
        // `_Reduction.get_enum(reduction)` is an argument of the line's call: it runs first.
        call: (a, ctx) => {
          const reduction = reductionArg(a, ctx);
          return ctx.at('call', () => {
            const smoothing = a.get('label_smoothing');
            if (typeof smoothing !== 'number' && typeof smoothing !== 'bigint') {
              ctx.invalidArguments();
            }
            return crossEntropy(
              tensorArg('cross_entropy', a, 'input', ctx),
              tensorArg('cross_entropy', a, 'target', ctx),
              {...lossOptions(a, ctx, reduction), labelSmoothing: Number(smoothing)},
            );
          });
        },
      },
    },
  }),
];
