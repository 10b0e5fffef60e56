/**
 * Rounding divisions: `floor_divide` (`//`), `remainder` (`%`) and `fmod`, with PyTorch 1.13's
 * CPU kernels (floor rounding like Python's, the remainder taking the divisor's sign, fmod the
 * dividend's), broadcasting and type promotion. Integer division by zero raises PyTorch's
 * `RuntimeError: ZeroDivisionError`; float division by zero gives ±inf or nan.
 *
 * Derivatives: floor_divide has none (its grad_fn is `NotImplemented`, which fails in backward);
 * remainder and fmod pass the gradient to the dividend unchanged and send -grad·q to the divisor,
 * q being the floored (remainder) or truncated (fmod) quotient. A Python number as the dividend
 * (`7 % x`) has no derivative either.
 */
import {allocate, isFloating, roundHalfStorage} from '../dtype.js';
import type {DType, Scalar, Storage} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {broadcastStrides, gather} from '../kernels/strided.js';
import type {Layout} from '../kernels/strided.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp, overload} from '../op.js';
import type {OpDeclaration, OverloadDeclaration} from '../op.js';
import {broadcastShapes, numelOf} from '../shape.js';
import {checkSize} from '../limits.js';
import {Tensor} from '../tensor.js';
import {mul} from './arith.js';
import {attachCpp, NOT_IMPLEMENTED} from './cpp-node.js';
import {grad0, layoutOf, promote, scalarArg} from './util.js';

/** The three ops, plus the truncating division fmod's derivative needs. */
export type DivisionKernel = 'floor_divide' | 'remainder' | 'fmod' | 'div_trunc';

/** PyTorch's kernel names in its "not implemented for 'Bool'" errors. */
const BOOL_KERNEL: Readonly<Record<DivisionKernel, string>> = {
  floor_divide: 'div_floor_cpu',
  remainder: 'remainder_cpu',
  fmod: 'fmod_cpu',
  div_trunc: 'div_trunc_cpu',
};

function broadcastValues(x: Layout, shape: readonly number[]): Float64Array {
  const strides = broadcastStrides(x.shape, x.strides, shape);
  return gather({data: x.data, shape, strides, offset: x.offset}, 'float64') as Float64Array;
}

const identity = (v: number): number => v;

/** CPython's and PyTorch's `div_floor_floating`: fmod-based, so the result is exact. */
function floorFloat(a: number, b: number, r: (v: number) => number): number {
  if (b === 0) return r(a / b);
  const mod = a % b;
  let div = r(r(a - mod) / b);
  if (mod !== 0 && b < 0 !== mod < 0) div = r(div - 1);
  if (div === 0) {
    const q = a / b;
    return q < 0 || Object.is(q, -0) ? -0 : 0;
  }
  let floordiv = Math.floor(div);
  if (r(div - floordiv) > 0.5) floordiv = r(floordiv + 1);
  return floordiv;
}

function floatKernel(
  op: DivisionKernel,
  a: Float64Array,
  b: Float64Array,
  out: Storage,
  dtype: DType,
): void {
  // float16 is computed in float32, as PyTorch's half kernels do, and rounded when stored.
  const r = dtype === 'float32' || dtype === 'float16' ? Math.fround : identity;
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const x = r(a[i] ?? 0);
    const y = r(b[i] ?? 0);
    switch (op) {
      case 'floor_divide':
        out[i] = floorFloat(x, y, r);
        break;
      case 'remainder': {
        let mod = x % y;
        if (mod !== 0 && y < 0 !== mod < 0) mod = r(mod + y);
        out[i] = mod;
        break;
      }
      case 'fmod':
        out[i] = x % y;
        break;
      case 'div_trunc':
        out[i] = Math.trunc(r(x / y));
        break;
    }
  }
}

function intKernel(op: DivisionKernel, a: Float64Array, b: Float64Array, out: Storage): void {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (y === 0) throw runtimeError('ZeroDivisionError');
    const rem = x % y;
    const signsDiffer = rem !== 0 && rem < 0 !== y < 0;
    switch (op) {
      case 'floor_divide':
        out[i] = (x - rem) / y - (signsDiffer ? 1 : 0) + 0;
        break;
      case 'remainder':
        out[i] = (signsDiffer ? rem + y : rem) + 0;
        break;
      case 'fmod':
        out[i] = rem + 0;
        break;
      case 'div_trunc':
        out[i] = (x - rem) / y + 0;
        break;
    }
  }
}

