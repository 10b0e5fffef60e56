/**
 * Binary cross entropy: `F.binary_cross_entropy` (BinaryCrossEntropyBackward0) and
 * `F.binary_cross_entropy_with_logits` (BinaryCrossEntropyWithLogitsBackward0), with `weight`,
 * `pos_weight` and `reduction`, computed as aten's CPU kernels compute them (in the input's dtype,
 * step by step), with the checks and messages of PyTorch 1.13's functional.py and aten.
 */
import {allocate, scalarTypeName} from '../dtype.js';
import {TorchError, runtimeError} from '../errors.js';
import {gather as gatherData} from '../kernels/strided.js';
import {save} from '../node.js';
import {declareNode, declareOp} from '../op.js';
import type {BoundArgs, OpDeclaration, PythonCallContext} from '../op.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {broadcastShapes} from '../shape.js';
import {Tensor} from '../tensor.js';
import * as arith from './arith.js';
import {pow} from './pow.js';
import type {Reduction} from './nn.js';
import {muteInternal, reductionArg, sizedPair} from './nn.js';
import * as reduce from './reduce.js';
import * as unary from './unary.js';
import {grad0, quietly} from './util.js';
import {gradNode, recordGrad} from './double-backward.js';

const BCE = declareNode('BinaryCrossEntropyBackward0', true);
// Its backward is made of recorded ops (binary_cross_entropy_with_logits_backward is too).
const BCE_LOGITS = declareNode('BinaryCrossEntropyWithLogitsBackward0', true);
const BCE_BACKWARD = gradNode('BinaryCrossEntropyBackwardBackward0');
/** The eps of binary_cross_entropy_double_backward. */
const EPS = 1e-12;

/** Options of the binary cross entropies. */
export interface BceOptions {
  weight?: Tensor | null;
  reduction?: Reduction;
}

/** Options of `binary_cross_entropy_with_logits` (`pos_weight` weighs the positive term). */
export interface BceLogitsOptions extends BceOptions {
  posWeight?: Tensor | null;
}

function reduced(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return loss;
  return reduction === 'sum' ? reduce.sum(loss) : reduce.mean(loss);
}

/** aten's dtype check of a loss's operands (`Found dtype Long but expected Float`). */
function sameDtype(input: Tensor, other: Tensor): void {
  if (other.dtype !== input.dtype) {
    throw runtimeError(
      `Found dtype ${scalarTypeName(other.dtype)} but expected ${scalarTypeName(input.dtype)}`,
    );
  }
}

/**
 * `F.binary_cross_entropy(input, target, weight=None, reduction='mean')`: each element
 * `(t - 1)·max(log1p(-x), -100) - t·max(log x, -100)`, times the weight, then the reduction.
 * ∂/∂x = grad·(x - t) / max((1 - x)·x, 1e-12) (·weight, /n for mean); ∂/∂t = -logit(x)·grad.
 */
export function binaryCrossEntropy(
  input: Tensor,
  target: Tensor,
  options: BceOptions = {},
): Tensor {
  const reduction = options.reduction ?? 'mean';
  sameDtype(input, target);
  if (input.dtype !== 'float32' && input.dtype !== 'float64') {
    throw runtimeError(
      `"binary_cross_entropy" not implemented for '${scalarTypeName(input.dtype)}'`,
    );
  }
  const weight = options.weight ? options.weight.expand(input.shape) : null;
  const dtype = input.dtype;
  const r = dtype === 'float32' ? Math.fround : (v: number) => v;
  const xs = gatherData(input, dtype);
  const ts = gatherData(target.expand(input.shape), dtype);
  const out = allocate(dtype, xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] ?? 0;
    const t = ts[i] ?? 0;
    if (!(x >= 0 && x <= 1)) throw runtimeError('all elements of input should be between 0 and 1');
    const logOneMinus = Math.max(r(Math.log1p(-x)), -100);
    const logX = Math.max(r(Math.log(x)), -100);
    out[i] = r(r(r(t - 1) * logOneMinus) - r(t * logX));
  }
  let loss = new Tensor(out, [...input.shape], dtype);
  const output = muteInternal(() => {
    if (weight) loss = arith.mul(loss, weight);
    return reduced(loss, reduction);
  });
  if (needsGrad(input, target)) {
    const n = input.numel();
    attach(
      BCE,
      [input, target],
      [output],
      (grads, saved, node) => {
        const g = grad0(grads);
        const [x, t] = [saved[0] ?? input, saved[1] ?? target];
        const finish = (v: Tensor) => {
          const w = weight ? arith.mul(v, weight) : v;
          return reduction === 'mean' ? arith.div(w, n) : w;
        };
        const gx = node.needsInputGrad(0)
          ? recordGrad(
              BCE_BACKWARD,
              [g, x, t],
              quietly(() =>
                finish(
                  arith.div(
                    arith.mul(g, arith.sub(x, t)),
                    unary.clamp(arith.mul(arith.rsub(x, 1), x), EPS, null),
                  ),
                ),
              ),
              (gg) => bceSecond(gg, g, x, t, finish),
            )
          : null;
        const logit = unary.log(arith.div(x, arith.rsub(x, 1)));
        const gt = node.needsInputGrad(1) ? finish(arith.mul(unary.neg(logit), g)) : null;
        return [gx, gt];
      },
      () => [save(input), save(target)],
    );
  }
  reportOp('binary_cross_entropy', [input, target], {reduction}, [output]);
  return output;
}

