/**
 * Arithmetic: add, sub, mul, div and their reflected forms, with broadcasting and PyTorch's type
 * promotion (pow and rpow: pow.ts). Each forward sits beside its backward; the engine sums a gradient
 * back to each input's shape (PyTorch's sum_to), so formulas may return broadcast shapes.
 */
import type {Scalar} from '../dtype.js';
import {isFloating} from '../dtype.js';
import {runtimeError, TorchError} from '../errors.js';
import {binary} from '../kernels/elementwise.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp, overload} from '../op.js';
import type {Formula, OpDeclaration} from '../op.js';
import {Tensor} from '../tensor.js';
import {noGrad} from '../gradmode.js';
import {muteObserver} from '../report.js';
import {fromKernel, grad0, layoutOf, promote, scalarArg, tensorOrNull, wrapScalar} from './util.js';

const alpha: Formula = {arg: 'alpha', default: 1};
/** `AddBackward0`: ∂/∂input = 1, ∂/∂other = alpha. */
export const ADD = declareNode('AddBackward0', true, [1, alpha]);
/** `SubBackward0`: ∂/∂input = 1, ∂/∂other = -alpha. */
export const SUB = declareNode('SubBackward0', true, [1, {neg: alpha}]);
const RSUB0 = declareNode('RsubBackward0', false, [{neg: alpha}, 1]);
const RSUB1 = declareNode('RsubBackward1', false, [{neg: alpha}]);
/** `MulBackward0`: ∂/∂input = other, ∂/∂other = input. */
export const MUL = declareNode('MulBackward0', true, [{operand: 1, arg: 'other'}, {operand: 0}]);
/** `DivBackward0`: ∂/∂input = 1/other, ∂/∂other = -input/other². */
export const DIV = declareNode('DivBackward0', true, [
  {div: [1, {operand: 1, arg: 'other'}]},
  {neg: {div: [{operand: 0}, {square: {operand: 1}}]}},
]);
/** `MulBackward1` (aten's mul.Scalar, from C++: `tensor * 0.9`): ∂/∂input = other. */
const MUL_SCALAR = declareNode('MulBackward1', true, [{arg: 'other'}]);
/** `DivBackward1` (aten's div.Scalar): ∂/∂input = 1/other. */
const DIV_SCALAR = declareNode('DivBackward1', true, [{div: [1, {arg: 'other'}]}]);
function checkBoolSub(a: Tensor, b: Tensor | Scalar): void {
  const bIsBool = b instanceof Tensor ? b.dtype === 'bool' : typeof b === 'boolean';
  if (a.dtype === 'bool' && bIsBool) {
    throw runtimeError(
      'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or ' +
        '`logical_xor()` operator instead.',
    );
  }
  if (a.dtype === 'bool' || bIsBool) {
    throw runtimeError(
      'Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to ' +
        'invert a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
}

/** `other * alpha` as a kernel operand (alpha 1 leaves it untouched). */
function scaled(
  other: Tensor | Scalar,
  alpha: Scalar | undefined,
  dtype: Tensor['dtype'],
): Tensor | Scalar {
  if (alpha === undefined || Number(alpha) === 1) return other;
  if (other instanceof Tensor)
    return fromKernel(binary('mul', other, layoutOf(alpha, dtype), dtype), dtype);
  return Number(other) * Number(alpha);
}

/** `torch.add(input, other, alpha=1)`: ∂/∂input = grad, ∂/∂other = alpha·grad. */
export function add(a: Tensor, b: Tensor | Scalar, alpha?: Scalar): Tensor {
  const bt = tensorOrNull(b);
  const dtype = promote(a, b);
  const out = fromKernel(binary('add', a, layoutOf(scaled(b, alpha, dtype), dtype), dtype), dtype);
  if (needsGrad(a, bt)) {
    attach(ADD, [a, bt], [out], (grads, _saved, node) => {
      const g = grad0(grads);
      return [g, node.needsInputGrad(1) ? scaleGrad(g, alpha) : null];
    });
  }
  reportOp('add', bt ? [a, bt] : [a], {other: scalarArg(b), alpha: scalarArg(alpha ?? 1n)}, [out]);
  return out;
}

function scaleGrad(g: Tensor, alpha: Scalar | undefined): Tensor {
  return alpha === undefined || Number(alpha) === 1 ? g : mul(g, alpha);
}

/** `torch.sub(input, other, alpha=1)`: ∂/∂input = grad, ∂/∂other = -alpha·grad. */
export function sub(a: Tensor, b: Tensor | Scalar, alpha?: Scalar): Tensor {
  checkBoolSub(a, b);
  const bt = tensorOrNull(b);
  const dtype = promote(a, b);
  const out = fromKernel(binary('sub', a, layoutOf(scaled(b, alpha, dtype), dtype), dtype), dtype);
  if (needsGrad(a, bt)) {
    attach(SUB, [a, bt], [out], (grads, _saved, node) => {
      const g = grad0(grads);
      return [g, node.needsInputGrad(1) ? scaleGrad(g, alpha).neg() : null];
    });
  }
  reportOp('sub', bt ? [a, bt] : [a], {other: scalarArg(b), alpha: scalarArg(alpha ?? 1n)}, [out]);
  return out;
}

/** `torch.rsub(input, other, alpha=1)` = `other - alpha·input` (`2 - x`): ∂/∂input = -alpha·grad. */
export function rsub(a: Tensor, b: Tensor | Scalar, alpha?: Scalar): Tensor {
  checkBoolSub(a, b);
  const bt = tensorOrNull(b);
  const dtype = promote(a, b);
  const out = fromKernel(
    binary('sub', layoutOf(b, dtype), layoutOf(scaled(a, alpha, dtype), dtype), dtype),
    dtype,
  );
  if (needsGrad(a, bt)) {
    attach(bt ? RSUB0 : RSUB1, bt ? [a, bt] : [a], [out], (grads, _saved, node) => {
      const g = grad0(grads);
      const ga = node.needsInputGrad(0) ? scaleGrad(g, alpha).neg() : null;
      return bt ? [ga, node.needsInputGrad(1) ? g : null] : [ga];
    });
  }
  reportOp('rsub', bt ? [a, bt] : [a], {other: scalarArg(b), alpha: scalarArg(alpha ?? 1n)}, [out]);
  return out;
}

/** `torch.mul(input, other)`: ∂/∂input = grad·other, ∂/∂other = grad·input. */
export function mul(a: Tensor, b: Tensor | Scalar): Tensor {
  const bt = tensorOrNull(b);
  const dtype = promote(a, b);
  const out = fromKernel(binary('mul', a, layoutOf(b, dtype), dtype), dtype);
  if (needsGrad(a, bt)) {
    const other = bt ?? wrapScalar(b as Scalar, dtype);
    // PyTorch saves `other` when input needs a grad and `input` when other does.
    const keepOther = a.requiresGrad;
    const keepSelf = bt !== null && bt.requiresGrad;
    attach(
      MUL,
      [a, bt],
      [out],
      (grads, saved, node) => {
        const g = grad0(grads);
        let i = 0;
        const o = keepOther ? saved[i++] : undefined;
        const s = keepSelf ? saved[i] : undefined;
        return [
          node.needsInputGrad(0) && o ? mul(g, o) : null,
          node.needsInputGrad(1) && s ? mul(g, s) : null,
        ];
      },
      () => [...(keepOther ? [save(other)] : []), ...(keepSelf ? [save(a)] : [])],
    );
  }
  reportOp('mul', bt ? [a, bt] : [a], {other: scalarArg(b)}, [out]);
  return out;
}

/** `torch.div(input, other)` (true division): ∂/∂input = grad/other, ∂/∂other = -grad·input/other². */
export function div(a: Tensor, b: Tensor | Scalar): Tensor {
  const bt = tensorOrNull(b);
  let dtype = promote(a, b);
  if (!isFloating(dtype)) dtype = 'float32';
  const out = fromKernel(binary('div', a, layoutOf(b, dtype), dtype), dtype);
  if (needsGrad(a, bt)) {
    const other = bt ?? wrapScalar(b as Scalar, dtype);
    const keepSelf = bt !== null && bt.requiresGrad;
    attach(
      DIV,
      [a, bt],
      [out],
      (grads, saved, node) => {
        const g = grad0(grads);
        const o = saved[0] ?? other;
        const s = keepSelf ? saved[1] : undefined;
        return [
          node.needsInputGrad(0) ? div(g, o) : null,
          // PyTorch's div_tensor_other_backward: -grad · ((self / other) / other).
          node.needsInputGrad(1) && s ? mul(g.neg(), div(div(s, o), o)) : null,
        ];
      },
      () => [save(other), ...(keepSelf ? [save(a)] : [])],
    );
  }
  reportOp('div', bt ? [a, bt] : [a], {other: scalarArg(b)}, [out]);
  return out;
}

/**
 * `input * other` or `input / other` with a C++ number, as aten's composite functions call it
 * (mul.Scalar, div.Scalar): the values of `mul`/`div` with a Python number, recorded as
 * MulBackward1 / DivBackward1 (a Python number goes through mul.Tensor: MulBackward0).
 */
export function scalarOp(op: 'mul' | 'div', a: Tensor, other: number): Tensor {
  const out = muteObserver(() => noGrad(() => (op === 'mul' ? mul(a, other) : div(a, other))));
  if (needsGrad(a)) {
    attach(op === 'mul' ? MUL_SCALAR : DIV_SCALAR, [a], [out], (grads) => {
      const g = grad0(grads);
      return [op === 'mul' ? mul(g, other) : div(g, other)];
    });
  }
  reportOp(op, [a], {other}, [out]);
  return out;
}

/** `other / input` for a Python number, computed as PyTorch does: `input.reciprocal() * other`. */
export function rdiv(a: Tensor, other: Scalar): Tensor {
  return mul(a.reciprocal(), other);
}

declare module '../tensor.js' {
  interface Tensor {
    /** `add(other, alpha=1)` / `+`. */
    add(other: Tensor | Scalar, options?: {alpha?: Scalar}): Tensor;
    /** `sub(other, alpha=1)` / `-`. */
    sub(other: Tensor | Scalar, options?: {alpha?: Scalar}): Tensor;
    /** `mul(other)` / `*`. */
    mul(other: Tensor | Scalar): Tensor;
    /** `div(other)` / `/` (true division). */
    div(other: Tensor | Scalar): Tensor;
    /** `__radd__`: `other + self` for a Python number. */
    radd(other: Scalar): Tensor;
    /** `__rsub__` / `torch.rsub`: `other - self`. */
    rsub(other: Tensor | Scalar): Tensor;
    /** `__rmul__`: `other * self`. */
    rmul(other: Scalar): Tensor;
    /** `__rtruediv__`: `other / self`, computed like PyTorch as `reciprocal() * other`. */
    rdiv(other: Scalar): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.add(input, other, alpha=1)`. */
    add(x: Tensor, other: Tensor | Scalar, options?: {alpha?: Scalar}): Tensor;
    /** `torch.sub(input, other, alpha=1)`. */
    sub(x: Tensor, other: Tensor | Scalar, options?: {alpha?: Scalar}): Tensor;
    /** `torch.rsub(input, other, alpha=1)`: other - alpha·input. */
    rsub(x: Tensor, other: Tensor | Scalar, options?: {alpha?: Scalar}): Tensor;
    /** `torch.mul(input, other)`. */
    mul(x: Tensor, other: Tensor | Scalar): Tensor;
    /** `torch.div(input, other)`. */
    div(x: Tensor, other: Tensor | Scalar): Tensor;
  }
}

type AlphaOptions = {alpha?: Scalar};
const operand = (a: ReadonlyMap<string, unknown>, key: string) => a.get(key) as Tensor | Scalar;
const alphaOverloads = [
  overload('(Tensor other, *, Number alpha)', 1, 2),
  overload('(Number alpha, Tensor other)', 2, 2, true),
];

/** The arithmetic ops. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'add',
    nodes: [ADD],
    methods: {
      add(this: Tensor, other: Tensor | Scalar, options: AlphaOptions = {}) {
        return add(this, other, options.alpha);
      },
      radd(this: Tensor, other: Scalar) {
        return add(this, other);
      },
    },
    functions: {
      add: (x: Tensor, other: Tensor | Scalar, options: AlphaOptions = {}) =>
        add(x, other, options.alpha),
    },
    operators: {'+': {binary: (t, o) => add(t, o), reflected: (t, o) => add(t, o)}},
    python: {
      add: {
        method: 'add(TensorOrNumber other, *, Number alpha=1)',
        overloads: alphaOverloads,
        function: true,
        out: 'cast',
        call: (t, a) => add(t, operand(a, 'other'), a.get('alpha') as Scalar),
      },
    },
  }),
  declareOp({
    name: 'sub',
    nodes: [SUB],
    methods: {
      sub(this: Tensor, other: Tensor | Scalar, options: AlphaOptions = {}) {
        return sub(this, other, options.alpha);
      },
    },
    functions: {
      sub: (x: Tensor, other: Tensor | Scalar, options: AlphaOptions = {}) =>
        sub(x, other, options.alpha),
    },
    operators: {'-': {binary: (t, o) => sub(t, o), reflected: (t, o) => rsub(t, o)}},
    python: {
      sub: {
        method: 'sub(TensorOrNumber other, *, Number alpha=1)',
        overloads: alphaOverloads,
        function: true,
        out: 'cast',
        call: (t, a) => sub(t, operand(a, 'other'), a.get('alpha') as Scalar),
      },
    },
  }),
  declareOp({
    name: 'rsub',
    nodes: [RSUB0, RSUB1],
    methods: {
      rsub(this: Tensor, other: Tensor | Scalar) {
        return rsub(this, other);
      },
    },
    functions: {
      rsub: (x: Tensor, other: Tensor | Scalar, options: AlphaOptions = {}) =>
        rsub(x, other, options.alpha),
    },
  }),
  declareOp({
    name: 'mul',
    nodes: [MUL],
    methods: {
      mul(this: Tensor, other: Tensor | Scalar) {
        return mul(this, other);
      },
      rmul(this: Tensor, other: Scalar) {
        return mul(this, other);
      },
    },
    functions: {mul: (x: Tensor, other: Tensor | Scalar) => mul(x, other)},
    operators: {'*': {binary: (t, o) => mul(t, o), reflected: (t, o) => mul(t, o)}},
    python: {
      mul: {
        method: 'mul(TensorOrNumber other)',
        function: true,
        out: 'cast',
        call: (t, a) => mul(t, operand(a, 'other')),
      },
    },
  }),
  declareOp({
    name: 'div',
    nodes: [DIV],
    methods: {
      div(this: Tensor, other: Tensor | Scalar) {
        return div(this, other);
      },
      rdiv(this: Tensor, other: Scalar) {
        return rdiv(this, other);
      },
    },
    functions: {div: (x: Tensor, other: Tensor | Scalar) => div(x, other)},
    operators: {'/': {binary: (t, o) => div(t, o), reflected: (t, o) => rdiv(t, o)}},
    python: {
      div: {
        method: 'div(TensorOrNumber other, *, any rounding_mode=None)',
        function: true,
        out: 'cast',
        call: (t, a) => {
          if (a.get('rounding_mode') !== null) {
            throw new TorchError(
              'NotImplementedError',
              'div(rounding_mode=...) is not supported by grad-graph yet',
            );
          }
          return div(t, operand(a, 'other'));
        },
      },
    },
  }),
];
