/**
 * `torch.addmm(input, mat1, mat2, beta=1, alpha=1)` = beta·input + alpha·(mat1 @ mat2)
 * (AddmmBackward0), and `F.linear(input, weight, bias=None)` built on it as PyTorch 1.13 builds
 * it: a 2-D input with a bias is one addmm of `weight.t()`; a contiguous 3-D input with a bias is
 * an addmm of its 2-D view, viewed back; anything else is `matmul(input, weight.t())` (+ bias).
 *
 * The forward rounds as the reference BLAS that PyTorch's CPU build calls, given the operands
 * as addmm_impl_cpu_ lays them out (gemmForm): when gemm's A is transposed (mat2 column-major,
 * as `weight.t()` is; or a row-major mat1 for a one-column result) each entry sums the k
 * products from zero and then adds beta·input; otherwise it starts from beta·input and adds
 * each product in turn.
 */
import {refuseHalf} from '../dtype.js';
import type {Scalar} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {noGrad} from '../gradmode.js';
import {gemmAdd} from '../kernels/matmul.js';
import type {GemmForm} from '../kernels/matmul.js';
import {gather, isDense} from '../kernels/strided.js';
import type {Layout} from '../kernels/strided.js';
import {checkSize} from '../limits.js';
import {save} from '../node.js';
import {declareNode, declareOp} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {muteObserver} from '../report.js';
import {Tensor} from '../tensor.js';
import {mul} from './arith.js';
import {binary_} from './inplace.js';
import {checkSameDtype, matmul, mm} from './linalg.js';
import * as views from './views.js';
import {grad0, scalarArg} from './util.js';

/** `AddmmBackward0`: ∂/∂input = beta, ∂/∂mat1 = grad @ mat2ᵀ·alpha, ∂/∂mat2 = mat1ᵀ @ grad·alpha. */
const ADDMM = declareNode('AddmmBackward0', true, [
  {arg: 'beta', default: 1},
  {matmul: 'right', factor: {transpose: {operand: 2}}},
  {matmul: 'left', factor: {transpose: {operand: 1}}},
]);

/** A read-only operand's elements in row-major order: its own storage when that is them already. */
function operand(t: Layout, n: number, dtype: Tensor['dtype']): Tensor['data'] {
  return isDense(t) && t.offset === 0 && t.data.length === n ? t.data : gather(t, dtype);
}

function isColumnMajor(m: Tensor): boolean {
  return m.strides[0] === 1 && (m.strides[1] ?? 0) >= Math.max(1, m.shape[0] ?? 0);
}

/**
 * How addmm_impl_cpu_ hands the product to gemm. The (contiguous) result is column-major only
 * when it is one column; otherwise gemm computes its transpose, mat2ᵀ·mat1ᵀ (`transposeC`).
 * gemm's A (mat1, or mat2ᵀ) is passed transposed (`dot`: each entry a sum from zero) unless its
 * strides make it column-major as it is; one that is neither is copied contiguous.
 */
function gemmForm(mat1: Tensor, mat2: Tensor): GemmForm {
  const [n = 0, k = 0] = mat1.shape;
  const m = mat2.shape[1] ?? 0;
  const transposeC = m !== 1;
  const [a, rows] = transposeC ? [mat2, m] : [mat1, n];
  const s0 = (transposeC ? a.strides[1] : a.strides[0]) ?? 0;
  const s1 = (transposeC ? a.strides[0] : a.strides[1]) ?? 0;
  let dot: boolean;
  if (s0 === 1 && s1 >= Math.max(1, rows)) dot = false;
  else if (s1 === 1 && s0 >= Math.max(1, k)) dot = true;
  else dot = !transposeC;
  return {dot, transposeC};
}

