/**
 * Scans along a dimension: `cumsum` (CumsumBackward0) and `cumprod` (CumprodBackward0). PyTorch's
 * CPU kernel keeps the running value in the accumulate type (double for float32) and rounds each
 * output; backward is the reversed cumulative sum of the gradient (for cumprod, of grad·output,
 * divided by the input), computed the same way.
 */
import type {DType} from '../dtype.js';
import {allocate, isFloating, refuseHalf} from '../dtype.js';
import {gather} from '../kernels/strided.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {save} from '../node.js';
import {declareNode, declareOp} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {numelOf, wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import * as arith from './arith.js';
import {grad0} from './util.js';

const CUMSUM = declareNode('CumsumBackward0', false);
const CUMPROD = declareNode('CumprodBackward0', false);

type Scan = 'sum' | 'prod';

/** The running sum or product of contiguous `data` of `shape` along `dim`, optionally reversed. */
function scanData(
  data: ArrayLike<number>,
  shape: readonly number[],
  dim: number,
  dtype: DType,
  kind: Scan,
  reverse = false,
): Tensor['data'] {
  const out = allocate(dtype, data.length);
  const n = shape[dim] ?? 1;
  const inner = numelOf(shape.slice(dim + 1));
  const outer = numelOf(shape.slice(0, dim));
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc = kind === 'sum' ? 0 : 1;
      for (let k = 0; k < n; k++) {
        const at = o * n * inner + (reverse ? n - 1 - k : k) * inner + i;
        const v = data[at] ?? 0;
        acc = kind === 'sum' ? acc + v : acc * v;
        out[at] = acc;
      }
    }
  }
  return out;
}

function scanned(x: Tensor, dim: number, dtype: DType, kind: Scan, reverse = false): Tensor {
  const shape = [...x.shape];
  if (shape.length === 0) return new Tensor(gather(x, dtype), [], dtype);
  return new Tensor(scanData(gather(x, dtype), shape, dim, dtype, kind, reverse), shape, dtype);
}

/** The output dtype: the one asked for, else integers and bools scan in int64. */
function scanDtype(x: Tensor, dtype: DType | null | undefined): DType {
  return dtype ?? (isFloating(x.dtype) ? x.dtype : 'int64');
}

/** `torch.cumsum(x, dim, dtype=None)`. */
export function cumsum(x: Tensor, dimArg: Int, dtype?: DType | null): Tensor {
  const dim = wrapDim(dimArg, Math.max(x.shape.length, 1));
  const outType = scanDtype(x, dtype);
  refuseHalf(outType, 'cumsum_out_cpu');
  const out = scanned(x, dim, outType, 'sum');
  if (needsGrad(x)) {
    attach(CUMSUM, [x], [out], (grads) => {
      const g = grad0(grads);
      if (g.numel() <= 1 || (g.shape[dim] ?? 1) === 1) return [g];
      return [scanned(g, dim, g.dtype, 'sum', true)];
    });
  }
  reportOp('cumsum', [x], {dim}, [out]);
  return out;
}

/** `torch.cumprod(x, dim, dtype=None)`. */
export function cumprod(x: Tensor, dimArg: Int, dtype?: DType | null): Tensor {
  const dim = wrapDim(dimArg, Math.max(x.shape.length, 1));
  const outType = scanDtype(x, dtype);
  refuseHalf(outType, 'cumprod_out_cpu');
  const out = scanned(x, dim, outType, 'prod');
  if (needsGrad(x)) {
    attach(
      CUMPROD,
      [x],
      [out],
      (grads, saved) => {
        const g = grad0(grads);
        const input = saved[0] ?? x;
        const result = saved[1] ?? out;
        if (input.numel() <= 1 || (input.shape[dim] ?? 1) === 1) return [g];
        const values = gather(input, input.dtype);
        if (!Array.prototype.some.call(values, (v: number) => v === 0)) {
          // PyTorch: reversed_cumsum(output·grad).div(input).
          const w = arith.mul(result, g);
          return [arith.div(scanned(w, dim, w.dtype, 'sum', true), input)];
        }
        return [cumprodGradWithZeros(g, input, dim)];
      },
      () => [save(x), save(out, true)],
    );
  }
  reportOp('cumprod', [x], {dim}, [out]);
  return out;
}

/**
 * cumprod's gradient where the input has zeros (dividing by it is not possible): for each k,
 * Σ_{j≥k} grad_j · Π_{i≤j, i≠k} x_i.
 */
function cumprodGradWithZeros(g: Tensor, input: Tensor, dim: number): Tensor {
  const shape = input.shape;
  const xs = gather(input, input.dtype);
  const gs = gather(g, input.dtype);
  const out = allocate(input.dtype, xs.length);
  const n = shape[dim] ?? 1;
  const inner = numelOf(shape.slice(dim + 1));
  const outer = numelOf(shape.slice(0, dim));
  const at = (o: number, k: number, i: number) => o * n * inner + k * inner + i;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      for (let k = 0; k < n; k++) {
        let total = 0;
        let prefix = 1;
        for (let j = 0; j < n; j++) {
          if (j !== k) prefix *= xs[at(o, j, i)] ?? 0;
          if (j >= k) total += (gs[at(o, j, i)] ?? 0) * prefix;
        }
        out[at(o, k, i)] = total;
      }
    }
  }
  return new Tensor(out, [...shape], input.dtype);
}

declare module '../tensor.js' {
  interface Tensor {
    /** `cumsum(dim, dtype=None)`. */
    cumsum(dim: Int, dtype?: DType | null): Tensor;
    /** `cumprod(dim, dtype=None)`. */
    cumprod(dim: Int, dtype?: DType | null): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.cumsum(input, dim, dtype=None)`. */
    cumsum(x: Tensor, dim: Int, dtype?: DType | null): Tensor;
    /** `torch.cumprod(input, dim, dtype=None)`. */
    cumprod(x: Tensor, dim: Int, dtype?: DType | null): Tensor;
  }
}

function scanDeclaration(name: 'cumsum' | 'cumprod', node: typeof CUMSUM): OpDeclaration {
  const run = name === 'cumsum' ? cumsum : cumprod;
  return declareOp({
    name,
    nodes: [node],
    methods: {
      [name](this: Tensor, dim: Int, dtype?: DType | null) {
        return run(this, dim, dtype);
      },
    },
    functions: {[name]: run},
    python: {
      [name]: {
        method: `${name}(int dim, *, dtype? dtype=None)`,
        function: true,
        call: (t, a) => run(t, a.get('dim') as Int, a.get('dtype') as DType | null),
      },
    },
  });
}

/** cumsum and cumprod. */
export const declarations: readonly OpDeclaration[] = [
  scanDeclaration('cumsum', CUMSUM),
  scanDeclaration('cumprod', CUMPROD),
];
