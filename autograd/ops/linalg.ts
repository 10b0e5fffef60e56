/**
 * Linear algebra: mm, mv, dot and matmul (which dispatches to them as PyTorch does for 1-D and
 * 2-D operands). ∂(A·B)/∂A = grad·Bᵀ, ∂(A·B)/∂B = Aᵀ·grad.
 */
import {allocate, refuseHalf, scalarTypeName} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {gemm} from '../kernels/matmul.js';
import {gather, isDense} from '../kernels/strided.js';
import {checkSize} from '../limits.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp} from '../op.js';
import type {LocalGrad, OpDeclaration} from '../op.js';
import {Tensor} from '../tensor.js';
import {broadcastShapes} from '../shape.js';
import * as arith from './arith.js';
import * as views from './views.js';
import {grad0} from './util.js';

/** PyTorch's dtype check of a matrix product's operands. */
export function checkSameDtype(a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) {
    throw runtimeError(
      `expected scalar type ${scalarTypeName(a.dtype)} but found ${scalarTypeName(b.dtype)}`,
    );
  }
}

function dense(t: Tensor): Tensor['data'] {
  return isDense(t) && t.offset === 0 && t.data.length === t.numel() ? t.data : gather(t, t.dtype);
}

/** Unrecorded product of [n×k] and [k×m] tensors. */
function product(a: Tensor, b: Tensor, shape: number[]): Tensor {
  const n = a.shape.length === 2 ? (a.shape[0] ?? 1) : 1;
  const k = a.shape[a.shape.length - 1] ?? 1;
  const m = b.shape.length === 2 ? (b.shape[1] ?? 1) : 1;
  checkSize(shape, n * m);
  const out = allocate(a.dtype, n * m);
  gemm(dense(a), dense(b), out, n, k, m);
  return new Tensor(out, shape, a.dtype);
}

/** Whether a matrix is stored column-major (a transposed contiguous matrix). */
function columnMajor(m: Tensor): boolean {
  return m.strides[0] === 1 && m.strides[1] === m.shape[0];
}

const matrix: readonly LocalGrad[] = [
  {matmul: 'right', factor: {transpose: {operand: 1}}},
  {matmul: 'left', factor: {transpose: {operand: 0}}},
];
const MM = declareNode('MmBackward0', true, matrix);
const MV = declareNode('MvBackward0', false, matrix);
const DOT = declareNode('DotBackward0', false, matrix);
const BMM = declareNode('BmmBackward0', false, matrix);

/** `torch.mm(input, mat2)`: MmBackward0. */
export function mm(a: Tensor, b: Tensor): Tensor {
  refuseHalf(a.dtype, 'addmm_impl_cpu_');
  if (a.shape.length !== 2) throw runtimeError('self must be a matrix');
  if (b.shape.length !== 2) throw runtimeError('mat2 must be a matrix');
  if (a.shape[1] !== b.shape[0]) {
    throw runtimeError(
      `mat1 and mat2 shapes cannot be multiplied (${a.shape.join('x')} and ${b.shape.join('x')})`,
    );
  }
  checkSameDtype(a, b);
  const out = product(a, b, [a.shape[0] ?? 0, b.shape[1] ?? 0]);
  if (needsGrad(a, b)) {
    const keepB = a.requiresGrad;
    const keepA = b.requiresGrad;
    attach(
      MM,
      [a, b],
      [out],
      (grads, saved, node) => {
        const g = grad0(grads);
        let i = 0;
        const sa = keepA ? saved[i++] : undefined;
        const sb = keepB ? saved[i] : undefined;
        // PyTorch's mm_mat1_backward / mm_mat2_backward: a column-major operand gets its
        // gradient computed transposed, so the gradient has the operand's layout.
        return [
          node.needsInputGrad(0) && sb
            ? columnMajor(a)
              ? views.t(mm(sb, views.t(g)))
              : mm(g, views.t(sb))
            : null,
          node.needsInputGrad(1) && sa
            ? columnMajor(b)
              ? views.t(mm(views.t(g), sa))
              : mm(views.t(sa), g)
            : null,
        ];
      },
      () => [...(keepA ? [save(a)] : []), ...(keepB ? [save(b)] : [])],
    );
  }
  reportOp('mm', [a, b], {}, [out]);
  return out;
}

