/**
 * float32 2-D convolutions in the order oneDNN's direct kernels (`jit:avx512_core`, PyTorch
 * 1.13's mkldnn backend) compute them, so that LeNet-style layers match PyTorch bit for bit.
 * PyTorch sends a float32 convolution there when `ConvParams::use_mkldnn` says so (kernels larger
 * than 3×3, a batch, a big input; see `usesOneDnn`); the others go to `slow_conv2d` (conv.ts).
 *
 * Every product is fused into its sum (one rounding, as `vfmadd231ps`):
 * - forward: per block of 16 input channels (a first layer of fewer than 16 channels is one
 *   block), an output starts from 0 and adds weight × input over (kernel row, kernel column,
 *   channel); the first block's sum is added to the bias, each later one to the partial output;
 * - input gradient: per block of 16 output channels, the same chain over (kernel row, kernel
 *   column, output channel), blocks added to the partial gradient;
 * - weight gradient: one chain over (batch, output row, output column);
 * - bias gradient: a plain float sum over (batch, output row, output column).
 * These orders were found against PyTorch 1.13 (oneDNN 2.6.3) on this project's machine and are
 * checked by the conv2d_onednn_bits golden; grouped convolutions (oneDNN's gemm path) and 1×1
 * kernels are not covered and stay on conv.ts's order, and the weight gradient of a dilated
 * convolution with 4 to 15 input channels (oneDNN's gemm path too) may differ in the last bit.
 */
import type {ConvGeometry} from './conv.js';

const word = new Float32Array(1);
const bits = new Uint32Array(word.buffer);

/** `fl(a·b + c)` for float32 a, b, c: the product is exact in a double, one rounding to float. */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  if (r === s) return r;
  // s itself may be rounded (the exact sum needs more than 53 bits): then rounding s to float
  // can differ from rounding the exact sum, only when s falls exactly halfway between floats.
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  if (err === 0) return r;
  word[0] = r;
  const rb = bits[0] ?? 0;
  bits[0] = s > r === r >= 0 ? rb + 1 : rb - 1;
  const other = word[0];
  if (Math.abs(s - r) !== Math.abs(other - s)) return r;
  return err > 0 === other > r ? other : r;
}

/**
 * Whether PyTorch 1.13 computes this float32 convolution with oneDNN (`use_mkldnn`, one thread),
 * in an order this file reproduces (no groups, not 1×1).
 */
export function usesOneDnn(g: ConvGeometry): boolean {
  if (g.groups !== 1 || (g.kH === 1 && g.kW === 1)) return false;
  return (g.kW > 3 && g.kH > 3) || g.batch > 1 || g.batch * g.inChannels * g.inH * g.inW > 20480;
}

/** The input index an output position and kernel offset read, or -1 in the padding. */
function inputAt(o: number, k: number, g: ConvGeometry, axis: 0 | 1): number {
  const i = o * g.stride[axis] - g.padding[axis] + k * g.dilation[axis];
  return i >= 0 && i < (axis === 0 ? g.inH : g.inW) ? i : -1;
}

/**
 * The input row (column) each output row (column) reads for each kernel row (column), or -1 in
 * the padding: `rows[oh * kH + kh]`, `cols[ow * kW + kw]`.
 */
function inputMaps(g: ConvGeometry): {rows: Int32Array; cols: Int32Array} {
  const rows = new Int32Array(g.outH * g.kH);
  const cols = new Int32Array(g.outW * g.kW);
  for (let oh = 0; oh < g.outH; oh++)
    for (let kh = 0; kh < g.kH; kh++) rows[oh * g.kH + kh] = inputAt(oh, kh, g, 0);
  for (let ow = 0; ow < g.outW; ow++)
    for (let kw = 0; kw < g.kW; kw++) cols[ow * g.kW + kw] = inputAt(ow, kw, g, 1);
  return {rows, cols};
}

/** `out = conv(x, w) + bias` in oneDNN's order (float32, contiguous NCHW). */
export function oneDnnForward(
  x: Float32Array,
  w: Float32Array,
  bias: Float32Array | null,
  g: ConvGeometry,
  out: Float32Array,
): void {
  const C = g.inChannels;
  const block = C < 16 ? C : 16;
  const inPlane = g.inH * g.inW;
  const kArea = g.kH * g.kW;
  const {rows, cols} = inputMaps(g);
  let p = 0;
  for (let n = 0; n < g.batch; n++) {
    const xn = n * C * inPlane;
    for (let o = 0; o < g.outChannels; o++) {
      const wo = o * C * kArea;
      const b = bias ? (bias[o] ?? 0) : 0;
      for (let oh = 0; oh < g.outH; oh++) {
        for (let ow = 0; ow < g.outW; ow++) {
          let total = 0;
          for (let c0 = 0; c0 < C; c0 += block) {
            const c1 = Math.min(C, c0 + block);
            let acc = 0;
            for (let kh = 0; kh < g.kH; kh++) {
              const ih = rows[oh * g.kH + kh] ?? -1;
              if (ih < 0) continue;
              for (let kw = 0; kw < g.kW; kw++) {
                const iw = cols[ow * g.kW + kw] ?? -1;
                if (iw < 0) continue;
                const xi = xn + ih * g.inW + iw;
                const wi = wo + kh * g.kW + kw;
                for (let c = c0; c < c1; c++) {
                  acc = fmaf(w[wi + c * kArea] ?? 0, x[xi + c * inPlane] ?? 0, acc);
                }
              }
            }
            total = c0 === 0 ? (bias ? Math.fround(acc + b) : acc) : Math.fround(acc + total);
          }
          out[p++] = total;
        }
      }
    }
  }
}

