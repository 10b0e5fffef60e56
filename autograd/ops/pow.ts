/**
 * `torch.pow` and its reflected form `other ** input`: a Python-number exponent (PyTorch's
 * special cases x·x, x·x·x, 1/x, sqrt, … each rounding as its kernel does), a tensor exponent
 * (SLEEF's pow on blocks, glibc's on the tails, as PyTorch's float kernels), integer powers,
 * PowBackward0 and PowBackward1 with derivatives.yaml's formulas. Split from arith.ts, whose
 * mul and scalarOp the backward formulas use.
 */
import type {DType, Scalar} from '../dtype.js';
import {isFloating} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {binary} from '../kernels/elementwise.js';
import {broadcastStrides, gather} from '../kernels/strided.js';
import type {Layout} from '../kernels/strided.js';
import {broadcastShapes} from '../shape.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp, overload} from '../op.js';
import type {Formula, OpDeclaration} from '../op.js';
import {Tensor} from '../tensor.js';
import {tensor} from './factories.js';
import {powf} from '../kernels/sleef.js';
import {pow as powd} from '../kernels/sleef-double.js';
import {pow as powLibm} from '../kernels/libm.js';
import {
  fromKernel,
  grad0,
  layoutOf,
  promote,
  scalarArg,
  tensorOrNull,
  valuesAt,
  wrapScalar,
} from './util.js';

import {mul, scalarOp, sub} from './arith.js';

const exponential: Formula = {
  mul: [{fn: 'ln', of: {arg: 'self'}}, {out: {pow: [{arg: 'self'}, {operand: 0}]}}],
};

const POW0 = declareNode('PowBackward0', true, [
  {mul: [{arg: 'exponent'}, {pow: [{operand: 0}, {sub: [{arg: 'exponent'}, 1]}]}]},
]);
const POW1 = declareNode('PowBackward1', false, [exponential, exponential]);

function checkIntPow(base: Tensor | Scalar, exponent: Tensor | Scalar): void {
  const baseIsInt = base instanceof Tensor ? !isFloating(base.dtype) : typeof base !== 'number';
  const expIsInt =
    exponent instanceof Tensor ? !isFloating(exponent.dtype) : typeof exponent !== 'number';
  if (!baseIsInt || !expIsInt) return;
  const negative =
    exponent instanceof Tensor
      ? Array.from(gather(exponent, exponent.dtype)).some((v) => v < 0)
      : Number(exponent) < 0;
  if (negative && base instanceof Tensor) {
    throw runtimeError('Integers to negative integer powers are not allowed.');
  }
}

/**
 * `torch.pow(input, exponent)`. Scalar exponent (PowBackward0): ∂/∂input = grad·e·x^(e-1) (0 when
 * e = 0). Tensor exponent (PowBackward1): also ∂/∂e = grad·x^e·ln x (0 where x = 0 and e ≥ 0).
 */
export function pow(a: Tensor, exponent: Tensor | Scalar): Tensor {
  checkIntPow(a, exponent);
  const et = tensorOrNull(exponent);
  const dtype = promote(a, exponent);
  const out =
    et === null && isFloating(dtype)
      ? powScalar(a, Number(exponent), dtype)
      : et !== null && (dtype === 'float32' || dtype === 'float64')
        ? powTensors(a, et, dtype)
        : fromKernel(binary('pow', a, layoutOf(exponent, dtype), dtype), dtype);
  if (et === null) {
    const e = exponent as Scalar;
    if (needsGrad(a)) {
      attach(
        POW0,
        [a],
        [out],
        (grads, saved) => {
          const g = grad0(grads);
          const x = saved[0] ?? a;
          if (Number(e) === 0) return [mul(g, 0)];
          // derivatives.yaml's pow_backward: grad * (exponent * self.pow(exponent - 1)), the
          // exponent a C++ Scalar (mul.Scalar: MulBackward1 under create_graph).
          return [mul(g, scalarOp('mul', pow(x, Number(e) - 1), Number(e)))];
        },
        () => [save(a)],
      );
    }
    reportOp('pow', [a], {exponent: scalarArg(e)}, [out]);
    return out;
  }
  if (needsGrad(a, et)) {
    attach(
      POW1,
      [a, et],
      [out],
      (grads, saved, node) => {
        const g = grad0(grads);
        const [x, ex, result] = [saved[0] ?? a, saved[1] ?? et, saved[2] ?? out];
        return [
          node.needsInputGrad(0) ? powGradBase(g, x, ex) : null,
          node.needsInputGrad(1) ? powGradExp(g, x, ex, result) : null,
        ];
      },
      () => [save(a), save(et), save(out, true)],
    );
  }
  reportOp('pow', [a, et], {}, [out]);
  return out;
}

