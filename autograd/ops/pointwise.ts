/**
 * Elementwise questions and small elementwise ops: `isnan`/`isinf`/`isfinite` (bool results),
 * `isclose`/`allclose`/`equal` (PyTorch's formula `|a − b| ≤ atol + |rtol·b|` in the inputs'
 * dtype), `sign` (SignBackward0, whose gradient is zero), `square` (PyTorch's `pow(x, 2)`,
 * PowBackward0) and `rsqrt` (RsqrtBackward0: `-0.5·grad·y³`).
 */
import type {DType} from '../dtype.js';
import {allocate, isFloating, refuseHalf, scalarTypeName} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {binary} from '../kernels/elementwise.js';
import {gather} from '../kernels/strided.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {broadcastShapes, sameShape} from '../shape.js';
import {Tensor} from '../tensor.js';
import * as arith from './arith.js';
import {pow} from './pow.js';
import {fromKernel, grad0} from './util.js';
import {expand} from './views.js';

const SIGN = declareNode('SignBackward0', true, [0]);
const RSQRT = declareNode('RsqrtBackward0', true, [{mul: [-0.5, {pow: [{out: {operand: 0}}, 3]}]}]);

/** A bool tensor from a test on each element of `x`. */
function test(op: string, x: Tensor, predicate: (v: number) => boolean): Tensor {
  const data = gather(x, x.dtype);
  const out = allocate('bool', data.length);
  for (let i = 0; i < data.length; i++) out[i] = predicate(data[i] ?? 0) ? 1 : 0;
  const result = new Tensor(out, [...x.shape], 'bool');
  reportOp(op, [x], {}, [result]);
  return result;
}

/** `x.isnan()`. */
export function isnan(x: Tensor): Tensor {
  return test('isnan', x, Number.isNaN);
}

/** `x.isinf()`. */
export function isinf(x: Tensor): Tensor {
  return test('isinf', x, (v) => v === Infinity || v === -Infinity);
}

/** `x.isfinite()`. */
export function isfinite(x: Tensor): Tensor {
  return test('isfinite', x, Number.isFinite);
}

/** Options of isclose/allclose, PyTorch's defaults. */
export interface CloseOptions {
  rtol?: number;
  atol?: number;
  equalNan?: boolean;
}

/** `torch.isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)`. */
export function isclose(a: Tensor, b: Tensor, options: CloseOptions = {}): Tensor {
  if (a.dtype !== b.dtype) {
    throw runtimeError(`${scalarTypeName(a.dtype)} did not match ${scalarTypeName(b.dtype)}`);
  }
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-8;
  const shape = broadcastShapes(a.shape, b.shape);
  const ad = gather(expand(a, shape), a.dtype);
  const bd = gather(expand(b, shape), b.dtype);
  // The arithmetic happens in the inputs' dtype (float32 rounds at each step), bools as float32.
  const dtype: DType = isFloating(a.dtype) ? a.dtype : 'float32';
  const round = dtype === 'float32' ? Math.fround : (v: number) => v;
  const out = allocate('bool', ad.length);
  for (let i = 0; i < ad.length; i++) {
    const x = ad[i] ?? 0;
    const y = bd[i] ?? 0;
    let close = x === y || (options.equalNan === true && Number.isNaN(x) && Number.isNaN(y));
    if (!close) {
      const allowed = round(round(atol) + Math.abs(round(round(rtol) * y)));
      const actual = Math.abs(round(x - y));
      close = Number.isFinite(actual) && actual <= allowed;
    }
    out[i] = close ? 1 : 0;
  }
  const result = new Tensor(out, shape, 'bool');
  reportOp('isclose', [a, b], {rtol, atol}, [result]);
  return result;
}

/** `torch.allclose(a, b, …)`: whether every element is close (isclose). */
export function allclose(a: Tensor, b: Tensor, options: CloseOptions = {}): boolean {
  return Array.prototype.every.call(isclose(a, b, options).data, (v: number) => v === 1);
}

/** `torch.equal(a, b)`: same shape and the same values (NaN equals nothing). */
export function equal(a: Tensor, b: Tensor): boolean {
  if (!sameShape(a.shape, b.shape)) return false;
  const eq = fromKernel(binary('eq', a, b, 'bool'), 'bool');
  return Array.prototype.every.call(eq.data, (v: number) => v === 1);
}

/** `x.sign()`: -1, 0 or 1 (bools stay bools); the gradient through it is zero. */
export function sign(x: Tensor): Tensor {
  const data = gather(x, x.dtype);
  const out = allocate(x.dtype, data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i] ?? 0;
    out[i] = Number.isNaN(v) ? 0 : v > 0 ? 1 : v < 0 ? -1 : 0;
  }
  const result = new Tensor(out, [...x.shape], x.dtype);
  if (needsGrad(x)) attach(SIGN, [x], [result], (grads) => [arith.mul(grad0(grads), 0)]);
  reportOp('sign', [x], {}, [result]);
  return result;
}

/** `x.square()`: PyTorch's `pow(x, 2)`. */
export function square(x: Tensor): Tensor {
  return pow(x, 2n);
}