/** `torch.mv(input, vec)`: MvBackward0; ∂/∂input = grad ⊗ vec, ∂/∂vec = inputᵀ·grad. */
export function mv(a: Tensor, v: Tensor): Tensor {
  refuseHalf(a.dtype, 'addmv_impl_cpu');
  if (a.shape.length !== 2 || v.shape.length !== 1) {
    throw runtimeError(
      `vector + matrix @ vector expected, got 1, ${a.shape.length}, ${v.shape.length}`,
    );
  }
  if (a.shape[1] !== v.shape[0]) {
    throw runtimeError(`size mismatch, got ${a.shape[0]}, ${a.shape.join('x')},${v.shape[0]}`);
  }
  checkSameDtype(a, v);
  const out = product(a, v, [a.shape[0] ?? 0]);
  if (needsGrad(a, v)) {
    const keepV = a.requiresGrad;
    const keepA = v.requiresGrad;
    attach(
      MV,
      [a, v],
      [out],
      (grads, saved, node) => {
        const g = grad0(grads);
        let i = 0;
        const sa = keepA ? saved[i++] : undefined;
        const sv = keepV ? saved[i] : undefined;
        return [
          node.needsInputGrad(0) && sv
            ? arith.mul(views.unsqueeze(g, 1), views.unsqueeze(sv, 0))
            : null,
          node.needsInputGrad(1) && sa ? mv(views.t(sa), g) : null,
        ];
      },
      () => [...(keepA ? [save(a)] : []), ...(keepV ? [save(v)] : [])],
    );
  }
  reportOp('mv', [a, v], {}, [out]);
  return out;
}

/** `torch.dot(input, other)`: DotBackward0; ∂/∂input = grad·other, ∂/∂other = grad·input. */
export function dot(a: Tensor, b: Tensor): Tensor {
  refuseHalf(a.dtype, 'dot');
  if (a.shape.length !== 1 || b.shape.length !== 1) {
    throw runtimeError(
      `1D tensors expected, but got ${a.shape.length}D and ${b.shape.length}D tensors`,
    );
  }
  if (a.shape[0] !== b.shape[0]) {
    throw runtimeError(
      `inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`,
    );
  }
  checkSameDtype(a, b);
  const out = product(views.unsqueezeRaw(a), b, []);
  if (needsGrad(a, b)) {
    const keepB = a.requiresGrad;
    const keepA = b.requiresGrad;
    attach(
      DOT,
      [a, b],
      [out],
      (grads, saved, node) => {
        const g = grad0(grads);
        let i = 0;
        const sa = keepA ? saved[i++] : undefined;
        const sb = keepB ? saved[i] : undefined;
        return [
          node.needsInputGrad(0) && sb ? arith.mul(sb, g) : null,
          node.needsInputGrad(1) && sa ? arith.mul(sa, g) : null,
        ];
      },
      () => [...(keepA ? [save(a)] : []), ...(keepB ? [save(b)] : [])],
    );
  }
  reportOp('dot', [a, b], {}, [out]);
  return out;
}

