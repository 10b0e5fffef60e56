/**
 * Batch normalisation: `F.batch_norm` (NativeBatchNormBackward0) as aten's CPU kernel computes
 * it: in training, each channel's mean (a double sum / N, stored in the input's dtype) and
 * Σ(x - mean)² (double), invstd = 1/√(var_sum/N + eps), the running statistics updated in place
 * (momentum·stat + (1 - momentum)·running, the variance unbiased); in eval, the running
 * statistics. The output is x·α + β with α = invstd·weight, β = bias - mean·α per channel.
 */
import {scalarTypeName} from '../dtype.js';
import {runtimeError, TorchError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {save} from '../node.js';
import {declareNode, declareOp} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {Tensor} from '../tensor.js';
import {grad0} from './util.js';
import {writeStrided} from './views.js';

const BATCH_NORM = declareNode('NativeBatchNormBackward0', false);

/** The options of `F.batch_norm`. */
export interface BatchNormOptions {
  runningMean?: Tensor | null;
  runningVar?: Tensor | null;
  weight?: Tensor | null;
  bias?: Tensor | null;
  training?: boolean;
  momentum?: number;
  eps?: number;
}

function values(t: Tensor | null | undefined): Float64Array | null {
  return t ? Float64Array.from(gather(t, 'float64')) : null;
}

/**
 * `F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)`.
 * ∂/∂x (training) = w·invstd·(dy - mean(dy) - (x - mean)·invstd²·mean(dy·(x - mean)));
 * ∂/∂w = Σ dy·(x - mean)·invstd; ∂/∂b = Σ dy (per channel).
 */
export function batchNorm(x: Tensor, options: BatchNormOptions = {}): Tensor {
  const training = options.training ?? false;
  const momentum = options.momentum ?? 0.1;
  const eps = options.eps ?? 1e-5;
  const {weight = null, bias = null, runningMean = null, runningVar = null} = options;
  if (x.dim() < 2) {
    throw runtimeError(
      `running_mean should contain ${x.shape[1] ?? x.shape[0] ?? 0} elements not ${runningMean?.numel() ?? 0}`,
    );
  }
  const dtype = x.dtype;
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw runtimeError(`"batch_norm" not implemented for '${scalarTypeName(dtype)}'`);
  }
  const c = x.shape[1] ?? 0;
  for (const [name, t] of [
    ['running_mean', runningMean],
    ['running_var', runningVar],
    ['weight', weight],
    ['bias', bias],
  ] as const) {
    if (t && t.numel() !== c) {
      throw runtimeError(`${name} should contain ${c} elements not ${t.numel()}`);
    }
  }
  if (!training && (!runningMean || !runningVar)) {
    throw runtimeError('running_mean must be defined in evaluation mode');
  }
  const r = dtype === 'float32' ? Math.fround : (v: number) => v;
  const n = x.shape[0] ?? 0;
  const image = x.numel() / Math.max(1, n * c);
  const count = n * image;
  const xs = gather(x, dtype);
  const at = (b: number, ch: number, i: number) => (b * c + ch) * image + i;
  const mean = new Float64Array(c);
  const invstd = new Float64Array(c);
  if (training) {
    const rm = values(runningMean);
    const rv = values(runningVar);
    for (let ch = 0; ch < c; ch++) {
      let sum = 0;
      for (let b = 0; b < n; b++) for (let i = 0; i < image; i++) sum += xs[at(b, ch, i)] ?? 0;
      const m = r(sum / count);
      let varSum = 0;
      for (let b = 0; b < n; b++) {
        for (let i = 0; i < image; i++) {
          const d = r((xs[at(b, ch, i)] ?? 0) - m);
          varSum += r(d * d);
        }
      }
      const vs = r(varSum);
      mean[ch] = m;
      invstd[ch] = r(1 / Math.sqrt(vs / count + eps));
      if (rm) rm[ch] = r(momentum * m + (1 - momentum) * (rm[ch] ?? 0));
      if (rv) rv[ch] = r(momentum * (vs / (count - 1)) + (1 - momentum) * (rv[ch] ?? 0));
    }
    // The running statistics change in place (their version counters move, as in PyTorch).
    for (const [t, v] of [
      [runningMean, rm],
      [runningVar, rv],
    ] as const) {
      if (t && v) {
        const stored = new (dtype === 'float32' ? Float32Array : Float64Array)(v);
        writeStrided(t, t.dtype === dtype ? stored : Float64Array.from(stored));
        t.version.value++;
      }
    }
  } else {
    const rm = values(runningMean);
    const rv = values(runningVar);
    for (let ch = 0; ch < c; ch++) {
      mean[ch] = rm?.[ch] ?? 0;
      invstd[ch] = r(1 / r(Math.sqrt(r((rv?.[ch] ?? 1) + r(eps)))));
    }
  }
  const w = values(weight);
  const bi = values(bias);
  const alpha = new Float64Array(c);
  const beta = new Float64Array(c);
  for (let ch = 0; ch < c; ch++) {
    alpha[ch] = r((invstd[ch] ?? 0) * (w?.[ch] ?? 1));
    beta[ch] = r((bi?.[ch] ?? 0) - r((mean[ch] ?? 0) * (alpha[ch] ?? 0)));
  }
  const out = new (dtype === 'float32' ? Float32Array : Float64Array)(xs.length);
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      for (let i = 0; i < image; i++) {
        const k = at(b, ch, i);
        out[k] = r(r((xs[k] ?? 0) * (alpha[ch] ?? 0)) + (beta[ch] ?? 0));
      }
    }
  }
  const output = new Tensor(out, [...x.shape], dtype);
  if (needsGrad(x, weight, bias)) {
    attach(
      BATCH_NORM,
      [x, weight, bias],
      [output],
      (grads, saved, node) => {
        const dy = gather(grad0(grads), 'float64');
        const xv = gather(saved[0] ?? x, 'float64');
        const gx = new (dtype === 'float32' ? Float32Array : Float64Array)(xv.length);
        const gw = new (dtype === 'float32' ? Float32Array : Float64Array)(c);
        const gb = new (dtype === 'float32' ? Float32Array : Float64Array)(c);
        for (let ch = 0; ch < c; ch++) {
          const m = mean[ch] ?? 0;
          const s = invstd[ch] ?? 0;
          let sum = 0;
          let dot = 0;
          for (let b = 0; b < n; b++) {
            for (let i = 0; i < image; i++) {
              const k = at(b, ch, i);
              sum += dy[k] ?? 0;
              dot += ((xv[k] ?? 0) - m) * (dy[k] ?? 0);
            }
          }
          const wc = w?.[ch] ?? 1;
          for (let b = 0; b < n; b++) {
            for (let i = 0; i < image; i++) {
              const k = at(b, ch, i);
              const g = dy[k] ?? 0;
              gx[k] = training
                ? (g - sum / count - (((xv[k] ?? 0) - m) * s * s * dot) / count) * s * wc
                : g * s * wc;
            }
          }
          gw[ch] = dot * s;
          gb[ch] = sum;
        }
        return [
          node.needsInputGrad(0) ? new Tensor(gx, [...x.shape], dtype) : null,
          weight && node.needsInputGrad(1) ? new Tensor(gw, [c], dtype) : null,
          bias && node.needsInputGrad(2) ? new Tensor(gb, [c], dtype) : null,
        ];
      },
      () => [save(x)],
    );
  }
  reportOp('batch_norm', [x], {training, momentum, eps}, [output]);
  return output;
}

