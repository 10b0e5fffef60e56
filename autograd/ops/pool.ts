/**
 * Pooling: `F.max_pool2d` (MaxPool2DWithIndicesBackward0, `return_indices`, `ceil_mode`,
 * dilation), `F.avg_pool2d` (AvgPool2DBackward0, `count_include_pad`, `divisor_override`) and
 * `F.adaptive_avg_pool2d` (AdaptiveAvgPool2DBackward0, or a mean when the output is 1×1), as
 * aten's CPU kernels compute them (window by window, row by row, in the input's dtype), with
 * PyTorch's shape errors.
 */
import {allocate, scalarTypeName} from '../dtype.js';
import type {DType} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {declareNode, declareOp} from '../op.js';
import type {BoundArgs, OpDeclaration, PythonCallContext} from '../op.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {Tensor} from '../tensor.js';
import {intsArg} from './conv.js';
import * as reduce from './reduce.js';
import {grad0} from './util.js';
import {gradNode, recordGrad} from './double-backward.js';
import * as factories from './factories.js';
import {gather as gatherOp} from './gather.js';
import {tensorArg} from './python-args.js';

const MAX_POOL = declareNode('MaxPool2DWithIndicesBackward0', true);
const AVG_POOL = declareNode('AvgPool2DBackward0', true);
const ADAPTIVE_AVG_POOL = declareNode('AdaptiveAvgPool2DBackward0', true);
/** Their backward kernels' nodes under create_graph=True (∂/∂self of each is zeros). */
const MAX_POOL_BACKWARD = gradNode('MaxPool2DWithIndicesBackwardBackward0');
const AVG_POOL_BACKWARD = gradNode('AvgPool2DBackwardBackward0');
const ADAPTIVE_AVG_POOL_BACKWARD = gradNode('AdaptiveAvgPool2DBackwardBackward0');

type Floats = Float32Array | Float64Array;
type Pair = readonly [number, number];

/** The options of max_pool2d / avg_pool2d (one number for both dims, or a pair). */
export interface PoolOptions {
  stride?: number | readonly number[] | null;
  padding?: number | readonly number[];
  dilation?: number | readonly number[];
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

function pair(v: number | readonly number[] | null | undefined, dflt: Pair): Pair {
  if (v === null || v === undefined) return dflt;
  if (typeof v === 'number') return [v, v];
  if (v.length === 0) return dflt;
  return [v[0] ?? 0, v[1] ?? v[0] ?? 0];
}

/** aten's `pooling_output_shape`. */
function outputSize(
  input: number,
  kernel: number,
  pad: number,
  stride: number,
  dilation: number,
  ceil: boolean,
): number {
  const span = input + 2 * pad - dilation * (kernel - 1) - 1 + (ceil ? stride - 1 : 0);
  let out = Math.floor(span / stride) + 1;
  if (ceil && (out - 1) * stride >= input + pad) out--;
  return out;
}

/** The planes of a 3-D or 4-D input, checked as aten's pool2d shape check does. */
function planes(x: Tensor, name: string): {batch: number[]; n: number; h: number; w: number} {
  if (!((x.dim() === 3 || x.dim() === 4) && x.shape.slice(1).every((s) => s > 0))) {
    throw runtimeError(
      x.dim() === 3 || x.dim() === 4
        ? `Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[${x.shape.join(', ')}]`
        : `non-empty 3D or 4D (batch mode) tensor expected for input`,
    );
  }
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw runtimeError(`"${name}" not implemented for '${scalarTypeName(x.dtype)}'`);
  }
  const h = x.shape[x.dim() - 2] ?? 0;
  const w = x.shape[x.dim() - 1] ?? 0;
  return {batch: x.shape.slice(0, -2), n: x.numel() / (h * w), h, w};
}