/**
 * x ** e for a float tensor and a Python-number exponent, with PyTorch's special cases, each
 * rounding as its kernel does: x·x, x·x·x, 1/(x·x), sqrt, 1/sqrt, 1/x; otherwise pow itself.
 */
function powScalar(a: Tensor, e: number, dtype: DType): Tensor {
  const data = gather(a, dtype);
  const r = dtype === 'float32' ? Math.fround : (v: number) => v;
  const f: ((x: number) => number) | null =
    e === 0
      ? () => 1
      : e === 1
        ? (x) => x
        : e === 2
          ? (x) => r(x * x)
          : e === 3
            ? (x) => r(r(x * x) * x)
            : e === -2
              ? (x) => r(1 / r(x * x))
              : e === 0.5
                ? (x) => r(Math.sqrt(x))
                : e === -0.5
                  ? (x) => r(1 / r(Math.sqrt(x)))
                  : e === -1
                    ? (x) => r(1 / x)
                    : null;
  if (f === null && (dtype === 'float32' || dtype === 'float64')) {
    const out = dtype === 'float32' ? new Float32Array(data.length) : new Float64Array(data.length);
    powRows(out, data, 1, r(e), 0, data.length, data.length);
    return new Tensor(out, [...a.shape], dtype);
  }
  const g = f ?? ((x: number) => r(Math.pow(x, e)));
  for (let i = 0; i < data.length; i++) data[i] = g(data[i] ?? 0);
  return new Tensor(data, [...a.shape], dtype);
}

/**
 * PyTorch's float32 and float64 pow loop over rows of `row` elements (`cpu_kernel_vec`): whole
 * blocks of two SIMD registers (16 floats, 8 doubles) go through SLEEF's pow (powf, or
 * Sleef_powd4_u10), the rest of the row through C's pow (powf is correctly rounded, as Math.pow
 * is; glibc's pow is libm.ts's). Base and exponent are read at position i (stride 1) or 0
 * (stride 0: a scalar).
 */
function powRows(
  out: Float32Array | Float64Array,
  base: ArrayLike<number>,
  bs: number,
  exp: number | ArrayLike<number>,
  es: number,
  n: number,
  row: number,
): void {
  const float32 = out instanceof Float32Array;
  const vectorEnd = row - (row % (float32 ? 16 : 8));
  const vec = float32 ? powf : powd;
  const tail = float32 ? (x: number, y: number) => Math.fround(Math.pow(x, y)) : powLibm;
  for (let i = 0; i < n; i++) {
    const x = base[bs === 0 ? 0 : i] ?? 0;
    const y = typeof exp === 'number' ? exp : (exp[es === 0 ? 0 : i] ?? 0);
    out[i] = i % row < vectorEnd ? vec(x, y) : tail(x, y);
  }
}

/**
 * float32 or float64 `a ** b` for two tensors as PyTorch's TensorIterator runs it: dimensions
 * that are contiguous for every operand merge into one inner row; the row is vectorised
 * (powRows) when each operand is contiguous or a broadcast scalar along it, else every element
 * takes C's pow.
 */
function powTensors(a: Tensor, b: Tensor, dtype: 'float32' | 'float64'): Tensor {
  const shape = broadcastShapes(a.shape, b.shape);
  const n = shape.reduce((p, s) => p * s, 1);
  const sa = broadcastStrides(a.shape, contiguousStrides(a.shape), shape);
  const sb = broadcastStrides(b.shape, contiguousStrides(b.shape), shape);
  let d = shape.length - 1;
  let row = shape.length === 0 ? 1 : (shape[d] ?? 1);
  const canMerge = (s: readonly number[], k: number) =>
    (shape[k] ?? 1) === 1 || (s[k] ?? 0) === (s[k + 1] ?? 0) * (shape[k + 1] ?? 1);
  while (d > 0 && canMerge(sa, d - 1) && canMerge(sb, d - 1)) {
    d--;
    row *= shape[d] ?? 1;
  }
  const innerA = shape.length === 0 ? 0 : (sa[shape.length - 1] ?? 0);
  const innerB = shape.length === 0 ? 0 : (sb[shape.length - 1] ?? 0);
  const x = valuesAt(a, shape);
  const y = valuesAt(b, shape);
  const vectorised = (innerA === 1 || innerB === 1) && innerA <= 1 && innerB <= 1;
  const float32 = dtype === 'float32';
  const out = float32 ? new Float32Array(n) : new Float64Array(n);
  if (vectorised || row === 0) powRows(out, x, 1, y, 1, n, Math.max(row, 1));
  else if (float32) {
    for (let i = 0; i < n; i++) out[i] = Math.fround(Math.pow(x[i] ?? 0, y[i] ?? 0));
  } else for (let i = 0; i < n; i++) out[i] = powLibm(x[i] ?? 0, y[i] ?? 0);
  return new Tensor(out, shape, dtype);
}