/** `_verify_batch_size`: training needs more than one value per channel. */
function verifyBatchSize(x: Tensor, size: string): void {
  let prods = x.shape[0] ?? 0;
  for (let i = 0; i + 2 < x.dim(); i++) prods *= x.shape[i + 2] ?? 0;
  if (prods === 1) {
    throw new TorchError(
      'ValueError',
      `Expected more than 1 value per channel when training, got input size ${size}`,
    );
  }
}

declare module '../op.js' {
  interface FunctionalFunctions {
    /** `F.batch_norm(input, {runningMean, runningVar, weight, bias, training, momentum, eps})`. */
    batchNorm: typeof batchNorm;
  }
}

/** batch_norm. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'batch_norm',
    nodes: [BATCH_NORM],
    functional: {batchNorm},
    pythonFunctional: {
      batch_norm: {
        signature:
          'batch_norm(any input, any running_mean, any running_var, any weight=None, any bias=None, any training=False, any momentum=0.1, any eps=1e-05)',
        call: (a, ctx) => {
          const input = a.get('input');
          if (!(input instanceof Tensor)) {
            throw new TorchError(
              'AttributeError',
              `'${ctx.typeName(input)}' object has no attribute 'size'`,
            );
          }
          const training = a.get('training') === true;
          if (training) verifyBatchSize(input, ctx.size(input.shape));
          const tensor = (key: string): Tensor | null => {
            const v = a.get(key);
            if (v === null || v === undefined) return null;
            return v instanceof Tensor ? v : ctx.invalidArguments();
          };
          const number = (key: string): number => {
            const v = a.get(key);
            if (typeof v === 'number' || typeof v === 'bigint') return Number(v);
            return ctx.invalidArguments();
          };
          return batchNorm(input, {
            runningMean: tensor('running_mean'),
            runningVar: tensor('running_var'),
            weight: tensor('weight'),
            bias: tensor('bias'),
            training,
            momentum: number('momentum'),
            eps: number('eps'),
          });
        },
      },
    },
  }),
];