/**
 * The three gradients of a oneDNN convolution from the output's gradient `gy` (those not asked
 * for are null), in oneDNN's orders.
 */
export function oneDnnBackward(
  gy: Float32Array,
  x: Float32Array,
  w: Float32Array,
  g: ConvGeometry,
  want: {readonly input: boolean; readonly weight: boolean; readonly bias: boolean},
): {input: Float32Array | null; weight: Float32Array | null; bias: Float32Array | null} {
  const C = g.inChannels;
  const O = g.outChannels;
  const plane = g.outH * g.outW;
  const inPlane = g.inH * g.inW;
  const kArea = g.kH * g.kW;
  let gb: Float32Array | null = null;
  if (want.bias) {
    gb = new Float32Array(O);
    for (let o = 0; o < O; o++) {
      let s = 0;
      for (let n = 0; n < g.batch; n++) {
        const base = (n * O + o) * plane;
        for (let q = 0; q < plane; q++) s = Math.fround(s + (gy[base + q] ?? 0));
      }
      gb[o] = s;
    }
  }
  let gw: Float32Array | null = null;
  if (want.weight) {
    gw = new Float32Array(w.length);
    const {rows, cols} = inputMaps(g);
    for (let o = 0; o < O; o++) {
      for (let c = 0; c < C; c++) {
        for (let kh = 0; kh < g.kH; kh++) {
          for (let kw = 0; kw < g.kW; kw++) {
            let acc = 0;
            for (let n = 0; n < g.batch; n++) {
              const gyBase = (n * O + o) * plane;
              const xBase = (n * C + c) * inPlane;
              for (let oh = 0; oh < g.outH; oh++) {
                const ih = rows[oh * g.kH + kh] ?? -1;
                if (ih < 0) continue;
                const gyRow = gyBase + oh * g.outW;
                const xRow = xBase + ih * g.inW;
                for (let ow = 0; ow < g.outW; ow++) {
                  const iw = cols[ow * g.kW + kw] ?? -1;
                  if (iw >= 0) acc = fmaf(gy[gyRow + ow] ?? 0, x[xRow + iw] ?? 0, acc);
                }
              }
            }
            gw[((o * C + c) * g.kH + kh) * g.kW + kw] = acc;
          }
        }
      }
    }
  }
  let gx: Float32Array | null = null;
  if (want.input) {
    gx = new Float32Array(x.length);
    const [sh, sw] = g.stride;
    const [ph, pw] = g.padding;
    const [dh, dw] = g.dilation;
    let p = 0;
    for (let n = 0; n < g.batch; n++) {
      for (let c = 0; c < C; c++) {
        for (let ih = 0; ih < g.inH; ih++) {
          for (let iw = 0; iw < g.inW; iw++) {
            let total = 0;
            for (let o0 = 0; o0 < O; o0 += 16) {
              const o1 = Math.min(O, o0 + 16);
              let acc = 0;
              for (let kh = 0; kh < g.kH; kh++) {
                const th = ih + ph - kh * dh;
                if (th < 0 || th % sh !== 0 || th / sh >= g.outH) continue;
                const oh = th / sh;
                for (let kw = 0; kw < g.kW; kw++) {
                  const tw = iw + pw - kw * dw;
                  if (tw < 0 || tw % sw !== 0 || tw / sw >= g.outW) continue;
                  const gyAt = n * O * plane + oh * g.outW + tw / sw;
                  const wAt = c * kArea + kh * g.kW + kw;
                  for (let o = o0; o < o1; o++) {
                    acc = fmaf(gy[gyAt + o * plane] ?? 0, w[wAt + o * C * kArea] ?? 0, acc);
                  }
                }
              }
              total = o0 === 0 ? acc : Math.fround(acc + total);
            }
            gx[p++] = total;
          }
        }
      }
    }
  }
  return {input: gx, weight: gw, bias: gb};
}
