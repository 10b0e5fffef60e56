/**
 * Convolutions: `F.conv2d` and `F.conv1d` (stride, padding with 'same'/'valid', dilation,
 * groups, bias) recording ConvolutionBackward0 as PyTorch 1.13 does, an unbatched input going
 * through unsqueeze/squeeze around it; PyTorch's shape errors in its words. The kernels are
 * kernels/conv.ts.
 */
import {allocate, scalarTypeName} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {convBackward, convForward} from '../kernels/conv.js';
import {oneDnnBackward, oneDnnForward, usesOneDnn} from '../kernels/conv-onednn.js';
import type {ConvGeometry} from '../kernels/conv.js';
import {gather} from '../kernels/strided.js';
import {save} from '../node.js';
import {declareNode, declareOp} from '../op.js';
import type {BoundArgs, OpDeclaration, PythonCallContext} from '../op.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {Tensor} from '../tensor.js';
import {grad0} from './util.js';
import {tensorArg} from './python-args.js';

const CONVOLUTION = declareNode('ConvolutionBackward0', false);

/** `padding=`: per spatial dim, or PyTorch's 'same' / 'valid'. */
export type ConvPadding = readonly number[] | 'same' | 'valid';

/** The options of `conv2d` / `conv1d`, one number per spatial dim (or one for all). */
export interface ConvOptions {
  stride?: number | readonly number[];
  padding?: number | ConvPadding;
  dilation?: number | readonly number[];
  groups?: number;
}

const size = (s: readonly number[]): string => `[${s.join(', ')}]`;

function perDim(v: number | readonly number[] | undefined, dims: number, dflt: number): number[] {
  if (v === undefined) return Array<number>(dims).fill(dflt);
  if (typeof v === 'number') return Array<number>(dims).fill(v);
  return v.length === 1 ? Array<number>(dims).fill(v[0] ?? dflt) : [...v];
}

/**
 * `conv{dims}d(input, weight, bias)` on a batched input (dims + 2 dimensions): the checks of
 * aten's `_convolution`, the kernel, and ConvolutionBackward0.
 */