/** The values of `a op b` broadcast, in the promoted dtype (no graph, nothing reported). */
export function divisionValues(op: DivisionKernel, a: Tensor | Scalar, b: Tensor | Scalar): Tensor {
  const dtype = promote(a, b);
  if (dtype === 'bool') throw runtimeError(`"${BOOL_KERNEL[op]}" not implemented for 'Bool'`);
  const la = layoutOf(a, dtype);
  const lb = layoutOf(b, dtype);
  const shape = broadcastShapes(la.shape, lb.shape);
  const n = numelOf(shape);
  checkSize(shape, n);
  const out = allocate(dtype, n);
  const av = broadcastValues(la, shape);
  const bv = broadcastValues(lb, shape);
  if (isFloating(dtype)) floatKernel(op, av, bv, out, dtype);
  else intKernel(op, av, bv, out);
  if (dtype === 'float16') roundHalfStorage(out);
  return new Tensor(out, shape, dtype);
}

function notImplemented(name: string): () => never {
  return () => {
    throw runtimeError(`derivative for aten::${name} is not implemented`);
  };
}

function tensors(...xs: (Tensor | Scalar)[]): Tensor[] {
  return xs.filter((x): x is Tensor => x instanceof Tensor);
}

function args(
  a: Tensor | Scalar,
  b: Tensor | Scalar,
): Record<string, ReturnType<typeof scalarArg>> {
  if (!(a instanceof Tensor)) return {self: scalarArg(a)};
  return b instanceof Tensor ? {} : {other: scalarArg(b)};
}

/** `torch.floor_divide(input, other)` / `//`: no derivative (grad_fn NotImplemented). */
export function floorDivide(a: Tensor | Scalar, b: Tensor | Scalar): Tensor {
  const out = divisionValues('floor_divide', a, b);
  const ins = tensors(a, b);
  if (needsGrad(ins[0] ?? null, ins[1] ?? null)) {
    // PyTorch's NotImplemented node has edges only for the inputs that require grad.
    const differentiable = ins.filter((t) => t.requiresGrad);
    attachCpp(NOT_IMPLEMENTED, differentiable, [out], notImplemented('floor_divide'));
  }
  reportOp('floor_divide', ins, args(a, b), [out]);
  return out;
}

/** The nodes of remainder and fmod (by a Python number: 0; by a tensor: 1). */
export const NODES = {
  remainder: [declareNode('RemainderBackward0', true), declareNode('RemainderBackward1', true)],
  fmod: [declareNode('FmodBackward0', true), declareNode('FmodBackward1', true)],
} as const;

/** -grad·q: the divisor's gradient of remainder (q floored) and fmod (q truncated). */
function divisorGrad(g: Tensor, self: Tensor, other: Tensor, trunc: boolean): Tensor {
  const q = divisionValues(trunc ? 'div_trunc' : 'floor_divide', self, other);
  return mul(g.neg(), q);
}

function remainderLike(op: 'remainder' | 'fmod', a: Tensor | Scalar, b: Tensor | Scalar): Tensor {
  const out = divisionValues(op, a, b);
  const nodes = NODES[op];
  if (!(a instanceof Tensor)) {
    // torch.remainder(Scalar, Tensor): PyTorch defines no derivative.
    const bt = b as Tensor;
    if (needsGrad(bt)) attachCpp(NOT_IMPLEMENTED, [bt], [out], notImplemented(op));
    reportOp(op, [bt], args(a, b), [out]);
    return out;
  }
  if (!(b instanceof Tensor)) {
    if (needsGrad(a)) attach(nodes[0], [a], [out], (grads) => [grad0(grads)]);
    reportOp(op, [a], args(a, b), [out]);
    return out;
  }
  if (needsGrad(a, b)) {
    attach(
      nodes[1],
      [a, b],
      [out],
      (grads, saved, node) => {
        const g = grad0(grads);
        const [self, other] = [saved[0] ?? a, saved[1] ?? b];
        return [
          node.needsInputGrad(0) ? g : null,
          node.needsInputGrad(1) ? divisorGrad(g, self, other, op === 'fmod') : null,
        ];
      },
      () => [save(a), save(b)],
    );
  }
  reportOp(op, [a, b], {}, [out]);
  return out;
}