function checkSizes(
  x: Tensor,
  kernel: Pair,
  stride: Pair,
  pad: Pair,
  dilation: Pair,
  out: Pair,
): void {
  if (kernel[0] <= 0 || kernel[1] <= 0) {
    throw runtimeError(
      `kernel size should be greater than zero, but got kH: ${kernel[0]} kW: ${kernel[1]}`,
    );
  }
  if (stride[0] <= 0 || stride[1] <= 0) {
    throw runtimeError(
      `stride should be greater than zero, but got dH: ${stride[0]} dW: ${stride[1]}`,
    );
  }
  if (dilation[0] <= 0 || dilation[1] <= 0) {
    throw runtimeError(
      `dilation should be greater than zero, but got dilationH: ${dilation[0]} dilationW: ${dilation[1]}`,
    );
  }
  if (pad[0] > kernel[0] / 2 || pad[1] > kernel[1] / 2) {
    throw runtimeError(
      `pad should be at most half of kernel size, but got pad=${pad[0] > kernel[0] / 2 ? pad[0] : pad[1]} and kernel_size=${pad[0] > kernel[0] / 2 ? kernel[0] : kernel[1]}`,
    );
  }
  if (out[0] < 1 || out[1] < 1) {
    const planesIn = x.dim() === 4 ? (x.shape[1] ?? 0) : (x.shape[0] ?? 0);
    const [h, w] = x.shape.slice(-2);
    throw runtimeError(
      `Given input size: (${planesIn}x${h}x${w}). Calculated output size: (${planesIn}x${out[0]}x${out[1]}). Output size is too small`,
    );
  }
}

function floats(x: Tensor): Floats {
  return gather(x, x.dtype) as Floats;
}

function make(dtype: DType, n: number): Floats {
  return allocate(dtype, n) as Floats;
}

/** `F.max_pool2d(x, kernel_size, …)` → [output, indices] (indices: h·W + w within each plane). */
export function maxPool2dWithIndices(
  x: Tensor,
  kernelSize: number | readonly number[],
  options: PoolOptions = {},
): [Tensor, Tensor] {
  const kernel = pair(kernelSize, [1, 1]);
  const stride = pair(options.stride, kernel);
  const pad = pair(options.padding, [0, 0]);
  const dilation = pair(options.dilation, [1, 1]);
  const ceil = options.ceilMode ?? false;
  const {batch, n, h, w} = planes(x, 'max_pool2d');
  const oh = outputSize(h, kernel[0], pad[0], stride[0], dilation[0], ceil);
  const ow = outputSize(w, kernel[1], pad[1], stride[1], dilation[1], ceil);
  checkSizes(x, kernel, stride, pad, dilation, [oh, ow]);
  const src = floats(x);
  const out = make(x.dtype, n * oh * ow);
  const idx = new Float64Array(n * oh * ow);
  for (let p = 0; p < n; p++) {
    const base = p * h * w;
    for (let i = 0; i < oh; i++) {
      let h0 = i * stride[0] - pad[0];
      const h1 = Math.min(h0 + (kernel[0] - 1) * dilation[0] + 1, h);
      while (h0 < 0) h0 += dilation[0];
      for (let j = 0; j < ow; j++) {
        let w0 = j * stride[1] - pad[1];
        const w1 = Math.min(w0 + (kernel[1] - 1) * dilation[1] + 1, w);
        while (w0 < 0) w0 += dilation[1];
        let best = -Infinity;
        let at = h0 * w + w0;
        for (let a = h0; a < h1; a += dilation[0]) {
          for (let b = w0; b < w1; b += dilation[1]) {
            const v = src[base + a * w + b] ?? 0;
            if (v > best || Number.isNaN(v)) {
              best = v;
              at = a * w + b;
            }
          }
        }
        const o = (p * oh + i) * ow + j;
        out[o] = best;
        idx[o] = at;
      }
    }
  }
  const shape = [...batch, oh, ow];
  const output = new Tensor(out, shape, x.dtype);
  const indices = new Tensor(idx, [...shape], 'int64');
  if (needsGrad(x)) {
    attach(MAX_POOL, [x], [output], (grads) => {
      const grad = grad0(grads);
      const g = floats(grad);
      const gx = make(x.dtype, x.numel());
      const round = x.dtype === 'float32' ? Math.fround : (v: number) => v;
      for (let p = 0; p < n; p++) {
        for (let o = 0; o < oh * ow; o++) {
          const k = p * h * w + (idx[p * oh * ow + o] ?? 0);
          gx[k] = round((gx[k] ?? 0) + (g[p * oh * ow + o] ?? 0));
        }
      }
      // max_pool_double_backward: the gradient of gx, read back at each window's max.
      return [
        recordGrad(MAX_POOL_BACKWARD, [grad, x], new Tensor(gx, [...x.shape], x.dtype), (gg) => [
          gatherOp(gg.flatten(-2), -1, indices.flatten(-2)).view([...indices.shape]),
          factories.zerosOf(x.shape, x.dtype),
        ]),
      ];
    });
  }
  reportOp(
    'max_pool2d',
    [x],
    {kernel_size: [...kernel], stride: [...stride], padding: [...pad], ceil_mode: ceil},
    [output, indices],
  );
  return [output, indices];
}