function convolution(
  x: Tensor,
  w: Tensor,
  bias: Tensor | null,
  dims: 1 | 2,
  options: ConvOptions,
): Tensor {
  const stride = perDim(options.stride, dims, 1);
  const dilation = perDim(options.dilation, dims, 1);
  const groups = options.groups ?? 1;
  const pad = options.padding ?? 0;
  let padding: number[];
  if (pad === 'valid') padding = Array<number>(dims).fill(0);
  else if (pad === 'same') {
    if (stride.some((s) => s !== 1)) {
      throw runtimeError("padding='same' is not supported for strided convolutions");
    }
    padding = w.shape.slice(2).map((k, i) => {
      const total = (dilation[i] ?? 1) * (k - 1);
      if (total % 2 !== 0) {
        throw runtimeError(
          "padding='same' with an even kernel is not supported by grad-graph yet (PyTorch pads the input asymmetrically)",
        );
      }
      return total / 2;
    });
  } else padding = perDim(pad, dims, 0);
  if (w.dim() !== dims + 2) {
    throw runtimeError(
      `Expected ${dims + 2}-dimensional weight for ${dims + 2}-dimensional input ${size(x.shape)}, but got ${w.dim()}-dimensional weight of size ${size(w.shape)} instead`,
    );
  }
  if (x.dtype !== w.dtype) {
    throw runtimeError(
      `expected scalar type ${scalarTypeName(x.dtype)} but found ${scalarTypeName(w.dtype)}`,
    );
  }
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw runtimeError(`"slow_conv2d_cpu" not implemented for '${scalarTypeName(x.dtype)}'`);
  }
  const outChannels = w.shape[0] ?? 0;
  if (outChannels % groups !== 0) {
    throw runtimeError(
      `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${size(w.shape)}] instead`,
    );
  }
  const inChannels = x.shape[1] ?? 0;
  if (inChannels !== (w.shape[1] ?? 0) * groups) {
    throw runtimeError(
      `Given groups=${groups}, weight of size ${size(w.shape)}, expected input${size(x.shape)} to have ${(w.shape[1] ?? 0) * groups} channels, but got ${inChannels} channels instead`,
    );
  }
  if (bias && (bias.dim() !== 1 || bias.shape[0] !== outChannels)) {
    throw runtimeError(
      `Given weight of size ${size(w.shape)}, expected bias to be 1-dimensional with ${outChannels} elements, but got bias of size ${size(bias.shape)} instead`,
    );
  }
  const spatial = x.shape.slice(2);
  const padded = spatial.map((s, i) => s + 2 * (padding[i] ?? 0));
  const kernel = w.shape.slice(2).map((k, i) => (dilation[i] ?? 1) * (k - 1) + 1);
  if (padded.some((p, i) => p < (kernel[i] ?? 0))) {
    throw runtimeError(
      `Calculated padded input size per channel: (${padded.join(' x ')}). Kernel size: (${kernel.join(' x ')}). Kernel size can't be greater than actual input size`,
    );
  }
  const outSpatial = padded.map(
    (p, i) => Math.floor((p - (kernel[i] ?? 1)) / (stride[i] ?? 1)) + 1,
  );
  // A 1-D convolution is a 2-D one of height 1.
  const two = (a: readonly number[], v: number): [number, number] =>
    dims === 1 ? [v, a[0] ?? v] : [a[0] ?? v, a[1] ?? v];
  const [inH, inW] = two(spatial, 1);
  const [kH, kW] = two(w.shape.slice(2), 1);
  const [outH, outW] = two(outSpatial, 1);
  const geometry: ConvGeometry = {
    batch: x.shape[0] ?? 0,
    inChannels,
    inH,
    inW,
    outChannels,
    kH,
    kW,
    outH,
    outW,
    stride: two(stride, 1),
    padding: dims === 1 ? [0, padding[0] ?? 0] : [padding[0] ?? 0, padding[1] ?? 0],
    dilation: two(dilation, 1),
    groups,
  };
  const dtype = x.dtype;
  const xs = gather(x, dtype) as Float32Array | Float64Array;
  const ws = gather(w, dtype) as Float32Array | Float64Array;
  const bs = bias ? (gather(bias, dtype) as Float32Array | Float64Array) : null;
  const outShape = [geometry.batch, outChannels, ...outSpatial];
  const data = allocate(
    dtype,
    outShape.reduce((a, b) => a * b, 1),
  ) as Float32Array | Float64Array;
  // PyTorch's mkldnn backend takes float32 2-D convolutions it deems big enough
  const oneDnn = dtype === 'float32' && dims === 2 && usesOneDnn(geometry);
  if (oneDnn) {
    oneDnnForward(
      xs as Float32Array,
      ws as Float32Array,
      bs as Float32Array | null,
      geometry,
      data as Float32Array,
    );
  } else convForward(xs, ws, bs, geometry, data);
  const out = new Tensor(data, outShape, dtype);
  if (needsGrad(x, w, bias)) {
    attach(
      CONVOLUTION,
      [x, w, bias],
      [out],
      (grads, saved) => {
        const gy = gather(grad0(grads), dtype) as Float32Array | Float64Array;
        const sx = saved[0] ?? x;
        const sw = saved[1] ?? w;
        const want = {
          input: x.requiresGrad,
          weight: w.requiresGrad,
          bias: bias?.requiresGrad ?? false,
        };
        const xv = gather(sx, dtype) as Float32Array | Float64Array;
        const wv = gather(sw, dtype) as Float32Array | Float64Array;
        const r = oneDnn
          ? oneDnnBackward(
              gy as Float32Array,
              xv as Float32Array,
              wv as Float32Array,
              geometry,
              want,
            )
          : convBackward(
              gy,
              xv,
              wv,
              geometry,
              want,
              (n) => allocate(dtype, n) as Float32Array | Float64Array,
            );
        const t = (d: Float32Array | Float64Array | null, shape: readonly number[]) =>
          d ? new Tensor(d, [...shape], dtype) : null;
        return [t(r.input, x.shape), t(r.weight, w.shape), bias ? t(r.bias, bias.shape) : null];
      },
      () => [save(x), save(w)],
    );
  }
  reportOp(`conv${dims}d`, bias ? [x, w, bias] : [x, w], {stride, padding, dilation, groups}, [
    out,
  ]);
  return out;
}