/** `torch.remainder(input, other)` / `%`: Python's modulo, the sign of the divisor. */
export function remainder(a: Tensor | Scalar, b: Tensor | Scalar): Tensor {
  return remainderLike('remainder', a, b);
}

/** `torch.fmod(input, other)`: C's fmod, the sign of the dividend. */
export function fmod(a: Tensor, b: Tensor | Scalar): Tensor {
  return remainderLike('fmod', a, b);
}

declare module '../tensor.js' {
  interface Tensor {
    /** `floor_divide(other)` / `//`: rounds toward -inf; no derivative (grad_fn NotImplemented). */
    floorDivide(other: Tensor | Scalar): Tensor;
    /** `__rfloordiv__`: `other // self` for a Python number. */
    rfloordiv(other: Scalar): Tensor;
    /** `remainder(other)` / `%`: Python's modulo (the sign of the divisor). */
    remainder(other: Tensor | Scalar): Tensor;
    /** `__rmod__`: `other % self` for a Python number (no derivative). */
    rremainder(other: Scalar): Tensor;
    /** `fmod(other)`: C's fmod (the sign of the dividend). */
    fmod(other: Tensor | Scalar): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.floor_divide(input, other)`; input may be a Python number. */
    floorDivide(x: Tensor | Scalar, other: Tensor | Scalar): Tensor;
    /** `torch.remainder(input, other)`; input may be a Python number. */
    remainder(x: Tensor | Scalar, other: Tensor | Scalar): Tensor;
    /** `torch.fmod(input, other)`. */
    fmod(x: Tensor, other: Tensor | Scalar): Tensor;
  }
}

const otherOverloads = [overload('(Tensor other)', 1, 1), overload('(Number other)', 1, 1)];

function binding(
  run: (t: Tensor, other: Tensor | Scalar) => Tensor,
  functionForms: readonly OverloadDeclaration[],
  reflected?: (input: Scalar, other: Tensor) => Tensor,
) {
  return {
    overloads: otherOverloads,
    function: functionForms,
    ...(reflected ? {reflected} : {}),
    call: (t: Tensor, a: ReadonlyMap<string, unknown>) => run(t, a.get('other') as Tensor | Scalar),
  };
}

/** floor_divide, remainder, fmod. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'floor_divide',
    nodes: [NOT_IMPLEMENTED],
    methods: {
      floorDivide(this: Tensor, other: Tensor | Scalar) {
        return floorDivide(this, other);
      },
      rfloordiv(this: Tensor, other: Scalar) {
        return floorDivide(other, this);
      },
    },
    functions: {floorDivide},
    operators: {
      '//': {binary: (t, o) => floorDivide(t, o), reflected: (t, o) => floorDivide(o, t)},
    },
    python: {
      floor_divide: {
        ...binding(
          floorDivide,
          [
            overload('(Tensor input, Tensor other, *, Tensor out)', 2, 3),
            overload('(Tensor input, Number other)', 2, 2),
          ],
          floorDivide,
        ),
        method: 'floor_divide(TensorOrNumber other)',
      },
    },
  }),
  declareOp({
    name: 'remainder',
    nodes: NODES.remainder,
    methods: {
      remainder(this: Tensor, other: Tensor | Scalar) {
        return remainder(this, other);
      },
      rremainder(this: Tensor, other: Scalar) {
        return remainder(other, this);
      },
    },
    functions: {remainder},
    operators: {'%': {binary: (t, o) => remainder(t, o), reflected: (t, o) => remainder(o, t)}},
    python: {
      remainder: {
        ...binding(
          remainder,
          [
            overload('(Tensor input, Tensor other, *, Tensor out)', 2, 3),
            overload('(Number self, Tensor other)', 2, 2),
            overload('(Tensor input, Number other, *, Tensor out)', 2, 3),
          ],
          remainder,
        ),
        method: 'remainder(TensorOrNumber other)',
      },
    },
  }),
  declareOp({
    name: 'fmod',
    nodes: NODES.fmod,
    methods: {
      fmod(this: Tensor, other: Tensor | Scalar) {
        return fmod(this, other);
      },
    },
    functions: {fmod},
    python: {
      fmod: {
        ...binding(fmod, [
          overload('(Tensor input, Tensor other, *, Tensor out)', 2, 3),
          overload('(Tensor input, Number other, *, Tensor out)', 2, 3),
        ]),
        method: 'fmod(TensorOrNumber other)',
      },
    },
  }),
];