/** `x.rsqrt()`: 1/√x, each rounded once (integers give float32). */
export function rsqrt(x: Tensor): Tensor {
  refuseHalf(x.dtype, 'rsqrt_cpu');
  const dtype: DType = isFloating(x.dtype) ? x.dtype : 'float32';
  const data = gather(x, x.dtype);
  const out = allocate(dtype, data.length);
  for (let i = 0; i < data.length; i++) {
    const root =
      dtype === 'float32' ? Math.fround(Math.sqrt(data[i] ?? 0)) : Math.sqrt(data[i] ?? 0);
    out[i] = 1 / root;
  }
  const result = new Tensor(out, [...x.shape], dtype);
  if (needsGrad(x)) {
    attach(
      RSQRT,
      [x],
      [result],
      (grads, saved) => {
        const y = saved[0] ?? result;
        // derivatives.yaml: -0.5 * grad * result.pow(3).
        return [arith.mul(arith.mul(grad0(grads), -0.5), pow(y, 3n))];
      },
      () => [save(result, true)],
    );
  }
  reportOp('rsqrt', [x], {}, [result]);
  return result;
}

declare module '../tensor.js' {
  interface Tensor {
    /** `isnan()`. */
    isnan(): Tensor;
    /** `isinf()`. */
    isinf(): Tensor;
    /** `isfinite()`. */
    isfinite(): Tensor;
    /** `isclose(other, rtol, atol, equal_nan)`. */
    isclose(other: Tensor, options?: CloseOptions): Tensor;
    /** `allclose(other, rtol, atol, equal_nan)`. */
    allclose(other: Tensor, options?: CloseOptions): boolean;
    /** `equal(other)`. */
    equal(other: Tensor): boolean;
    /** `sign()`. */
    sign(): Tensor;
    /** `square()`. */
    square(): Tensor;
    /** `rsqrt()`. */
    rsqrt(): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.isnan(input)`. */
    isnan(x: Tensor): Tensor;
    /** `torch.isinf(input)`. */
    isinf(x: Tensor): Tensor;
    /** `torch.isfinite(input)`. */
    isfinite(x: Tensor): Tensor;
    /** `torch.isclose(input, other, …)`. */
    isclose(a: Tensor, b: Tensor, options?: CloseOptions): Tensor;
    /** `torch.allclose(input, other, …)`. */
    allclose(a: Tensor, b: Tensor, options?: CloseOptions): boolean;
    /** `torch.equal(input, other)`. */
    equal(a: Tensor, b: Tensor): boolean;
    /** `torch.sign(input)`. */
    sign(x: Tensor): Tensor;
    /** `torch.square(input)`. */
    square(x: Tensor): Tensor;
    /** `torch.rsqrt(input)`. */
    rsqrt(x: Tensor): Tensor;
  }
}

function unaryTest(
  name: string,
  run: (x: Tensor) => Tensor,
  nodes: OpDeclaration['nodes'] = [],
): OpDeclaration {
  return declareOp({
    name,
    nodes,
    methods: {
      [name](this: Tensor) {
        return run(this);
      },
    },
    functions: {[name]: run},
    python: {[name]: {method: `${name}()`, noArgs: true, function: true, call: (t) => run(t)}},
  });
}

const closeSignature = (name: string) =>
  `${name}(Tensor other, float rtol=1e-05, float atol=1e-08, bool equal_nan=False)`;

function closeOptions(a: ReadonlyMap<string, unknown>): CloseOptions {
  return {
    rtol: Number(a.get('rtol')),
    atol: Number(a.get('atol')),
    equalNan: a.get('equal_nan') === true,
  };
}

/** isnan, isinf, isfinite, isclose, allclose, equal, sign, square, rsqrt. */
export const declarations: readonly OpDeclaration[] = [
  unaryTest('isnan', isnan),
  unaryTest('isinf', isinf),
  unaryTest('isfinite', isfinite),
  unaryTest('sign', sign, [SIGN]),
  unaryTest('square', square),
  unaryTest('rsqrt', rsqrt, [RSQRT]),
  declareOp({
    name: 'isclose',
    methods: {
      isclose(this: Tensor, other: Tensor, options?: CloseOptions) {
        return isclose(this, other, options);
      },
      allclose(this: Tensor, other: Tensor, options?: CloseOptions) {
        return allclose(this, other, options);
      },
      equal(this: Tensor, other: Tensor) {
        return equal(this, other);
      },
    },
    functions: {isclose, allclose, equal},
    python: {
      isclose: {
        method: closeSignature('isclose'),
        function: true,
        call: (t, a) => isclose(t, a.get('other') as Tensor, closeOptions(a)),
      },
      allclose: {
        method: closeSignature('allclose'),
        function: true,
        call: (t, a) => allclose(t, a.get('other') as Tensor, closeOptions(a)),
      },
      equal: {
        method: 'equal(Tensor other)',
        function: true,
        call: (t, a) => equal(t, a.get('other') as Tensor),
      },
    },
  }),
];
