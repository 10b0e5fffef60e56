/**
 * In-place ops: zero_, fill_, add_, sub_, mul_, div_. They write through views into shared
 * storage, bump the version counter (so a saved tensor modified later is detected), and rebase
 * the tensor's grad_fn onto a new node, as PyTorch does.
 */
import {gather} from '../kernels/strided.js';
import {canCast, conversionOverflow, isFloating, scalarTypeName, toStored} from '../dtype.js';
import type {Scalar} from '../dtype.js';
import {cppDouble, runtimeError} from '../errors.js';
import {isGradEnabled} from '../gradmode.js';
import {binary} from '../kernels/elementwise.js';
import type {BinaryKernel} from '../kernels/elementwise.js';
import {save} from '../node.js';
import {defaultGenerator, fillNormal, fillUniform} from '../random.js';
import type {Generator} from '../random.js';
import {attach, gradientEdge, reportOp} from '../record.js';
import {declareNode, declareOp, overload} from '../op.js';
import type {NodeDeclaration, OpDeclaration} from '../op.js';
import {broadcastShapes, sameShape} from '../shape.js';
import {Tensor} from '../tensor.js';
import * as arith from './arith.js';
import {ADD, DIV, MUL, SUB} from './arith.js';
import * as unary from './unary.js';
import {grad0, layoutOf, promote, scalarArg, tensorOrNull, wrapScalar} from './util.js';
import {canRebase, rebaseView} from './view-inplace.js';
import {writeStrided} from './views.js';

/** PyTorch's checks before modifying `x` in place while grad mode is on. */
export function checkInplace(x: Tensor, otherNeedsGrad: boolean): void {
  if (!isGradEnabled()) return;
  if (x.isLeaf && x.requiresGrad && x.base === null) {
    throw runtimeError(
      'a leaf Variable that requires grad is being used in an in-place operation.',
    );
  }
  const base = x.base;
  if (base !== null && base.isLeaf && base.requiresGrad) {
    throw runtimeError(
      'a view of a leaf Variable that requires grad is being used in an in-place operation.',
    );
  }
  if (base !== null && (base.requiresGrad || otherNeedsGrad) && !canRebase(x)) {
    throw runtimeError(
      'grad-graph: an in-place op on a view of a tensor that requires grad (PyTorch rebases it ' +
        'with CopySlices) is not supported',
    );
  }
}

/** Moves a retain_grad registration to the tensor's new grad_fn after an in-place op. */
export function rebaseRetained(x: Tensor, oldFn: Tensor['gradFn']): void {
  if (!x.retainsGrad || oldFn === null || x.gradFn === null) return;
  oldFn.retained?.delete(x.outputNr);
  x.gradFn.retained ??= new Map();
  x.gradFn.retained.set(x.outputNr, x);
}

const NODES: Record<string, NodeDeclaration> = {add_: ADD, sub_: SUB, mul_: MUL, div_: DIV};
const ZERO = declareNode('ZeroBackward0', false, [0]);
const FILL = declareNode('FillBackward0', false, [0]);
const UNIFORM = declareNode('UniformBackward0', false, [0]);
const NORMAL = declareNode('NormalBackward0', false, [0]);

const KERNELS: Record<string, BinaryKernel> = {add_: 'add', sub_: 'sub', mul_: 'mul', div_: 'div'};