/** `torch.addmm(input, mat1, mat2, beta=1, alpha=1)`: AddmmBackward0. */
export function addmm(
  input: Tensor,
  mat1: Tensor,
  mat2: Tensor,
  beta: Scalar = 1n,
  alpha: Scalar = 1n,
): Tensor {
  refuseHalf(mat1.dtype, 'addmm_impl_cpu_');
  if (mat1.shape.length !== 2) {
    throw runtimeError(`mat1 must be a matrix, got ${mat1.shape.length}-D tensor`);
  }
  if (mat2.shape.length !== 2) {
    throw runtimeError(`mat2 must be a matrix, got ${mat2.shape.length}-D tensor`);
  }
  const [n = 0, k = 0] = mat1.shape;
  const [k2 = 0, m = 0] = mat2.shape;
  if (k !== k2) {
    throw runtimeError(`mat1 and mat2 shapes cannot be multiplied (${n}x${k} and ${k2}x${m})`);
  }
  checkSameDtype(mat1, mat2);
  checkSameDtype(input, mat1);
  // The kernel's own broadcast of `input`: no op of the graph (PyTorch's addmm has none).
  const expanded = muteObserver(() => noGrad(() => views.expand(input, [[n, m]])));
  checkSize([n, m], n * m);
  const dtype = mat1.dtype;
  const c = gather(expanded, dtype);
  const form = gemmForm(mat1, mat2);
  // The dot form reads mat2 by columns: gathered as mat2ᵀ (a Linear's weight as it is stored),
  // both operands stream along k.
  const b = form.dot
    ? operand(
        {
          data: mat2.data,
          shape: [m, k],
          strides: [mat2.strides[1] ?? 0, mat2.strides[0] ?? 0],
          offset: mat2.offset,
        },
        m * k,
        dtype,
      )
    : operand(mat2, k * m, dtype);
  const a = operand(mat1, n * k, dtype);
  gemmAdd(c, a, b, form.dot, {n, k, m}, Number(beta), Number(alpha), form);
  const out = new Tensor(c, [n, m], dtype);
  if (needsGrad(input, mat1) || needsGrad(mat2)) {
    const keep1 = mat2.requiresGrad;
    const keep2 = mat1.requiresGrad;
    attach(
      ADDMM,
      [input, mat1, mat2],
      [out],
      (grads, saved, node) => {
        const g = grad0(grads);
        let i = 0;
        const s1 = keep1 ? saved[i++] : undefined;
        const s2 = keep2 ? saved[i] : undefined;
        const scale = (t: Tensor, by: Scalar) => (Number(by) === 1 ? t : mul(t, by));
        // PyTorch's mm_mat1_backward / mm_mat2_backward, then times alpha.
        const g1 =
          node.needsInputGrad(1) && s2
            ? scale(isColumnMajor(mat1) ? views.t(mm(s2, views.t(g))) : mm(g, views.t(s2)), alpha)
            : null;
        const g2 =
          node.needsInputGrad(2) && s1
            ? scale(isColumnMajor(mat2) ? views.t(mm(views.t(g), s1)) : mm(views.t(s1), g), alpha)
            : null;
        return [node.needsInputGrad(0) ? scale(g, beta) : null, g1, g2];
      },
      () => [...(keep1 ? [save(mat1)] : []), ...(keep2 ? [save(mat2)] : [])],
    );
  }
  reportOp('addmm', [input, mat1, mat2], {beta: scalarArg(beta), alpha: scalarArg(alpha)}, [out]);
  return out;
}

/** `F.linear(input, weight, bias=None)` = input @ weightᵀ + bias, as PyTorch 1.13 computes it. */
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  refuseHalf(input.dtype, 'addmm_impl_cpu_');
  if (input.shape.length === 2 && bias !== null) return addmm(bias, input, views.t(weight));
  if (bias !== null && input.shape.length === 3 && input.isContiguous()) {
    const [b = 0, s = 0, f = 0] = input.shape;
    const wt = views.t(weight);
    const out = addmm(bias, views.view(input, [[b * s, f]]), wt);
    return views.view(out, [[b, s, out.shape[1] ?? 0]]);
  }
  const out = matmul(input, views.t(weight));
  // PyTorch adds the bias in place (`output.add_(bias)`): AddBackward0, and a version bump.
  if (bias !== null) binary_(out, 'add_', bias);
  return out;
}

declare module '../tensor.js' {
  interface Tensor {
    /** `addmm(mat1, mat2, beta=1, alpha=1)`: beta·self + alpha·(mat1 @ mat2). */
    addmm(mat1: Tensor, mat2: Tensor, options?: {beta?: Scalar; alpha?: Scalar}): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.addmm(input, mat1, mat2, beta=1, alpha=1)`. */
    addmm(
      input: Tensor,
      mat1: Tensor,
      mat2: Tensor,
      options?: {beta?: Scalar; alpha?: Scalar},
    ): Tensor;
  }
  interface FunctionalFunctions {
    /** `F.linear(input, weight, bias=None)`. */
    linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor;
  }
}

type AddmmOptions = {beta?: Scalar; alpha?: Scalar};

/** addmm and F.linear. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'addmm',
    nodes: [ADDMM],
    methods: {
      addmm(this: Tensor, mat1: Tensor, mat2: Tensor, options: AddmmOptions = {}) {
        return addmm(this, mat1, mat2, options.beta, options.alpha);
      },
    },
    functions: {
      addmm: (input: Tensor, mat1: Tensor, mat2: Tensor, options: AddmmOptions = {}) =>
        addmm(input, mat1, mat2, options.beta, options.alpha),
    },
    functional: {
      linear: (input: Tensor, weight: Tensor, bias: Tensor | null = null) =>
        linear(input, weight, bias),
    },
    python: {
      addmm: {
        method: 'addmm(Tensor mat1, Tensor mat2, *, Number beta=1, Number alpha=1)',
        function: true,
        call: (t, a) =>
          addmm(
            t,
            a.get('mat1') as Tensor,
            a.get('mat2') as Tensor,
            a.get('beta') as Scalar,
            a.get('alpha') as Scalar,
          ),
      },
    },
    pythonFunctional: {
      linear: {
        signature: 'linear(Tensor input, Tensor weight, Tensor? bias=None)',
        style: 'native',
        call: (a) =>
          linear(
            a.get('input') as Tensor,
            a.get('weight') as Tensor,
            a.get('bias') as Tensor | null,
          ),
      },
    },
  }),
];
