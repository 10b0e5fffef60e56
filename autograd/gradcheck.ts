/**
 * `torch.autograd.gradcheck` in its default (slow) mode, as PyTorch 1.13's gradcheck.py does it:
 * the numerical Jacobian by central differences (each input element moved by ±eps in place, the
 * function run twice), the analytical Jacobian row by row with `autograd.grad` (twice, to check
 * reentrancy), compared with `allclose(analytical, numerical, rtol, atol)`; then backward must be
 * multiplied by grad_output, and zero (undefined) output gradients must give zero input
 * gradients. The host supplies the function (a script's) and turns failures into GradcheckError.
 */
import {promoteTypes} from './dtype.js';
import {grad} from './engine.js';
import {storageWillChange} from './report.js';
import {Tensor} from './tensor.js';

/** gradcheck's tolerances. */
export interface GradcheckOptions {
  readonly eps: number;
  readonly atol: number;
  readonly rtol: number;
  readonly nondetTol: number;
  readonly checkUndefinedGrad: boolean;
}

/** A gradcheck failure, with PyTorch's message (the host raises it as GradcheckError). */
export class GradcheckFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GradcheckFailure';
  }
}

/** The function checked: all outputs as a list (tensors, or other values it returned). */
export type CheckedFunction = (inputs: readonly unknown[]) => readonly unknown[];

function isDifferentiable(x: unknown): x is Tensor {
  return x instanceof Tensor && x.requiresGrad;
}

/** Storage index of the flat (row-major) element `k` of `t`. */
function storageIndex(t: Tensor, k: number): number {
  let rest = k;
  let at = t.offset;
  for (let d = t.shape.length - 1; d >= 0; d--) {
    const size = t.shape[d] ?? 1;
    at += (rest % size) * (t.strides[d] ?? 0);
    rest = Math.floor(rest / size);
  }
  return at;
}

/** The elements of `t` in row-major order, as doubles. */
function valuesOf(t: Tensor): number[] {
  const out: number[] = [];
  for (let k = 0; k < t.numel(); k++) out.push(Number(t.data[storageIndex(t, k)]));
  return out;
}

/** A value rounded to a dtype's precision (float32 arithmetic is rounded at each step). */
function rounded(v: number, dtype: Tensor['dtype']): number {
  return dtype === 'float32' ? Math.fround(v) : v;
}

/** A matrix `rows × cols` of `dtype`, as a Tensor (PyTorch prints it in the message). */
function matrix(values: Float64Array, rows: number, cols: number, dtype: Tensor['dtype']): Tensor {
  const data = dtype === 'float32' ? Float32Array.from(values) : values;
  return new Tensor(data, [rows, cols], dtype);
}

/** The numerical Jacobian of every output with respect to input `x`: (x.numel() × out.numel()). */
function numericalJacobian(
  fn: CheckedFunction,
  inputs: readonly unknown[],
  x: Tensor,
  outputs: readonly Tensor[],
  eps: number,
): Tensor[] {
  const n = x.numel();
  const cols = outputs.map((o) => new Float64Array(n * o.numel()));
  const run = () => fn(inputs).map((o) => (o instanceof Tensor ? valuesOf(o) : null));
  for (let k = 0; k < n; k++) {
    const at = storageIndex(x, k);
    const orig = Number(x.data[at]);
    const v = rounded(eps, x.dtype);
    // Like gradcheck's `entry.copy_()` through `.data`: the recorder keeps what it copied.
    storageWillChange(x);
    x.data[at] = rounded(orig - v, x.dtype);
    const outA = run();
    storageWillChange(x);
    x.data[at] = rounded(orig + v, x.dtype);
    const outB = run();
    storageWillChange(x);
    x.data[at] = orig;
    outputs.forEach((o, i) => {
      const a = outA[i] ?? [];
      const b = outB[i] ?? [];
      const m = o.numel();
      const twoEps = rounded(2 * eps, o.dtype);
      for (let j = 0; j < m; j++) {
        const diff = rounded((b[j] ?? 0) - (a[j] ?? 0), o.dtype);
        (cols[i] as Float64Array)[k * m + j] = rounded(diff / twoEps, o.dtype);
      }
    });
  }
  return outputs.map((o, i) => matrix(cols[i] as Float64Array, n, o.numel(), o.dtype));
}

