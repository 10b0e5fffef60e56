/**
 * Convolution kernels (NCHW, contiguous, groups) in the order aten's `slow_conv2d` computes them:
 * each output starts from its bias and adds `weight · input` over (input channel, kernel row,
 * kernel column) in turn, as the reference BLAS's gemm walks the im2col columns. float32 rounds
 * every product and sum to float32 as that gemm does; PyTorch sends float32 5×5 (and larger, or
 * batched) convolutions to oneDNN instead, whose order conv-onednn.ts follows.
 */

/** The geometry of one 2-D convolution (a 1-D one has height 1). */
export interface ConvGeometry {
  readonly batch: number;
  readonly inChannels: number;
  readonly inH: number;
  readonly inW: number;
  readonly outChannels: number;
  readonly kH: number;
  readonly kW: number;
  readonly outH: number;
  readonly outW: number;
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly groups: number;
}

type Floats = Float32Array | Float64Array;

/** The input row/column an output position and kernel offset read (may fall in the padding). */
function at(o: number, k: number, g: ConvGeometry, axis: 0 | 1): number {
  return o * g.stride[axis] - g.padding[axis] + k * g.dilation[axis];
}

/** `out = conv(x, w) + bias`: out is [batch, outChannels, outH, outW]. */
export function convForward(
  x: Floats,
  w: Floats,
  bias: Floats | null,
  g: ConvGeometry,
  out: Floats,
): void {
  const f32 = out instanceof Float32Array;
  const cg = g.inChannels / g.groups;
  const og = g.outChannels / g.groups;
  const plane = g.outH * g.outW;
  const acc = new Float64Array(plane);
  for (let n = 0; n < g.batch; n++) {
    for (let o = 0; o < g.outChannels; o++) {
      const group = Math.floor(o / og);
      acc.fill(bias ? (bias[o] ?? 0) : 0);
      for (let c = 0; c < cg; c++) {
        const xBase = (n * g.inChannels + group * cg + c) * g.inH * g.inW;
        for (let kh = 0; kh < g.kH; kh++) {
          for (let kw = 0; kw < g.kW; kw++) {
            const wv = w[((o * cg + c) * g.kH + kh) * g.kW + kw] ?? 0;
            for (let oh = 0; oh < g.outH; oh++) {
              const ih = at(oh, kh, g, 0);
              const inRow = ih >= 0 && ih < g.inH;
              for (let ow = 0; ow < g.outW; ow++) {
                const iw = at(ow, kw, g, 1);
                const xv = inRow && iw >= 0 && iw < g.inW ? (x[xBase + ih * g.inW + iw] ?? 0) : 0;
                const p = oh * g.outW + ow;
                acc[p] = f32
                  ? Math.fround((acc[p] ?? 0) + Math.fround(wv * xv))
                  : (acc[p] ?? 0) + wv * xv;
              }
            }
          }
        }
      }
      out.set(acc, (n * g.outChannels + o) * plane);
    }
  }
}

/**
 * The three gradients of a convolution from the output's gradient `gy`: the input's (each
 * output position's gradient sent back through the weights it used), the weight's (Σ over the
 * batch and output positions of gradient × input) and the bias's (Σ of the gradient per channel).
 * Those not asked for are null.
 */
export function convBackward(
  gy: Floats,
  x: Floats,
  w: Floats,
  g: ConvGeometry,
  want: {readonly input: boolean; readonly weight: boolean; readonly bias: boolean},
  make: (n: number) => Floats,
): {input: Floats | null; weight: Floats | null; bias: Floats | null} {
  const f32 = gy instanceof Float32Array;
  const round = f32 ? Math.fround : (v: number) => v;
  const cg = g.inChannels / g.groups;
  const og = g.outChannels / g.groups;
  const plane = g.outH * g.outW;
  const gx = want.input ? new Float64Array(x.length) : null;
  const gw = want.weight ? new Float64Array(w.length) : null;
  const gb = want.bias ? new Float64Array(g.outChannels) : null;
  for (let n = 0; n < g.batch; n++) {
    for (let o = 0; o < g.outChannels; o++) {
      const group = Math.floor(o / og);
      const gyBase = (n * g.outChannels + o) * plane;
      if (gb) {
        let s = 0;
        for (let p = 0; p < plane; p++) s = round(s + (gy[gyBase + p] ?? 0));
        gb[o] = round((gb[o] ?? 0) + s);
      }
      for (let c = 0; c < cg; c++) {
        const xBase = (n * g.inChannels + group * cg + c) * g.inH * g.inW;
        for (let kh = 0; kh < g.kH; kh++) {
          for (let kw = 0; kw < g.kW; kw++) {
            const wi = ((o * cg + c) * g.kH + kh) * g.kW + kw;
            const wv = w[wi] ?? 0;
            let sw = 0;
            for (let oh = 0; oh < g.outH; oh++) {
              const ih = at(oh, kh, g, 0);
              if (ih < 0 || ih >= g.inH) continue;
              for (let ow = 0; ow < g.outW; ow++) {
                const iw = at(ow, kw, g, 1);
                if (iw < 0 || iw >= g.inW) continue;
                const gv = gy[gyBase + oh * g.outW + ow] ?? 0;
                const xi = xBase + ih * g.inW + iw;
                if (gw) sw = round(sw + round(gv * (x[xi] ?? 0)));
                if (gx) gx[xi] = round((gx[xi] ?? 0) + round(gv * wv));
              }
            }
            if (gw) gw[wi] = round((gw[wi] ?? 0) + sw);
          }
        }
      }
    }
  }
  const copy = (a: Float64Array | null): Floats | null => {
    if (!a) return null;
    const out = make(a.length);
    out.set(a);
    return out;
  };
  return {input: copy(gx), weight: copy(gw), bias: copy(gb)};
}
