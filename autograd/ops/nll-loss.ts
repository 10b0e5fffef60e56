/**
 * `F.nll_loss` for class indices, as PyTorch 1.13's nll_loss_nd runs it: a 1-D or 2-D input is
 * nll_loss (NllLossBackward0); a 4-D input (N, C, H, W) is nll_loss2d (NllLoss2DBackward0); a
 * 3-D or 5-D+ input (N, C, d1, …) is viewed as (N, C, 1, d1·…) and its target as (N, 1, d1·…)
 * (ViewBackward0 on the input), run through nll_loss2d, and with reduction='none' viewed back
 * to (N, d1, …). Each loss is -w[t]·input[…, t, …] (w = 1 without weight); the sums run in
 * PyTorch's order (its 8-level cascade over the targets in memory order), the mean divides by
 * Σ w[t] over the targets not ignored.
 */
import {allocate, refuseHalf, scalarTypeName} from '../dtype.js';
import type {DType, Storage} from '../dtype.js';
import {TorchError, runtimeError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode} from '../op.js';
import type {NodeDeclaration} from '../op.js';
import {numelOf} from '../shape.js';
import {Tensor} from '../tensor.js';
import type {ClassLossOptions} from './nn.js';
import {grad0} from './util.js';
import {gradNode, recordGrad} from './double-backward.js';
import * as factories from './factories.js';

const NLL_LOSS = declareNode('NllLossBackward0', true);
const NLL_LOSS_2D = declareNode('NllLoss2DBackward0', true);
/** nll_loss_backward's node under create_graph=True, by the forward's node. */
const GRAD_NODE = new Map<NodeDeclaration, NodeDeclaration>([
  [NLL_LOSS, gradNode('NllLossBackwardBackward0')],
  [NLL_LOSS_2D, gradNode('NllLoss2DBackwardBackward0')],
]);

/** The nodes nll_loss records. */
export const NLL_NODES: readonly NodeDeclaration[] = [NLL_LOSS, NLL_LOSS_2D];

/** `[2, 3, 4]`, as ATen prints sizes in messages. */
const sizes = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** `F.nll_loss(input, target, weight=None, reduction='mean', ignore_index=-100)`. */
export function nllLoss(input: Tensor, target: Tensor, options: ClassLossOptions = {}): Tensor {
  const d = input.dim();
  if (d < 1) throw new TorchError('ValueError', `Expected 1 or more dimensions (got ${d})`);
  if (d !== 1 && target.dim() > 0 && input.shape[0] !== target.shape[0]) {
    throw new TorchError(
      'ValueError',
      `Expected input batch_size (${input.shape[0]}) to match target batch_size (${target.shape[0]}).`,
    );
  }
  if (d <= 2) return nllLoss1d2d(input, target, options);
  if (d === 4) return nllLoss2d(input, target, options);
  const [n = 0, c = 0] = input.shape;
  const outSize = [n, ...input.shape.slice(2)];
  if (target.shape.slice(1).join() !== input.shape.slice(2).join()) {
    throw runtimeError(`Expected target size ${sizes(outSize)}, got ${sizes(target.shape)}`);
  }
  const x4 = input.contiguous().view(n, c, 1, -1);
  const t3 = target.contiguous().view(n, 1, -1);
  const out = nllLoss2d(x4, t3, options);
  return (options.reduction ?? 'mean') === 'none' ? out.view(...outSize) : out;
}

/** nll_loss on (C) or (N, C) with targets () or (N). */
function nllLoss1d2d(input: Tensor, target: Tensor, options: ClassLossOptions): Tensor {
  if (target.dtype !== 'int64') {
    throw runtimeError(`expected scalar type Long but found ${scalarTypeName(target.dtype)}`);
  }
  refuseHalf(input.dtype, 'nll_loss_out_frame');
  const batched = input.dim() === 2;
  const n = batched ? (input.shape[0] ?? 0) : 1;
  const c = input.shape[input.shape.length - 1] ?? 0;
  if (batched && target.dim() !== 1) {
    throw runtimeError('1D target tensor expected, multi-target not supported');
  }
  if (!batched && target.dim() !== 0) {
    throw runtimeError('0D or 1D target tensor expected, multi-target not supported');
  }
  const weight = options.weight ?? null;
  if (weight && weight.numel() !== c) {
    throw runtimeError(
      `weight tensor should be defined either for all ${c} classes or no classes but got weight tensor of shape: ${sizes(weight.shape)}`,
    );
  }
  return nllCore(NLL_LOSS, input, target, {n, c, map: 1}, batched ? [n] : [], options);
}