/** Zeros shaped like `t` (a grad_output). */
function zerosLike(t: Tensor): Tensor {
  const Ctor = t.dtype === 'float32' ? Float32Array : Float64Array;
  return new Tensor(new Ctor(t.numel()), [...t.shape], t.dtype);
}

/** The analytical Jacobians of `output` for each differentiable input (x.numel() × out.numel()). */
function analyticalJacobian(
  output: Tensor,
  diffInputs: readonly Tensor[],
): {jacobians: Tensor[]; sizesOk: boolean} {
  const m = output.numel();
  const mats = diffInputs.map((x) => new Float64Array(x.numel() * m));
  let sizesOk = true;
  for (let j = 0; j < m; j++) {
    const seed = zerosLike(output);
    seed.data[j] = 1;
    const grads = grad([output], [...diffInputs], {
      gradOutputs: [seed],
      retainGraph: true,
      allowUnused: true,
    });
    grads.forEach((g, i) => {
      const x = diffInputs[i] as Tensor;
      if (g === null) return;
      if (g.shape.join() !== x.shape.join()) {
        sizesOk = false;
        return;
      }
      valuesOf(g).forEach((v, k) => {
        (mats[i] as Float64Array)[k * m + j] = v;
      });
    });
  }
  return {
    jacobians: diffInputs.map((x, i) => matrix(mats[i] as Float64Array, x.numel(), m, x.dtype)),
    sizesOk,
  };
}

/** `allclose` after type promotion: |a − n| ≤ atol + rtol·|n| everywhere. */
function allclose(a: Tensor, n: Tensor, rtol: number, atol: number): boolean {
  const dtype = promoteTypes(a.dtype, n.dtype);
  const av = valuesOf(a).map((v) => rounded(v, dtype));
  const nv = valuesOf(n).map((v) => rounded(v, dtype));
  return av.every((x, i) => {
    const y = nv[i] ?? 0;
    if (x === y) return true;
    return Math.abs(x - y) <= atol + rtol * Math.abs(y);
  });
}

/**
 * Runs gradcheck; returns normally when the gradients agree, throws GradcheckFailure (PyTorch's
 * message) when not. `format` prints a tensor as PyTorch's `str()` does, for the message.
 */
export function gradcheck(
  fn: CheckedFunction,
  inputs: readonly unknown[],
  options: GradcheckOptions,
  format: (t: Tensor) => string,
): void {
  const funcOut = fn(inputs);
  const outputs = funcOut.filter(isDifferentiable);
  const diffInputs = inputs.filter(isDifferentiable);
  if (outputs.length === 0) {
    checkNoDifferentiableOutputs(fn, inputs, funcOut, options.eps);
    return;
  }
  const tensorsOut = funcOut.filter((o): o is Tensor => o instanceof Tensor);
  // numerical[input][output], for the outputs that require grad.
  const numerical = diffInputs.map((x) =>
    numericalJacobian(fn, inputs, x, tensorsOut, options.eps).filter(
      (_, i) => (tensorsOut[i] as Tensor).requiresGrad,
    ),
  );
  outputs.forEach((o, i) => {
    const first = analyticalJacobian(o, diffInputs);
    const second = analyticalJacobian(o, diffInputs);
    if (!first.sizesOk) throw new GradcheckFailure('Analytical gradient has incorrect size');
    first.jacobians.forEach((a, j) => {
      const b = second.jacobians[j] as Tensor;
      const va = valuesOf(a);
      const vb = valuesOf(b);
      if (va.some((x, k) => Math.abs(x - (vb[k] ?? 0)) > options.nondetTol)) {
        throw new GradcheckFailure(
          'Backward is not reentrant, i.e., running backward with same input and grad_output ' +
            'multiple times gives different values, although analytical gradient matches ' +
            `numerical gradient.The tolerance for nondeterminism was ${pyFloat(options.nondetTol)}.` +
            NONDET_HINT,
        );
      }
    });
    first.jacobians.forEach((a, j) => {
      const n = numerical[j]?.[i];
      if (n && !allclose(a, n, options.rtol, options.atol)) {
        throw new GradcheckFailure(
          `Jacobian mismatch for output ${i} with respect to input ${j},\n` +
            `numerical:${format(n)}\nanalytical:${format(a)}\n`,
        );
      }
    });
  });
  checkMultipliedByGradOutput(outputs, diffInputs);
  if (options.checkUndefinedGrad) checkUndefinedGrad(fn, inputs, diffInputs);
}