/**
 * BinaryCrossEntropyBackwardBackward0's gradients for (grad_output, input, target) from the
 * gradient `gg` of ∂loss/∂input, as FunctionsManual's binary_cross_entropy_double_backward*:
 * ∂/∂grad = Σ gg·(x - t)/((x + ε)(1 - x + ε)) (summed unless reduction='none'),
 * ∂/∂x = gg·grad·(x² - 2xt + t)/((x + ε)²(1 - x + ε)²), ∂/∂t = -gg·grad/max((1 - x)·x, ε);
 * `finish` applies the weight and the mean's 1/n.
 */
function bceSecond(
  gg: Tensor,
  g: Tensor,
  x: Tensor,
  t: Tensor,
  finish: (v: Tensor) => Tensor,
): Tensor[] {
  const {mul, sub, add, div} = arith;
  const xEps = add(x, EPS);
  const oneMinusEps = add(arith.rsub(x, 1), EPS);
  const ggO = finish(mul(div(sub(x, t), mul(xEps, oneMinusEps)), gg));
  const gradGrad = g.dim() === 0 ? reduce.sum(ggO) : ggO;
  const num = add(sub(mul(x, x), mul(mul(x, 2), t)), t);
  const gI = finish(mul(div(num, mul(pow(xEps, 2n), pow(oneMinusEps, 2n))), mul(gg, g)));
  const gT = finish(div(unary.neg(mul(gg, g)), unary.clamp(mul(arith.rsub(x, 1), x), EPS, null)));
  return [gradGrad, gI, gT];
}

/**
 * `F.binary_cross_entropy_with_logits(input, target, weight=None, reduction='mean',
 * pos_weight=None)`, in aten's steps: with m = max(-x, 0),
 * `(1 - t)·x + m + log(exp(-m) + exp(-x - m))` (the log term times `(pos_weight - 1)·t + 1`).
 * ∂/∂x = (σ(x) - t)·grad, or ((p·t + 1 - t)·σ(x) - p·t)·grad with pos_weight p.
 */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  options: BceLogitsOptions = {},
): Tensor {
  const reduction = options.reduction ?? 'mean';
  const weight = options.weight ?? null;
  const posWeight = options.posWeight ?? null;
  sameDtype(input, target);
  if (posWeight) broadcastShapes(posWeight.shape, target.shape);
  const output = muteInternal(() => {
    const m = unary.clamp(unary.neg(input), 0, null);
    const logTerm = unary.log(
      arith.add(unary.exp(unary.neg(m)), unary.exp(arith.sub(unary.neg(input), m))),
    );
    const first = arith.mul(arith.rsub(target, 1), input);
    let loss: Tensor;
    if (posWeight) {
      const logWeight = arith.add(arith.mul(arith.sub(posWeight, 1), target), 1);
      loss = arith.add(first, arith.mul(logWeight, arith.add(logTerm, m)));
    } else loss = arith.add(arith.add(first, m), logTerm);
    if (weight) loss = arith.mul(loss, weight);
    return reduced(loss, reduction);
  });
  if (needsGrad(input, target)) {
    const n = input.numel();
    attach(
      BCE_LOGITS,
      [input, target],
      [output],
      (grads, saved, node) => {
        const g = grad0(grads);
        const [x, t] = [saved[0] ?? input, saved[1] ?? target];
        const finish = (v: Tensor) => {
          const w = weight ? arith.mul(v, weight) : v;
          return reduction === 'mean' ? arith.scalarOp('div', w, n) : w;
        };
        let gx: Tensor | null = null;
        if (node.needsInputGrad(0)) {
          if (posWeight) {
            const pt = arith.mul(posWeight, t);
            gx = arith.mul(
              arith.sub(arith.mul(arith.sub(arith.add(pt, 1), t), unary.sigmoid(x)), pt),
              g,
            );
          } else gx = arith.mul(arith.sub(unary.sigmoid(x), t), g);
          gx = finish(gx);
        }
        let gt: Tensor | null = null;
        if (node.needsInputGrad(1)) {
          if (posWeight) {
            // log σ(-x) - log σ(x)·p
            const logSigmoid = (v: Tensor) => unary.neg(softplus(unary.neg(v)));
            gt = arith.mul(
              arith.sub(logSigmoid(unary.neg(x)), arith.mul(logSigmoid(x), posWeight)),
              g,
            );
          } else gt = arith.mul(unary.neg(x), g);
          gt = finish(gt);
        }
        return [gx, gt];
      },
      () => [save(input), save(target)],
    );
  }
  reportOp('binary_cross_entropy_with_logits', [input, target], {reduction}, [output]);
  return output;
}