/** `x.add_(other, alpha)`, `x.sub_`, `x.mul_`, `x.div_`. */
export function binary_(
  x: Tensor,
  op: 'add_' | 'sub_' | 'mul_' | 'div_',
  other: Tensor | Scalar,
  alpha?: Scalar,
): void {
  const ot = tensorOrNull(other);
  const otherNeedsGrad = ot !== null && ot.requiresGrad;
  checkInplace(x, otherNeedsGrad);
  let dtype = promote(x, other);
  if (op === 'div_' && !isFloating(dtype)) dtype = 'float32';
  if (!canCast(dtype, x.dtype)) {
    throw runtimeError(
      `result type ${scalarTypeName(dtype)} can't be cast to the desired output type ${scalarTypeName(x.dtype)}`,
    );
  }
  const shape = broadcastShapes(x.shape, ot?.shape ?? []);
  if (!sameShape(shape, x.shape)) {
    throw runtimeError(
      `output with shape [${x.shape.join(', ')}] doesn't match the broadcast shape [${shape.join(', ')}]`,
    );
  }
  let operand: Tensor | Scalar = other;
  if (alpha !== undefined && Number(alpha) !== 1) {
    operand = ot ? arith.mul(ot, alpha) : Number(other) * Number(alpha);
  }
  const record = isGradEnabled() && (x.requiresGrad || otherNeedsGrad);
  // mul_ with a tensor needing grad needs the original values of x.
  const original =
    record && op === 'mul_' && otherNeedsGrad
      ? new Tensor(gather(x, x.dtype), [...x.shape], x.dtype)
      : null;
  const res = binary(KERNELS[op] ?? 'add', x, layoutOf(operand, dtype), x.dtype);
  writeStrided(x, res.data);
  x.version.value++;
  if (record && x.base !== null) {
    // An in-place op through a view: the base is rebased onto CopySlices.
    const otherValue = ot ?? wrapScalar(other as Scalar, dtype);
    rebaseView(x, ot, (g, needOther) => {
      switch (op) {
        case 'add_':
          return [g, needOther ? scaleBy(g, alpha) : null];
        case 'sub_':
          return [g, needOther ? unary.neg(scaleBy(g, alpha)) : null];
        case 'mul_':
          return [arith.mul(g, otherValue), needOther && original ? arith.mul(g, original) : null];
        case 'div_':
          return [arith.div(g, otherValue), null];
      }
    });
  } else if (record) {
    const oldFn = x.gradFn;
    const edgeSelf = gradientEdge(x);
    const otherValue = ot ?? wrapScalar(other as Scalar, dtype);
    const node = attach(
      NODES[op] ?? ADD,
      [x, ot],
      [x],
      (grads, saved, n) => {
        const g = grad0(grads);
        const o = saved[0] ?? otherValue;
        switch (op) {
          case 'add_':
            return [g, n.needsInputGrad(1) ? scaleBy(g, alpha) : null];
          case 'sub_':
            return [g, n.needsInputGrad(1) ? unary.neg(scaleBy(g, alpha)) : null];
          case 'mul_':
            return [
              arith.mul(g, o),
              n.needsInputGrad(1) && original ? arith.mul(g, original) : null,
            ];
          case 'div_':
            return [arith.div(g, o), null];
        }
      },
      () => (op === 'mul_' || op === 'div_' ? [save(otherValue)] : []),
    );
    node.nextFunctions = [edgeSelf, node.nextFunctions[1] ?? [null, 0]];
    rebaseRetained(x, oldFn);
  }
  reportOp(
    op,
    ot ? [x, ot] : [x],
    {other: scalarArg(other), alpha: scalarArg(alpha ?? 1n)},
    [x],
    true,
  );
}

function scaleBy(g: Tensor, alpha: Scalar | undefined): Tensor {
  return alpha === undefined || Number(alpha) === 1 ? g : arith.mul(g, alpha);
}

/** `x.zero_()`. */
export function zero_(x: Tensor): void {
  fill_(x, 0, 'zero_');
}

/** `x.fill_(value)`. */
export function fill_(x: Tensor, value: Scalar, op = 'fill_'): void {
  checkInplace(x, false);
  const overflow = conversionOverflow(value, x.dtype, 'fill');
  if (overflow) throw runtimeError(overflow);
  const stored = toStored(value, x.dtype);
  overwrite(x, op === 'zero_' ? ZERO : FILL, new Float64Array(x.numel()).fill(stored));
  reportOp(op, [x], op === 'zero_' ? {} : {value: scalarArg(value)}, [x], true);
}

/**
 * Writes `values` over every element of `x` (an op whose result does not depend on `x`): a new
 * version, and, when `x` requires grad, a node sending zeros back (FillBackward0, …).
 */