/** `torch.matmul(input, other)` / `@` for 1-D and 2-D operands, dispatching as PyTorch does. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  // The kernel PyTorch's matmul reaches for these dims names itself in the float16 error.
  refuseHalf(
    a.dtype,
    a.dim() === 1 && b.dim() === 1
      ? 'dot'
      : b.dim() === 1 && a.dim() === 2
        ? 'addmv_impl_cpu'
        : a.dim() > 2 && b.dim() > 2
          ? 'bmm'
          : 'addmm_impl_cpu_',
  );
  const da = a.shape.length;
  const db = b.shape.length;
  if (da === 0 || db === 0) {
    throw runtimeError(
      `both arguments to matmul need to be at least 1D, but they are ${da}D and ${db}D`,
    );
  }
  if (da === 1 && db === 1) return dot(a, b);
  if (da === 2 && db === 1) return mv(a, b);
  if (da === 1 && db === 2) {
    return views.squeezeForMatmul(mm(views.unsqueeze(a, 0), b), 0);
  }
  if (da === 2 && db === 2) return mm(a, b);
  const k = a.shape[da - 1] ?? 0;
  if (db <= 2) {
    // Fold a's batch dims into its rows: one mm (or mv) on a [-1, k] view.
    const folded = views.reshape(a, [[-1, k]]);
    const out = db === 1 ? mv(folded, b) : mm(folded, b);
    return views.unsafeView(out, [...a.shape.slice(0, -1), ...(db === 2 ? [b.shape[1] ?? 0] : [])]);
  }
  if (da <= 2) {
    // PyTorch computes (bᵀ·aᵀ)ᵀ, folding b's batch dims, then makes the result contiguous.
    const bt = views.transpose(b, -1, -2);
    const m = b.shape[db - 1] ?? 0;
    const rows = views.reshape(bt, [[-1, b.shape[db - 2] ?? 0]]);
    if (da === 1) return views.unsafeView(mv(rows, a), b.shape.slice(0, -2).concat([m]));
    const out = views.unsafeView(mm(rows, views.t(a)), [
      ...b.shape.slice(0, -2),
      m,
      a.shape[0] ?? 0,
    ]);
    return views.contiguous(views.transpose(out, -1, -2));
  }
  // Both batched: broadcast the batch dims, flatten them, one bmm.
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const n = a.shape[da - 2] ?? 0;
  const m = b.shape[db - 1] ?? 0;
  const kb = b.shape[db - 2] ?? 0;
  const size = batch.reduce((x, y) => x * y, 1);
  const a3 = views.reshape(views.expand(a, [[...batch, n, k]]), [[size, n, k]]);
  const b3 = views.reshape(views.expand(b, [[...batch, kb, m]]), [[size, kb, m]]);
  return views.unsafeView(bmm(a3, b3), [...batch, n, m]);
}

/**
 * PyTorch's bmm kernel for small products (k·n·m < 400): each output element summed over k in
 * order, in the dtype's own arithmetic (float32 rounds at every step), not through BLAS.
 */
function smallBatchProduct(
  a: Tensor['data'],
  b: Tensor['data'],
  out: Tensor['data'],
  [bs, n, k, m]: readonly [number, number, number, number],
): void {
  const f32 = out instanceof Float32Array;
  for (let bi = 0; bi < bs; bi++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        let acc = 0;
        for (let kk = 0; kk < k; kk++) {
          const p = (a[bi * n * k + i * k + kk] ?? 0) * (b[bi * k * m + kk * m + j] ?? 0);
          acc = f32 ? Math.fround(acc + Math.fround(p)) : acc + p;
        }
        out[bi * n * m + i * m + j] = acc;
      }
    }
  }
}

/** `torch.outer(input, vec2)` (and `ger`): PyTorch's `input.reshape(-1, 1) * vec2`. */
export function outer(a: Tensor, b: Tensor): Tensor {
  return arith.mul(views.reshape(a, [[-1, 1]]), b);
}