/** log(1 + eˣ), computed stably as max(x, 0) + log(1 + e^-|x|). */
function softplus(x: Tensor): Tensor {
  const pos = unary.clamp(x, 0, null);
  return arith.add(pos, unary.log(arith.add(unary.exp(unary.neg(unary.abs(x))), 1)));
}

/** The `input`/`target` of a Python-level BCE, and the size check functional.py makes. */
function bceTensors(
  a: BoundArgs,
  ctx: PythonCallContext,
  message: (t: string, i: string) => string,
): [Tensor, Tensor] {
  const [x, t] = sizedPair(a, ctx);
  if (x.shape.join() !== t.shape.join() || x.dim() !== t.dim()) {
    ctx.at('size', () => {
      throw new TorchError('ValueError', message(ctx.size(t.shape), ctx.size(x.shape)));
    });
  }
  return [x, t];
}

/** binary_cross_entropy's `weight`: `_infer_size(target.size(), weight.size())` checks it. */
function bceWeight(a: BoundArgs, target: Tensor, ctx: PythonCallContext): Tensor | null {
  const weight = a.get('weight');
  if (weight === null || weight === undefined) return null;
  if (!(weight instanceof Tensor)) {
    return ctx.at('weight.size', () => {
      throw new TorchError(
        'AttributeError',
        `'${ctx.typeName(weight)}' object has no attribute 'size'`,
      );
    });
  }
  ctx.at('weight', () => broadcastShapes(target.shape, weight.shape));
  return weight;
}

function optionalTensor(
  a: BoundArgs,
  key: string,
  fn: string,
  ctx: PythonCallContext,
): Tensor | null {
  const v = a.get(key);
  if (v === null || v === undefined) return null;
  if (!(v instanceof Tensor)) {
    throw new TorchError(
      'TypeError',
      `${fn}(): argument '${key}' (position ${key === 'weight' ? 3 : 4}) must be Tensor, not ${ctx.typeName(v)}`,
    );
  }
  return v;
}

declare module '../op.js' {
  interface FunctionalFunctions {
    /** `F.binary_cross_entropy(input, target, {weight, reduction})`. */
    binaryCrossEntropy: typeof binaryCrossEntropy;
    /** `F.binary_cross_entropy_with_logits(input, target, {weight, reduction, posWeight})`. */
    binaryCrossEntropyWithLogits: typeof binaryCrossEntropyWithLogits;
  }
}

/** binary_cross_entropy and binary_cross_entropy_with_logits. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'binary_cross_entropy',
    nodes: [BCE],
    functional: {binaryCrossEntropy},
    pythonFunctional: {
      binary_cross_entropy: {
        signature:
          'binary_cross_entropy(any input, any target, any weight=None, any size_average=None, any reduce=None, any reduction=mean)',
        call: (a, ctx) => {
          const reduction = reductionArg(a, ctx);
          const [input, target] = bceTensors(
            a,
            ctx,
            (t, i) =>
              `Using a target size (${t}) that is different to the input size (${i}) is deprecated. Please ensure they have the same size.`,
          );
          const weight = bceWeight(a, target, ctx);
          return ctx.at('call', () => binaryCrossEntropy(input, target, {weight, reduction}));
        },
      },
    },
  }),
  declareOp({
    name: 'binary_cross_entropy_with_logits',
    nodes: [BCE_LOGITS],
    functional: {binaryCrossEntropyWithLogits},
    pythonFunctional: {
      binary_cross_entropy_with_logits: {
        signature:
          'binary_cross_entropy_with_logits(any input, any target, any weight=None, any size_average=None, any reduce=None, any reduction=mean, any pos_weight=None)',
        call: (a, ctx) => {
          const reduction = reductionArg(a, ctx);
          const [input, target] = bceTensors(
            a,
            ctx,
            (t, i) => `Target size (${t}) must be the same as input size (${i})`,
          );
          return ctx.at('call', () =>
            binaryCrossEntropyWithLogits(input, target, {
              weight: optionalTensor(a, 'weight', 'binary_cross_entropy_with_logits', ctx),
              posWeight: optionalTensor(a, 'pos_weight', 'binary_cross_entropy_with_logits', ctx),
              reduction,
            }),
          );
        },
      },
    },
  }),
];