export function overwrite(x: Tensor, node: NodeDeclaration, values: ArrayLike<number>): void {
  writeStrided(x, values);
  recordOverwrite(x, node);
}

/**
 * Values drawn one after another into `x` in the order PyTorch's TensorIterator visits its
 * elements (memory order, for a transposed or strided view), rearranged into x's logical order.
 */
export function inMemoryOrder<T extends Float32Array | Float64Array>(x: Tensor, draws: T): T {
  if (x.isContiguous()) return draws;
  const n = draws.length;
  const offsets = new Float64Array(n);
  const counter = new Array<number>(x.shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    offsets[i] = counter.reduce((acc, c, d) => acc + c * (x.strides[d] ?? 0), 0);
    for (let d = x.shape.length - 1; d >= 0; d--) {
      const c = (counter[d] ?? 0) + 1;
      if (c < (x.shape[d] ?? 1)) {
        counter[d] = c;
        break;
      }
      counter[d] = 0;
    }
  }
  const order = Array.from({length: n}, (_, i) => i).sort(
    (a, b) => (offsets[a] ?? 0) - (offsets[b] ?? 0) || a - b,
  );
  const out = draws.slice() as T;
  order.forEach((logical, k) => {
    out[logical] = draws[k] ?? 0;
  });
  return out;
}

/** The version bump and the node of an in-place op that overwrote all of `x`. */
function recordOverwrite(x: Tensor, node: NodeDeclaration): void {
  x.version.value++;
  if (isGradEnabled() && x.requiresGrad && x.base !== null && x.base.requiresGrad) {
    rebaseView(x, null, () => [null, null]);
  } else if (isGradEnabled() && x.requiresGrad) {
    const edge = gradientEdge(x);
    const n = attach(node, [x], [x], (grads) => [arith.mul(grad0(grads), 0)]);
    n.nextFunctions = [edge];
  }
}

/** The float storage random in-place ops fill, or PyTorch's error naming `kernel`. */
function randomValues(x: Tensor, kernel: string): Float32Array | Float64Array {
  if (x.dtype === 'float32') return new Float32Array(x.numel());
  if (x.dtype === 'float64') return new Float64Array(x.numel());
  if (x.dtype === 'float16') {
    throw runtimeError(
      'grad-graph: random numbers in float16 are not supported yet (draw float32, then .half())',
    );
  }
  throw runtimeError(`"${kernel}" not implemented for '${scalarTypeName(x.dtype)}'`);
}

/** `x.uniform_(from=0, to=1, generator=None)`: UniformBackward0 when it requires grad. */
export function uniform_(x: Tensor, from: number, to: number, g = defaultGenerator): void {
  checkInplace(x, false);
  if (from > to) {
    throw runtimeError(
      `uniform_ expects to return a [from, to) range, but found from=${cppDouble(from)} > to=${cppDouble(to)}`,
    );
  }
  const values = randomValues(x, 'check_uniform_bounds');
  fillUniform(values, from, to, g);
  overwrite(x, UNIFORM, inMemoryOrder(x, values));
  reportOp('uniform_', [x], {from, to}, [x], true);
}

/** `x.normal_(mean=0, std=1, generator=None)`: NormalBackward0 when it requires grad. */
export function normal_(x: Tensor, mean: number, std: number, g = defaultGenerator): void {
  checkInplace(x, false);
  if (std < 0) throw runtimeError(`normal expects std >= 0.0, but found std ${cppDouble(std)}`);
  const values = randomValues(x, 'normal_kernel_cpu');
  fillNormal(values, mean, std, g, x.isContiguous());
  overwrite(x, NORMAL, inMemoryOrder(x, values));
  reportOp('normal_', [x], {mean, std}, [x], true);
}