/** `F.max_pool2d(x, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)`. */
export function maxPool2d(
  x: Tensor,
  kernelSize: number | readonly number[],
  options: PoolOptions = {},
): Tensor {
  return maxPool2dWithIndices(x, kernelSize, options)[0];
}

/**
 * `F.avg_pool2d(x, kernel_size, stride=None, padding=0, ceil_mode=False,
 * count_include_pad=True, divisor_override=None)`: AvgPool2DBackward0.
 */
export function avgPool2d(
  x: Tensor,
  kernelSize: number | readonly number[],
  options: PoolOptions = {},
): Tensor {
  const kernel = pair(kernelSize, [1, 1]);
  const stride = pair(options.stride, kernel);
  const pad = pair(options.padding, [0, 0]);
  const ceil = options.ceilMode ?? false;
  const includePad = options.countIncludePad ?? true;
  const divisor = options.divisorOverride ?? null;
  if (divisor === 0) throw runtimeError('divisor must be not zero');
  const {batch, n, h, w} = planes(x, 'avg_pool2d');
  const oh = outputSize(h, kernel[0], pad[0], stride[0], 1, ceil);
  const ow = outputSize(w, kernel[1], pad[1], stride[1], 1, ceil);
  checkSizes(x, kernel, stride, pad, [1, 1], [oh, ow]);
  const round = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  // Each output's window [h0, h1) × [w0, w1) and the number it divides by.
  const windows: {h0: number; h1: number; w0: number; w1: number; d: number}[] = [];
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      let h0 = i * stride[0] - pad[0];
      let w0 = j * stride[1] - pad[1];
      let h1 = Math.min(h0 + kernel[0], h + pad[0]);
      let w1 = Math.min(w0 + kernel[1], w + pad[1]);
      const poolSize = (h1 - h0) * (w1 - w0);
      h0 = Math.max(h0, 0);
      w0 = Math.max(w0, 0);
      h1 = Math.min(h1, h);
      w1 = Math.min(w1, w);
      const d = divisor ?? (includePad ? poolSize : (h1 - h0) * (w1 - w0));
      windows.push({h0, h1, w0, w1, d});
    }
  }
  const src = floats(x);
  const out = make(x.dtype, n * oh * ow);
  for (let p = 0; p < n; p++) {
    windows.forEach((win, o) => {
      if (win.h0 >= win.h1 || win.w0 >= win.w1) return;
      let sum = 0;
      for (let a = win.h0; a < win.h1; a++) {
        for (let b = win.w0; b < win.w1; b++) sum = round(sum + (src[p * h * w + a * w + b] ?? 0));
      }
      out[p * oh * ow + o] = round(sum / win.d);
    });
  }
  const output = new Tensor(out, [...batch, oh, ow], x.dtype);
  if (needsGrad(x)) {
    attach(AVG_POOL, [x], [output], (grads) => {
      const grad = grad0(grads);
      const g = floats(grad);
      const gx = make(x.dtype, x.numel());
      for (let p = 0; p < n; p++) {
        windows.forEach((win, o) => {
          const share = round((g[p * oh * ow + o] ?? 0) / win.d);
          for (let a = win.h0; a < win.h1; a++) {
            for (let b = win.w0; b < win.w1; b++) {
              const k = p * h * w + a * w + b;
              gx[k] = round((gx[k] ?? 0) + share);
            }
          }
        });
      }
      // avg_pool2d_backward's gradient: avg_pool2d of gg with the same window.
      return [
        recordGrad(AVG_POOL_BACKWARD, [grad, x], new Tensor(gx, [...x.shape], x.dtype), (gg) => [
          avgPool2d(gg, kernelSize, options),
          factories.zerosOf(x.shape, x.dtype),
        ]),
      ];
    });
  }
  reportOp(
    'avg_pool2d',
    [x],
    {kernel_size: [...kernel], stride: [...stride], padding: [...pad], ceil_mode: ceil},
    [output],
  );
  return output;
}