/** An unbatched input goes through unsqueeze(0) and squeeze(0), as PyTorch records it. */
function conv(
  x: Tensor,
  w: Tensor,
  bias: Tensor | null,
  dims: 1 | 2,
  options: ConvOptions,
): Tensor {
  if (x.dim() !== dims + 1 && x.dim() !== dims + 2) {
    throw runtimeError(
      `Expected ${dims + 1}D (unbatched) or ${dims + 2}D (batched) input to conv${dims}d, but got input of size: ${size(x.shape)}`,
    );
  }
  if (x.dim() === dims + 2) return convolution(x, w, bias, dims, options);
  return convolution(x.unsqueeze(0), w, bias, dims, options).squeeze(0);
}

/** `F.conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)`. */
export function conv2d(
  x: Tensor,
  w: Tensor,
  bias: Tensor | null = null,
  options: ConvOptions = {},
): Tensor {
  return conv(x, w, bias, 2, options);
}

/** `F.conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)`. */
export function conv1d(
  x: Tensor,
  w: Tensor,
  bias: Tensor | null = null,
  options: ConvOptions = {},
): Tensor {
  return conv(x, w, bias, 1, options);
}

/** A Python int or tuple/list of ints argument (`stride=2`, `padding=(1, 2)`) as numbers. */
export function intsArg(v: unknown, ctx: PythonCallContext): number[] {
  const items = ctx.sequence(v);
  return items ? items.map((i) => Number(ctx.int(i))) : [Number(ctx.int(v))];
}

function pythonConv(dims: 1 | 2) {
  const name = `conv${dims}d`;
  return {
    signature: `${name}(Tensor input, Tensor weight, Tensor? bias=None, any stride=1, any padding=0, any dilation=1, int groups=1)`,
    call: (a: BoundArgs, ctx: PythonCallContext): Tensor => {
      const bias = a.get('bias');
      const pad = a.get('padding');
      let padding: ConvPadding;
      if (typeof pad === 'string') {
        if (pad !== 'same' && pad !== 'valid')
          throw runtimeError(`Invalid padding string: '${pad}'`);
        padding = pad;
      } else padding = intsArg(pad, ctx);
      return conv(
        tensorArg(name, a, 'input', ctx),
        tensorArg(name, a, 'weight', ctx),
        bias instanceof Tensor ? bias : null,
        dims,
        {
          stride: intsArg(a.get('stride'), ctx),
          padding,
          dilation: intsArg(a.get('dilation'), ctx),
          groups: Number(a.get('groups')),
        },
      );
    },
  };
}

declare module '../op.js' {
  interface FunctionalFunctions {
    /** `F.conv2d(input, weight, bias=None, {stride, padding, dilation, groups})`. */
    conv2d: typeof conv2d;
    /** `F.conv1d(input, weight, bias=None, {stride, padding, dilation, groups})`. */
    conv1d: typeof conv1d;
  }
}

/** conv2d and conv1d (ConvolutionBackward0). */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'conv2d',
    nodes: [CONVOLUTION],
    functional: {conv2d, conv1d},
    pythonFunctional: {conv2d: pythonConv(2), conv1d: pythonConv(1)},
  }),
];