/** nll_loss2d on (N, C, H, W) with targets (N, H, W). */
function nllLoss2d(input: Tensor, target: Tensor, options: ClassLossOptions): Tensor {
  if (target.dim() !== 3) {
    throw runtimeError(
      `only batches of spatial targets supported (3D tensors) but got targets of dimension: ${target.dim()}`,
    );
  }
  const [n = 0, c = 0, h = 0, w = 0] = input.shape;
  const weight = options.weight ?? null;
  if (weight && weight.numel() !== c) {
    throw runtimeError('weight tensor should be defined either for all or no classes');
  }
  if (n !== target.shape[0] || h !== target.shape[1] || w !== target.shape[2]) {
    throw runtimeError(
      `size mismatch (got input: ${sizes(input.shape)} , target: ${sizes(target.shape)}`,
    );
  }
  refuseHalf(input.dtype, 'nll_loss2d_forward_out_frame');
  if (target.dtype !== 'int64') {
    throw runtimeError(`expected scalar type Long but found ${scalarTypeName(target.dtype)}`);
  }
  return nllCore(NLL_LOSS_2D, input, target, {n, c, map: h * w}, [n, h, w], options);
}

/** The layout both kernels share: n samples of c classes, each class a map of `map` values. */
interface NllLayout {
  readonly n: number;
  readonly c: number;
  readonly map: number;
}

/**
 * The loss itself: target i = b·map + e picks input[b, t, e]; `noneShape` is the shape of the
 * unreduced loss.
 */
function nllCore(
  node: NodeDeclaration,
  input: Tensor,
  target: Tensor,
  {n, c, map}: NllLayout,
  noneShape: number[],
  options: ClassLossOptions,
): Tensor {
  const reduction = options.reduction ?? 'mean';
  const ignore = options.ignoreIndex ?? -100;
  const weight = options.weight ?? null;
  const dtype: DType = input.dtype;
  const r = dtype === 'float32' ? Math.fround : (v: number) => v;
  const logp = gather(input, 'float64');
  const tv = gather(target, 'float64');
  const wv = weight ? gather(weight, 'float64') : null;
  const count = n * map;
  const at = (i: number, t: number) => Math.floor(i / map) * c * map + t * map + (i % map);
  const picked = new Float64Array(count);
  const weights = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const t = tv[i] ?? 0;
    if (t === ignore) continue;
    if (t < 0 || t >= c) throw new TorchError('IndexError', `Target ${t} is out of bounds.`);
    const w = wv ? (wv[t] ?? 0) : 1;
    picked[i] = -r((logp[at(i, t)] ?? 0) * w);
    weights[i] = w;
  }
  let out: Tensor;
  let total = 0;
  if (reduction === 'none') {
    const data = allocate(dtype, count);
    data.set(picked);
    out = new Tensor(data, noneShape, dtype);
  } else {
    const data = allocate(dtype, 1);
    const s = nllSum(picked, tv, ignore, dtype === 'float32');
    total = nllSum(weights, tv, ignore, dtype === 'float32');
    data[0] = reduction === 'mean' ? s / total : s;
    out = new Tensor(data, [], dtype);
  }
  if (needsGrad(input)) {
    const inShape = input.shape;
    attach(
      node,
      [input],
      [out],
      (grads, saved) => {
        const grad = grad0(grads);
        const g = gather(grad, 'float64');
        const tgt = gather(saved[0] ?? target, 'float64');
        const res = allocate(dtype, numelOf(inShape));
        for (let i = 0; i < count; i++) {
          const t = tgt[i] ?? 0;
          if (t === ignore) continue;
          const gi = reduction === 'none' ? (g[i] ?? 0) : (g[0] ?? 0);
          const scaled = -r(reduction === 'mean' ? gi / total : gi);
          res[at(i, t)] = wv ? r((wv[t] ?? 0) * scaled) : scaled;
        }
        // create_graph=True: ∂/∂grad = nll_loss(gg, target), ∂/∂input = zeros.
        const gradNodeOf = GRAD_NODE.get(node) ?? node;
        return [
          recordGrad(gradNodeOf, [grad, input], new Tensor(res, [...inShape], dtype), (gg) => [
            nllCore(node, gg, target, {n, c, map}, noneShape, options),
            factories.zerosOf(gg.shape, gg.dtype),
          ]),
        ];
      },
      () => [save(target)],
    );
  }
  reportOp(
    node === NLL_LOSS ? 'nll_loss' : 'nll_loss2d',
    [input, target],
    {reduction, ignore_index: ignore},
    [out],
  );
  return out;
}

/**
 * Σ values[i] over the targets not ignored, as PyTorch's nll_loss and nll_loss2d add them: an
 * 8-level cascade keyed on the target's index (every 16th carries a level up), in the input's
 * dtype.
 */
function nllSum(values: Float64Array, targets: Storage, ignore: number, float32: boolean): number {
  const r = float32 ? Math.fround : (x: number) => x;
  const n = values.length;
  const levels = 8;
  const power = Math.max(4, Math.floor((n <= 2 ? 1 : Math.ceil(Math.log2(n))) / levels));
  const mask = 2 ** power - 1;
  const partial = new Array<number>(levels).fill(0);
  for (let b = 0; b < n; b++) {
    if (targets[b] === ignore) continue;
    partial[0] = r((partial[0] ?? 0) + (values[b] ?? 0));
    for (let j = 0; j + 1 < levels; j++) {
      if ((b & (mask * 2 ** (j * power))) !== 0) break;
      partial[j + 1] = r((partial[j + 1] ?? 0) + (partial[j] ?? 0));
      partial[j] = 0;
    }
  }
  return partial.reduce((acc, v) => r(acc + v), 0);
}