/**
 * `F.adaptive_avg_pool2d(x, output_size)`: output cell i averages rows ⌊i·H/oh⌋ … ⌈(i+1)·H/oh⌉
 * (AdaptiveAvgPool2DBackward0); a 1×1 output is `x.mean((-1, -2), keepdim=True)`, as aten does.
 */
export function adaptiveAvgPool2d(
  x: Tensor,
  outputSize: number | readonly (number | null)[],
): Tensor {
  const {batch, n, h, w} = planes(x, 'adaptive_avg_pool2d');
  const sizes = typeof outputSize === 'number' ? [outputSize, outputSize] : [...outputSize];
  const oh = sizes[0] ?? h;
  const ow = sizes[1] ?? w;
  if (oh === 1 && ow === 1) return reduce.mean(x, {dim: [-1, -2], keepdim: true});
  const round = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  const start = (o: number, size: number, out: number) => Math.floor((o * size) / out);
  const end = (o: number, size: number, out: number) => Math.ceil(((o + 1) * size) / out);
  const src = floats(x);
  const out = make(x.dtype, n * oh * ow);
  for (let p = 0; p < n; p++) {
    for (let i = 0; i < oh; i++) {
      const h0 = start(i, h, oh);
      const h1 = end(i, h, oh);
      for (let j = 0; j < ow; j++) {
        const w0 = start(j, w, ow);
        const w1 = end(j, w, ow);
        let sum = 0;
        for (let a = h0; a < h1; a++) {
          for (let b = w0; b < w1; b++) sum = round(sum + (src[p * h * w + a * w + b] ?? 0));
        }
        out[(p * oh + i) * ow + j] = round(round(sum / (h1 - h0)) / (w1 - w0));
      }
    }
  }
  const output = new Tensor(out, [...batch, oh, ow], x.dtype);
  if (needsGrad(x)) {
    attach(ADAPTIVE_AVG_POOL, [x], [output], (grads) => {
      const grad = grad0(grads);
      const g = floats(grad);
      const gx = make(x.dtype, x.numel());
      for (let p = 0; p < n; p++) {
        for (let i = 0; i < oh; i++) {
          const h0 = start(i, h, oh);
          const h1 = end(i, h, oh);
          for (let j = 0; j < ow; j++) {
            const w0 = start(j, w, ow);
            const w1 = end(j, w, ow);
            const share = round(round((g[(p * oh + i) * ow + j] ?? 0) / (h1 - h0)) / (w1 - w0));
            for (let a = h0; a < h1; a++) {
              for (let b = w0; b < w1; b++) {
                const k = p * h * w + a * w + b;
                gx[k] = round((gx[k] ?? 0) + share);
              }
            }
          }
        }
      }
      // _adaptive_avg_pool2d_backward's gradient: the pool of gg.
      return [
        recordGrad(
          ADAPTIVE_AVG_POOL_BACKWARD,
          [grad, x],
          new Tensor(gx, [...x.shape], x.dtype),
          (gg) => [adaptiveAvgPool2d(gg, [oh, ow]), factories.zerosOf(x.shape, x.dtype)],
        ),
      ];
    });
  }
  reportOp('adaptive_avg_pool2d', [x], {output_size: [oh, ow]}, [output]);
  return output;
}