/** `torch.bmm(input, mat2)`: a batch of matrix products; BmmBackward0. */
export function bmm(a: Tensor, b: Tensor): Tensor {
  refuseHalf(a.dtype, 'bmm');
  if (a.shape.length !== 3) throw runtimeError('batch1 must be a 3D tensor');
  if (b.shape.length !== 3) throw runtimeError('batch2 must be a 3D tensor');
  const [bs = 0, n = 0, k = 0] = a.shape;
  const [bs2 = 0, k2 = 0, m = 0] = b.shape;
  if (bs2 !== bs || k2 !== k) {
    throw runtimeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${bs}, ${k}] but got: [${bs2}, ${k2}].`,
    );
  }
  checkSameDtype(a, b);
  checkSize([bs, n, m], bs * n * m);
  const ad = dense(a);
  const bd = dense(b);
  const out = allocate(a.dtype, bs * n * m);
  if (k * n * m < 400) {
    smallBatchProduct(ad, bd, out, [bs, n, k, m]);
  }
  for (let i = 0; i < bs && k * n * m >= 400; i++) {
    const c = allocate(a.dtype, n * m);
    gemm(
      ad.subarray(i * n * k, (i + 1) * n * k),
      bd.subarray(i * k * m, (i + 1) * k * m),
      c,
      n,
      k,
      m,
    );
    out.set(c, i * n * m);
  }
  const res = new Tensor(out, [bs, n, m], a.dtype);
  if (needsGrad(a, b)) {
    const keepB = a.requiresGrad;
    const keepA = b.requiresGrad;
    attach(
      BMM,
      [a, b],
      [res],
      (grads, saved, node) => {
        const g = grad0(grads);
        let i = 0;
        const sa = keepA ? saved[i++] : undefined;
        const sb = keepB ? saved[i] : undefined;
        return [
          node.needsInputGrad(0) && sb ? bmm(g, views.transpose(sb, 1, 2)) : null,
          node.needsInputGrad(1) && sa ? bmm(views.transpose(sa, 1, 2), g) : null,
        ];
      },
      () => [...(keepA ? [save(a)] : []), ...(keepB ? [save(b)] : [])],
    );
  }
  reportOp('bmm', [a, b], {}, [res]);
  return res;
}

declare module '../tensor.js' {
  interface Tensor {
    /** `matmul(other)` / `@`. */
    matmul(other: Tensor): Tensor;
    /** `mm(mat2)`. */
    mm(other: Tensor): Tensor;
    /** `mv(vec)`. */
    mv(other: Tensor): Tensor;
    /** `bmm(mat2)`: batched matrix product of [b, n, k] and [b, k, m]. */
    bmm(other: Tensor): Tensor;
    /** `dot(other)`. */
    dot(other: Tensor): Tensor;
    /** `outer(vec2)`. */
    outer(other: Tensor): Tensor;
    /** `ger(vec2)`: outer. */
    ger(other: Tensor): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.matmul(input, other)`. */
    matmul(x: Tensor, other: Tensor): Tensor;
    /** `torch.mm(input, mat2)`. */
    mm(x: Tensor, other: Tensor): Tensor;
    /** `torch.mv(input, vec)`. */
    mv(x: Tensor, other: Tensor): Tensor;
    /** `torch.bmm(input, mat2)`. */
    bmm(x: Tensor, other: Tensor): Tensor;
    /** `torch.dot(input, other)`. */
    dot(x: Tensor, other: Tensor): Tensor;
    /** `torch.outer(input, vec2)`. */
    outer(x: Tensor, other: Tensor): Tensor;
    /** `torch.ger(input, vec2)`. */
    ger(x: Tensor, other: Tensor): Tensor;
  }
}

/** A product of two tensors: `x.name(other)`, `torch.name(x, other)`, Python `name(Tensor param)`. */
function product2(
  name: string,
  param: string | null,
  run: (a: Tensor, b: Tensor) => Tensor,
  nodes: OpDeclaration['nodes'],
): OpDeclaration {
  return declareOp({
    name,
    ...(nodes ? {nodes} : {}),
    methods: {
      [name](this: Tensor, other: Tensor) {
        return run(this, other);
      },
    },
    functions: {[name]: run},
    ...(param === null
      ? {}
      : {
          python: {
            [name]: {
              method: `${name}(Tensor ${param})`,
              function: true as const,
              ...(name === 'outer' || name === 'ger' ? {} : {out: 'matmul' as const}),
              call: (t: Tensor, a: ReadonlyMap<string, unknown>) => run(t, a.get(param) as Tensor),
            },
          },
        }),
  });
}

/** matmul, mm, mv, bmm, dot. */
export const declarations: readonly OpDeclaration[] = [
  {
    ...product2('matmul', 'other', matmul, [MM, MV, DOT, BMM]),
    operators: {'@': {binary: (t, o) => matmul(t, o as Tensor), tensorOnly: true}},
  },
  product2('mm', 'mat2', mm, [MM]),
  product2('mv', 'vec', mv, [MV]),
  product2('bmm', 'mat2', bmm, [BMM]),
  product2('outer', 'vec2', outer, []),
  product2('ger', 'vec2', outer, []),
  product2('dot', 'tensor', dot, [DOT]),
];