/** Row-major strides of a contiguous tensor of `shape`. */
function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let acc = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    strides[k] = acc;
    acc *= shape[k] ?? 1;
  }
  return strides;
}

/** grad·e·x^(e-1), masked to 0 where e = 0. */
function powGradBase(g: Tensor, x: Tensor, e: Tensor): Tensor {
  const raw = mul(g, mul(e, pow(x, sub(e, 1))));
  return where(e, 0, raw);
}

/** grad·result·ln(x), masked to 0 where x = 0 and e ≥ 0. */
function powGradExp(g: Tensor, x: Tensor | Scalar, e: Tensor, result: Tensor): Tensor {
  const lnx = x instanceof Tensor ? x.log() : Math.log(Number(x));
  const raw = mul(g, mul(result, lnx));
  if (x instanceof Tensor) {
    const zeroBase = fromKernel(binary('eq', x, layoutOf(0, x.dtype), 'bool'), 'bool');
    const nonNegExp = fromKernel(binary('ge', e, layoutOf(0, e.dtype), 'bool'), 'bool');
    const mask = fromKernel(binary('mul', zeroBase, nonNegExp, 'bool'), 'bool');
    return maskedZero(raw, mask);
  }
  return Number(x) === 0
    ? maskedZero(raw, fromKernel(binary('ge', e, layoutOf(0, e.dtype), 'bool'), 'bool'))
    : raw;
}

/** `raw` with zeros where `cond == value`. */
function where(cond: Tensor, value: number, raw: Tensor): Tensor {
  const mask = fromKernel(binary('eq', cond, layoutOf(value, cond.dtype), 'bool'), 'bool');
  return maskedZero(raw, mask);
}

/** `raw` with zeros where `mask` is true, broadcasting both (PyTorch's masked_fill, so 0·inf is 0). */
function maskedZero(raw: Tensor, mask: Tensor): Tensor {
  const shape = broadcastShapes(raw.shape, mask.shape);
  const r = gather(
    {...layout(raw), shape, strides: broadcastStrides(raw.shape, raw.strides, shape)},
    raw.dtype,
  );
  const m = gather(
    {...layout(mask), shape, strides: broadcastStrides(mask.shape, mask.strides, shape)},
    'bool',
  );
  for (let i = 0; i < r.length; i++) if (m[i] !== 0) r[i] = 0;
  return new Tensor(r, shape, raw.dtype);
}

function layout(t: Tensor): Layout {
  return {data: t.data, shape: t.shape, strides: t.strides, offset: t.offset};
}

/** `other ** input` for a Python number base (PowBackward1 with no edge for the base). */
export function rpow(base: Scalar, e: Tensor): Tensor {
  const dtype = promote(e, base);
  const out =
    dtype === 'float32' || dtype === 'float64'
      ? powTensors(wrapScalar(base, dtype), e, dtype)
      : fromKernel(binary('pow', layoutOf(base, dtype), e, dtype), dtype);
  if (needsGrad(e)) {
    attach(
      POW1,
      [null, e],
      [out],
      (grads, saved) => {
        const g = grad0(grads);
        return [null, powGradExp(g, base, saved[0] ?? e, saved[1] ?? out)];
      },
      () => [save(e), save(out, true)],
    );
  }
  reportOp('pow', [e], {self: scalarArg(base)}, [out]);
  return out;
}

declare module '../tensor.js' {
  interface Tensor {
    /** `pow(exponent)` / `**`. */
    pow(exponent: Tensor | Scalar): Tensor;
    /** `__rpow__`: `other ** self`. */
    rpow(other: Scalar): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.pow(input, exponent)`; input may be a Python number. */
    pow(x: Tensor | Scalar, exponent: Tensor | Scalar): Tensor;
  }
}

const operand = (a: ReadonlyMap<string, unknown>, key: string) => a.get(key) as Tensor | Scalar;

/** The pow ops. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'pow',
    nodes: [POW0, POW1],
    methods: {
      pow(this: Tensor, exponent: Tensor | Scalar) {
        return pow(this, exponent);
      },
      rpow(this: Tensor, other: Scalar) {
        return rpow(other, this);
      },
    },
    functions: {
      pow: (x: Tensor | Scalar, exponent: Tensor | Scalar): Tensor => {
        if (x instanceof Tensor) return pow(x, exponent);
        if (exponent instanceof Tensor) return rpow(x, exponent);
        return tensor(x).pow(exponent);
      },
    },
    operators: {'**': {binary: (t, o) => pow(t, o), reflected: (t, o) => rpow(o, t)}},
    python: {
      pow: {
        method: 'pow(TensorOrNumber exponent)',
        overloads: [overload('(Tensor exponent)', 1, 1), overload('(Number exponent)', 1, 1)],
        function: true,
        out: 'same',
        reflected: (base, exponent) => rpow(base, exponent),
        call: (t, a) => pow(t, operand(a, 'exponent')),
      },
    },
  }),
];