declare module '../tensor.js' {
  interface Tensor {
    /** `zero_()`. */
    zero_(): this;
    /** `fill_(value)`. */
    fill_(value: Scalar): this;
    /** `uniform_(from=0, to=1)`. */
    uniform_(from?: number, to?: number): this;
    /** `normal_(mean=0, std=1)`. */
    normal_(mean?: number, std?: number): this;
    /** `add_(other, alpha=1)` / `+=`. */
    add_(other: Tensor | Scalar, options?: {alpha?: Scalar}): this;
    /** `sub_(other, alpha=1)` / `-=`. */
    sub_(other: Tensor | Scalar, options?: {alpha?: Scalar}): this;
    /** `mul_(other)` / `*=`. */
    mul_(other: Tensor | Scalar): this;
    /** `div_(other)` / `/=`. */
    div_(other: Tensor | Scalar): this;
  }
}

type InPlace = 'add_' | 'sub_' | 'mul_' | 'div_';

const SYMBOLS: Record<InPlace, string> = {add_: '+', sub_: '-', mul_: '*', div_: '/'};

function binaryInPlace(op: InPlace, withAlpha: boolean): OpDeclaration {
  return declareOp({
    name: op,
    operators: {
      [SYMBOLS[op]]: {
        inPlace: (t, o) => {
          binary_(t, op, o);
          return t;
        },
      },
    },
    nodes: [NODES[op] ?? ADD],
    methods: {
      [op](this: Tensor, other: Tensor | Scalar, options: {alpha?: Scalar} = {}) {
        binary_(this, op, other, withAlpha ? options.alpha : undefined);
        return this;
      },
    },
    python: {
      [op]: {
        method: withAlpha
          ? `${op}(TensorOrNumber other, *, Number alpha=1)`
          : `${op}(TensorOrNumber other)`,
        call: (t, a) => {
          binary_(
            t,
            op,
            a.get('other') as Tensor | Scalar,
            withAlpha ? (a.get('alpha') as Scalar) : undefined,
          );
          return t;
        },
      },
    },
  });
}

/** The in-place arithmetic: zero_, fill_, add_, sub_, mul_, div_. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'zero_',
    nodes: [ZERO],
    methods: {
      zero_(this: Tensor) {
        zero_(this);
        return this;
      },
    },
    python: {
      zero_: {
        method: 'zero_()',
        noArgs: true,
        call: (t) => {
          zero_(t);
          return t;
        },
      },
    },
  }),
  declareOp({
    name: 'fill_',
    nodes: [FILL],
    methods: {
      fill_(this: Tensor, value: Scalar) {
        fill_(this, value);
        return this;
      },
    },
    python: {
      fill_: {
        method: 'fill_(Number value)',
        overloads: [overload('(Tensor value)', 1, 1), overload('(Number value)', 1, 1)],
        call: (t, a) => {
          fill_(t, a.get('value') as Scalar);
          return t;
        },
      },
    },
  }),
  declareOp({
    name: 'uniform_',
    nodes: [UNIFORM],
    methods: {
      uniform_(this: Tensor, from = 0, to = 1) {
        uniform_(this, from, to);
        return this;
      },
    },
    python: {
      uniform_: {
        method: 'uniform_(float from=0, float to=1, *, Generator? generator=None)',
        call: (t, a) => {
          const g = (a.get('generator') as Generator | null) ?? defaultGenerator;
          uniform_(t, Number(a.get('from')), Number(a.get('to')), g);
          return t;
        },
      },
    },
  }),
  declareOp({
    name: 'normal_',
    nodes: [NORMAL],
    methods: {
      normal_(this: Tensor, mean = 0, std = 1) {
        normal_(this, mean, std);
        return this;
      },
    },
    python: {
      normal_: {
        method: 'normal_(float mean=0, float std=1, *, Generator? generator=None)',
        call: (t, a) => {
          const g = (a.get('generator') as Generator | null) ?? defaultGenerator;
          normal_(t, Number(a.get('mean')), Number(a.get('std')), g);
          return t;
        },
      },
    },
  }),
  binaryInPlace('add_', true),
  binaryInPlace('sub_', true),
  binaryInPlace('mul_', false),
  binaryInPlace('div_', false),
];
