/**
 * Layer normalisation: `F.layer_norm` / `torch.layer_norm` (NativeLayerNormBackward0) as ATen's
 * CPU kernel (native/cpu/layer_norm_kernel.cpp, 1.13) computes it on one thread: each row of the
 * last normalized dims gets its mean and variance from RowwiseMoments (kernels/moments.ts),
 * rstd = 1/√(var + eps), and y = (x·rstd + (-rstd·mean))·γ + β; backward is
 * `layer_norm_backward_frame`'s row formulas. Which multiply-adds the compiler fused (and which it
 * left rounding twice) was found by comparing every float with PyTorch's on rows of many lengths.
 */
import {scalarTypeName} from '../dtype.js';
import {runtimeError, TorchError} from '../errors.js';
import {FLOAT32, FLOAT64, rowwiseMoments} from '../kernels/moments.js';
import type {FloatOps} from '../kernels/moments.js';
import {gather} from '../kernels/strided.js';
import {reduceAll} from '../kernels/vecreduce.js';
import {save} from '../node.js';
import {declareNode, declareOp} from '../op.js';
import type {BoundArgs, OpDeclaration, PythonCallContext} from '../op.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {rememberSaved} from '../saved-attributes.js';
import {numelOf} from '../shape.js';
import {Tensor} from '../tensor.js';
import {grad0} from './util.js';

const LAYER_NORM = declareNode('NativeLayerNormBackward0', false);

const shapeText = (s: readonly number[]): string => `[${s.join(', ')}]`;

/** `_check_layer_norm_inputs`: the shapes, with PyTorch's messages; returns [M, N]. */
function checkInputs(
  x: Tensor,
  shape: readonly number[],
  weight: Tensor | null,
  bias: Tensor | null,
): [number, number] {
  if (shape.length < 1) {
    throw runtimeError(
      `Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = ${shapeText(shape)}`,
    );
  }
  for (const [name, t] of [
    ['weight', weight],
    ['bias', bias],
  ] as const) {
    if (t && shapeText(t.shape) !== shapeText(shape)) {
      throw runtimeError(
        `Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape ${shapeText(t.shape)} and normalized_shape = ${shapeText(shape)}`,
      );
    }
  }
  const lead = x.dim() - shape.length;
  if (lead < 0 || shape.some((d, i) => x.shape[lead + i] !== d)) {
    throw runtimeError(
      `Given normalized_shape=${shapeText(shape)}, expected input with shape [*, ${shape.join(', ')}], but got input of size${shapeText(x.shape)}`,
    );
  }
  return [numelOf(x.shape.slice(0, lead)), numelOf(shape)];
}

/**
 * Σ a(j)·b(j) as `vec::map2_reduce_all` / `map3_reduce_all` add it: lanes of fused
 * multiply-adds after a first vector of plain products, folded as vecreduce.ts does; a row
 * shorter than a vector adds its products in turn.
 */
function dotLanes(
  n: number,
  a: (j: number) => number,
  b: (j: number) => number,
  ops: FloatOps,
): number {
  const {r, fma, lanes} = ops;
  const float32 = lanes === 8;
  if (n < lanes) return reduceAll((j) => r(a(j) * b(j)), n, 'sum', float32);
  const acc = Array.from({length: lanes}, (_, l) => r(a(l) * b(l)));
  for (let j = lanes; j < n; j++) {
    const l = j % lanes;
    acc[l] = fma(a(j), b(j), acc[l] ?? 0);
  }
  return reduceAll((l) => acc[l] ?? 0, lanes, 'sum', float32);
}

/**
 * `torch.layer_norm(input, normalized_shape, weight, bias, eps)`, with μ, rstd per row:
 * ∂/∂x = rstd·(γ·dy - mean(γ·dy) - x̂·mean(γ·dy·x̂)), ∂/∂γ = Σ dy·x̂, ∂/∂β = Σ dy.
 */