function poolOptions(a: BoundArgs, ctx: PythonCallContext): PoolOptions {
  const stride = a.get('stride');
  const divisor = a.get('divisor_override');
  return {
    stride: stride === null ? null : intsArg(stride, ctx),
    padding: intsArg(a.get('padding'), ctx),
    ...(a.has('dilation') ? {dilation: intsArg(a.get('dilation'), ctx)} : {}),
    ceilMode: a.get('ceil_mode') === true,
    countIncludePad: a.get('count_include_pad') !== false,
    divisorOverride: divisor === null || divisor === undefined ? null : Number(ctx.int(divisor)),
  };
}

declare module '../op.js' {
  interface FunctionalFunctions {
    /** `F.max_pool2d(input, kernel_size, {stride, padding, dilation, ceilMode})`. */
    maxPool2d: typeof maxPool2d;
    /** `F.max_pool2d(…, return_indices=True)`: [output, indices]. */
    maxPool2dWithIndices: typeof maxPool2dWithIndices;
    /** `F.avg_pool2d(input, kernel_size, {stride, padding, ceilMode, countIncludePad, …})`. */
    avgPool2d: typeof avgPool2d;
    /** `F.adaptive_avg_pool2d(input, output_size)`. */
    adaptiveAvgPool2d: typeof adaptiveAvgPool2d;
  }
}

/** max_pool2d, avg_pool2d and adaptive_avg_pool2d. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'max_pool2d',
    nodes: [MAX_POOL],
    functional: {maxPool2d, maxPool2dWithIndices},
    pythonFunctional: {
      max_pool2d: {
        signature:
          'max_pool2d(Tensor input, any kernel_size, any stride=None, any padding=0, any dilation=1, bool ceil_mode=False, bool return_indices=False)',
        style: 'python',
        call: (a, ctx) => {
          const input = tensorArg('max_pool2d', a, 'input', ctx);
          const [out, idx] = maxPool2dWithIndices(
            input,
            intsArg(a.get('kernel_size'), ctx),
            poolOptions(a, ctx),
          );
          return a.get('return_indices') === true ? [out, idx] : out;
        },
      },
    },
  }),
  declareOp({
    name: 'avg_pool2d',
    nodes: [AVG_POOL],
    functional: {avgPool2d},
    pythonFunctional: {
      avg_pool2d: {
        signature:
          'avg_pool2d(Tensor input, any kernel_size, any stride=None, any padding=0, bool ceil_mode=False, bool count_include_pad=True, any divisor_override=None)',
        call: (a, ctx) =>
          avgPool2d(
            tensorArg('avg_pool2d', a, 'input', ctx),
            intsArg(a.get('kernel_size'), ctx),
            poolOptions(a, ctx),
          ),
      },
    },
  }),
  declareOp({
    name: 'adaptive_avg_pool2d',
    nodes: [ADAPTIVE_AVG_POOL],
    functional: {adaptiveAvgPool2d},
    pythonFunctional: {
      adaptive_avg_pool2d: {
        signature: 'adaptive_avg_pool2d(Tensor input, any output_size)',
        style: 'python',
        call: (a, ctx) => {
          const size = a.get('output_size');
          const items = ctx.sequence(size);
          return adaptiveAvgPool2d(
            tensorArg('adaptive_avg_pool2d', a, 'input', ctx),
            items
              ? items.map((v) => (v === null ? null : Number(ctx.int(v))))
              : Number(ctx.int(size)),
          );
        },
      },
    },
  }),
];