function pyFloat(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

const NONDET_HINT =
  '\n\nNOTE: If your op relies on non-deterministic operations i.e., it is listed here:\n' +
  'https://pytorch.org/docs/stable/generated/torch.use_deterministic_algorithms.html\n' +
  'this failure might be expected.\n\n' +
  'If you are adding a new operator, please file an issue and then use one of the\n' +
  'workarounds. The workaround depends on how your test invokes gradcheck/gradgradcheck.\n' +
  'If the test\n' +
  '- manually invokes gradcheck/gradgradcheck, then call gradcheck/gradgradcheck\n' +
  '  with `nondet_tol=<tol>` as a keyword argument.\n' +
  '- is OpInfo-based (e.g., in test_ops_gradients.py), then modify the OpInfo for the test\n' +
  '  to have `gradcheck_nondet_tol=<tol>`.\n' +
  '- is a Module test (e.g., in common_nn.py), then modify the corresponding\n' +
  '  module_test entry to have `gradcheck_nondet_tol=<tol>`\n';

/** With no differentiable output, the numerical Jacobian must be zero. */
function checkNoDifferentiableOutputs(
  fn: CheckedFunction,
  inputs: readonly unknown[],
  funcOut: readonly unknown[],
  eps: number,
): void {
  const tensorsOut = funcOut.filter((o): o is Tensor => o instanceof Tensor);
  for (const x of inputs.filter(isDifferentiable)) {
    const jac = numericalJacobian(fn, inputs, x, tensorsOut, eps);
    for (const j of jac) {
      if (valuesOf(j).some((v) => v !== 0)) {
        throw new GradcheckFailure('Numerical gradient for function expected to be zero');
      }
    }
  }
}

/** `_test_backward_mul_by_grad_output`: zero grad_outputs give zero input gradients. */
function checkMultipliedByGradOutput(
  outputs: readonly Tensor[],
  diffInputs: readonly Tensor[],
): void {
  const grads = grad([...outputs], [...diffInputs], {
    gradOutputs: outputs.map(zerosLike),
    allowUnused: true,
  });
  grads.forEach((g, i) => {
    if (g === null) return;
    const x = diffInputs[i] as Tensor;
    if (valuesOf(g).some((v) => v !== 0)) {
      throw new GradcheckFailure('backward not multiplied by grad_output');
    }
    if (g.dtype !== x.dtype) throw new GradcheckFailure('grad is incorrect type');
    if (g.shape.join() !== x.shape.join()) throw new GradcheckFailure('grad is incorrect size');
  });
}

/** `_test_undefined_backward_mode`: the function run again, its outputs' gradients all zero. */
function checkUndefinedGrad(
  fn: CheckedFunction,
  inputs: readonly unknown[],
  diffInputs: readonly Tensor[],
): void {
  const outputs = fn(inputs).filter(isDifferentiable);
  const grads = grad([...outputs], [...diffInputs], {
    gradOutputs: outputs.map(zerosLike),
    allowUnused: true,
  });
  if (grads.some((g) => g !== null && valuesOf(g).some((v) => v !== 0))) {
    throw new GradcheckFailure(
      'Expected all input grads to be undefined or zero when all output grads are undefined or zero. Please look at "Notes about undefined output gradients" in "tools/autograd/derivatives.yaml"',
    );
  }
}