export function layerNorm(
  x: Tensor,
  normalizedShape: readonly number[],
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  eps = 1e-5,
): Tensor {
  const [rows, n] = checkInputs(x, normalizedShape, weight, bias);
  const dtype = x.dtype;
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw runtimeError(`"LayerNormKernelImpl" not implemented for '${scalarTypeName(dtype)}'`);
  }
  for (const t of [weight, bias]) {
    if (t && t.dtype !== dtype) {
      throw runtimeError(
        `expected scalar type ${scalarTypeName(dtype)} but found ${scalarTypeName(t.dtype)}`,
      );
    }
  }
  const ops = dtype === 'float32' ? FLOAT32 : FLOAT64;
  const {r, fma} = ops;
  const xs = gather(x, dtype);
  const gamma = weight ? gather(weight, dtype) : null;
  const beta = bias ? gather(bias, dtype) : null;
  const Storage = dtype === 'float32' ? Float32Array : Float64Array;
  const out = new Storage(xs.length);
  const means = new Storage(rows);
  const rstds = new Storage(rows);
  const epsT = r(eps);
  for (let i = 0; i < rows; i++) {
    const off = i * n;
    const [mean, variance] = rowwiseMoments(xs, off, n, ops);
    const rstd = r(1 / r(Math.sqrt(r(variance + epsT))));
    const shift = r(-rstd * mean);
    for (let j = 0; j < n; j++) {
      const g = gamma ? (gamma[j] ?? 1) : 1;
      const b = beta ? (beta[j] ?? 0) : 0;
      out[off + j] = fma(fma(xs[off + j] ?? 0, rstd, shift), g, b);
    }
    means[i] = mean;
    rstds[i] = rstd;
  }
  const output = new Tensor(out, [...x.shape], dtype);
  if (needsGrad(x, weight, bias)) {
    const node = attach(
      LAYER_NORM,
      [x, weight, bias],
      [output],
      (grads, saved, node) => {
        const dy = gather(grad0(grads), dtype);
        const xv = gather(saved[0] ?? x, dtype);
        const g = weight ? gather(saved[1] ?? weight, dtype) : null;
        const wantX = node.needsInputGrad(0);
        const wantW = weight !== null && node.needsInputGrad(1);
        const wantB = bias !== null && node.needsInputGrad(2);
        const dx = new Storage(xv.length);
        const dgamma = new Storage(n);
        const dbeta = new Storage(n);
        const scale = r(1 / n);
        for (let i = 0; i < rows; i++) {
          const off = i * n;
          const a = means[i] ?? 0;
          const s = rstds[i] ?? 0;
          if (wantW) {
            const shift = r(-s * a);
            for (let j = 0; j < n; j++) {
              const dyj = dy[off + j] ?? 0;
              dgamma[j] = fma(dyj, fma(s, xv[off + j] ?? 0, shift), dgamma[j] ?? 0);
            }
          }
          if (wantB) for (let j = 0; j < n; j++) dbeta[j] = r((dbeta[j] ?? 0) + (dy[off + j] ?? 0));
          if (!wantX) continue;
          const dyAt = (j: number) => dy[off + j] ?? 0;
          const xAt = (j: number) => xv[off + j] ?? 0;
          let ds: number;
          let db: number;
          if (g) {
            ds = dotLanes(
              n,
              (j) => r(dyAt(j) * xAt(j)),
              (j) => g[j] ?? 0,
              ops,
            );
            db = dotLanes(n, dyAt, (j) => g[j] ?? 0, ops);
          } else {
            ds = dotLanes(n, dyAt, xAt, ops);
            db = reduceAll(dyAt, n, 'sum', dtype === 'float32');
          }
          const b = r(r(r(r(fma(db, a, -ds) * s) * s) * s) * scale);
          const c = fma(-b, a, -r(r(db * s) * scale));
          for (let j = 0; j < n; j++) {
            const sdy = r(s * dyAt(j));
            dx[off + j] = r(fma(b, xAt(j), g ? r(sdy * (g[j] ?? 0)) : sdy) + c);
          }
        }
        return [
          wantX ? new Tensor(dx, [...x.shape], dtype) : null,
          wantW ? new Tensor(dgamma, [...normalizedShape], dtype) : null,
          wantB ? new Tensor(dbeta, [...normalizedShape], dtype) : null,
        ];
      },
      () => [save(x), ...(weight ? [save(weight)] : [])],
    );
    // native_layer_norm's mean and rstd, shaped [..., 1, …] over the normalized dimensions
    const statsShape = [
      ...x.shape.slice(0, x.dim() - normalizedShape.length),
      ...normalizedShape.map(() => 1),
    ];
    rememberSaved(node, {
      weight,
      bias,
      result1: new Tensor(means, statsShape, dtype),
      result2: new Tensor(rstds, statsShape, dtype),
    });
  }
  reportOp('layer_norm', [x], {normalized_shape: [...normalizedShape], eps}, [output]);
  return output;
}

declare module '../op.js' {
  interface FunctionalFunctions {
    /** `F.layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-05)`. */
    layerNorm: typeof layerNorm;
  }
  interface TorchFunctions {
    /** `torch.layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-05)`. */
    layerNorm: typeof layerNorm;
  }
}

/** F.layer_norm is a Python function passing its arguments on to torch.layer_norm by position. */
const FUNCTIONAL =
  'layer_norm(any input, any normalized_shape, any weight=None, any bias=None, any eps=1e-05)';
const NATIVE =
  'layer_norm(any input, any normalized_shape, any weight=None, any bias=None, any eps=1e-05, any cudnn_enable=True)';

/** layer_norm. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'layer_norm',
    nodes: [LAYER_NORM],
    functional: {layerNorm},
    functions: {layerNorm},
    pythonFunctional: {
      layer_norm: {signature: FUNCTIONAL, style: 'python', call},
    },
    pythonTorch: {layer_norm: {signature: NATIVE, style: 'python', call}},
  }),
];

/**
 * The Python call, with the native parser's messages for each argument by position
 * (`normalized_shape` must be a sequence of ints: a bare int is refused).
 */
function call(a: BoundArgs, ctx: PythonCallContext): Tensor {
  const bad = (name: string, position: number, want: string): never => {
    throw new TorchError(
      'TypeError',
      `layer_norm(): argument '${name}' (position ${position}) must be ${want}, not ${ctx.typeName(a.get(name))}`,
    );
  };
  const input = a.get('input');
  if (!(input instanceof Tensor)) return bad('input', 1, 'Tensor');
  const items = ctx.sequence(a.get('normalized_shape'));
  if (items === null || items.some((d) => typeof d !== 'bigint')) {
    return bad('normalized_shape', 2, 'tuple of ints');
  }
  const optional = (name: string, position: number): Tensor | null => {
    const v = a.get(name) ?? null;
    return v === null || v instanceof Tensor ? v : bad(name, position, 'Tensor');
  };
  const weight = optional('weight', 3);
  const bias = optional('bias', 4);
  const eps = a.get('eps');
  if (typeof eps !== 'number' && typeof eps !== 'bigint') return bad('eps', 5, 'float');
  return layerNorm(
    input,
    items.map((d) => Number(d)),
    weight,
    bias,
    Number(eps),
  );
}
