/**
 * More elementwise functions: tan, asin, acos, atan, sinh, cosh, log2, log10, log1p, expm1,
 * exp2, erf, erfc (and the arc* aliases), and atan2 of two tensors. float32 values are computed
 * as PyTorch's CPU kernels compute them (kernels/sleef-more.ts); float64 ones too: SLEEF's
 * functions (kernels/sleef-double*.ts) for all but exp2, which maps glibc's exp2 (kernels/libm.ts),
 * and sinh's and cosh's last n % 8 elements, which take glibc's; integer and bool inputs give
 * float32. Each backward formula is 1.13's derivatives.yaml, in its order of operations. */
import type {DType, Storage} from '../dtype.js';
import {allocate, isFloating, refuseHalf} from '../dtype.js';
import * as libm from '../kernels/libm.js';
import * as sleef64 from '../kernels/sleef-double.js';
import * as sleefInverse64 from '../kernels/sleef-double-inverse.js';
import * as sleefSpecial64 from '../kernels/sleef-double-special.js';
import {gather} from '../kernels/strided.js';
import {
  acosf,
  asinf,
  atan2f,
  atanf,
  coshf,
  erfcf,
  erff,
  exp2f,
  expm1f,
  log10f,
  log1pf,
  log2f,
  sinhf,
  tanf,
} from '../kernels/sleef-more.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp} from '../op.js';
import type {NodeDeclaration, OpDeclaration} from '../op.js';
import {broadcastShapes} from '../shape.js';
import {Tensor} from '../tensor.js';
import * as arith from './arith.js';
import {pow} from './pow.js';
import {rsqrt} from './pointwise.js';
import * as unary from './unary.js';
import {grad0, promote, valuesAt} from './util.js';

/**
 * PyTorch's constants in the backward formulas: C's M_LN2, 2/√π, and derivatives.yaml's literal
 * 2.3025850929940455 for ln 10 (one ulp below M_LN10, which shows in float64 gradients).
 */
const LN2 = Math.LN2;
const LN10 = 2.3025850929940455;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** One function: its float32 and float64 forms, its node, and its backward given x and y. */
interface Spec {
  readonly f32: (x: number) => number;
  readonly f64: (x: number) => number;
  /**
   * For kernels that vectorise in blocks of 8 and compute the rest with C's function (sinh,
   * cosh): that function, for the last n % 8 elements.
   */
  readonly f64Tail?: (x: number) => number;
  /** For kernels whose lanes share work (tan's reduction, per group of four): the whole map. */
  readonly f64Array?: (src: ArrayLike<number>, at: number, out: Float64Array, n: number) => void;
  readonly node: NodeDeclaration;
  /** 'self' or 'result': what the node saves (the backward's second argument). */
  readonly saves: 'self' | 'result';
  readonly backward: (g: Tensor, saved: Tensor) => Tensor;
}

const node = (name: string): NodeDeclaration => declareNode(name, true);

const SPECS: Readonly<Record<string, Spec>> = {
  tan: {
    f32: tanf,
    f64: sleefSpecial64.tan,
    f64Array: sleefSpecial64.tanArray,
    node: node('TanBackward0'),
    saves: 'result',
    backward: (g, y) => arith.mul(g, arith.add(pow(y, 2n), 1n)),
  },
  asin: {
    f32: asinf,
    f64: sleefInverse64.asin,
    node: node('AsinBackward0'),
    saves: 'self',
    backward: (g, x) => arith.mul(g, rsqrt(arith.add(arith.mul(unary.neg(x), x), 1n))),
  },
  acos: {
    f32: acosf,
    f64: sleefInverse64.acos,
    node: node('AcosBackward0'),
    saves: 'self',
    backward: (g, x) => arith.mul(g, unary.neg(rsqrt(arith.add(arith.mul(unary.neg(x), x), 1n)))),
  },
  atan: {
    f32: atanf,
    f64: sleefInverse64.atan,
    node: node('AtanBackward0'),
    saves: 'self',
    backward: (g, x) => arith.div(g, arith.add(arith.mul(x, x), 1n)),
  },
  sinh: {
    f32: sinhf,
    f64: sleef64.sinh,
    f64Tail: libm.sinh,
    node: node('SinhBackward0'),
    saves: 'self',
    backward: (g, x) => arith.mul(g, transcendental('cosh', x)),
  },
  cosh: {
    f32: coshf,
    f64: sleef64.cosh,
    f64Tail: libm.cosh,
    node: node('CoshBackward0'),
    saves: 'self',
    backward: (g, x) => arith.mul(g, transcendental('sinh', x)),
  },
  log2: {
    f32: log2f,
    f64: sleef64.log2,
    node: node('Log2Backward0'),
    saves: 'self',
    backward: (g, x) => arith.div(g, arith.mul(x, LN2)),
  },
  log10: {
    f32: log10f,
    f64: sleef64.log10,
    node: node('Log10Backward0'),
    saves: 'self',
    backward: (g, x) => arith.div(g, arith.mul(x, LN10)),
  },
  log1p: {
    f32: log1pf,
    f64: sleef64.log1p,
    node: node('Log1PBackward0'),
    saves: 'self',
    backward: (g, x) => arith.div(g, arith.add(x, 1n)),
  },
  expm1: {
    f32: expm1f,
    f64: sleef64.expm1,
    node: node('Expm1Backward0'),
    saves: 'result',
    backward: (g, y) => arith.mul(g, arith.add(y, 1n)),
  },
  exp2: {
    f32: exp2f,
    f64: libm.exp2,
    node: node('Exp2Backward0'),
    saves: 'result',
    backward: (g, y) => arith.mul(arith.mul(g, y), LN2),
  },
  erf: {
    f32: erff,
    f64: sleefSpecial64.erf,
    node: node('ErfBackward0'),
    saves: 'self',
    backward: (g, x) => arith.mul(arith.mul(unary.exp(unary.neg(pow(x, 2n))), TWO_OVER_SQRT_PI), g),
  },
  erfc: {
    f32: erfcf,
    f64: sleefSpecial64.erfc,
    node: node('ErfcBackward0'),
    saves: 'self',
    backward: (g, x) =>
      arith.mul(arith.mul(unary.exp(unary.neg(pow(x, 2n))), -TWO_OVER_SQRT_PI), g),
  },
};

/** The function names, and the NumPy-style aliases PyTorch also has. */
type Name = string;
const ALIASES: Readonly<Record<string, Name>> = {arcsin: 'asin', arccos: 'acos', arctan: 'atan'};

/** `torch.tan(x)` and the others by name: elementwise, float32 for integer inputs. */
export function transcendental(name: Name, x: Tensor): Tensor {
  const canonical = ALIASES[name] ?? name;
  const spec = SPECS[canonical];
  if (spec === undefined) throw new Error(`internal: no function ${name}`);
  // PyTorch 1.13 has float16 CPU kernels for none of them but exp2 (which maps exp2f).
  if (canonical !== 'exp2') {
    const kernel = canonical === 'sinh' || canonical === 'cosh' ? 'cpu' : 'vml_cpu';
    refuseHalf(x.dtype, `${canonical}_${kernel}`);
  }
  const dtype: DType = isFloating(x.dtype) ? x.dtype : 'float32';
  const data = gather(x, 'float64');
  const out = allocate(dtype, data.length);
  if (dtype === 'float64' && spec.f64Array !== undefined) {
    spec.f64Array(data, 0, out as Float64Array, data.length);
    return finish(name, spec, x, new Tensor(out, [...x.shape], dtype));
  }
  const fn = dtype === 'float64' ? spec.f64 : spec.f32;
  const tail = dtype === 'float64' ? spec.f64Tail : undefined;
  const vectorEnd = tail === undefined ? data.length : data.length - (data.length % 8);
  for (let i = 0; i < vectorEnd; i++) {
    const v = data[i] ?? 0;
    out[i] = fn(dtype === 'float64' ? v : Math.fround(v));
  }
  for (let i = vectorEnd; i < data.length; i++) out[i] = (tail ?? fn)(data[i] ?? 0);
  return finish(name, spec, x, new Tensor(out, [...x.shape], dtype));
}

/** Records the node of `y = name(x)` and reports the op. */
function finish(name: Name, spec: Spec, x: Tensor, y: Tensor): Tensor {
  if (needsGrad(x)) {
    attach(
      spec.node,
      [x],
      [y],
      (grads, saved) => [spec.backward(grad0(grads), saved[0] ?? (spec.saves === 'self' ? x : y))],
      () => [spec.saves === 'self' ? save(x) : save(y, true)],
    );
  }
  reportOp(name, [x], {}, [y]);
  return y;
}

const ATAN2 = declareNode('Atan2Backward0', true);

/**
 * float64 atan2 as cpu_kernel_vec runs it: SLEEF's atan2 on blocks of 8 of each row, glibc's on
 * the last n % 8. Operands of the same shape are one row; a broadcast one is taken row by row
 * along the last dimension (TensorIterator's inner loop when an operand repeats).
 */
function atan2Rows(y: ArrayLike<number>, x: ArrayLike<number>, out: Storage, width: number): void {
  const row = Math.max(width, 1);
  for (let start = 0; start < y.length; start += row) {
    const end = start + row;
    const vectorEnd = end - (row % 8);
    for (let i = start; i < vectorEnd; i++) out[i] = sleefInverse64.atan2(y[i] ?? 0, x[i] ?? 0);
    for (let i = vectorEnd; i < end; i++) out[i] = libm.atan2(y[i] ?? 0, x[i] ?? 0);
  }
}

/** `torch.atan2(input, other)`: the angle of (other, input), broadcasting, promoted dtype. */
export function atan2(a: Tensor, b: Tensor): Tensor {
  const promoted = promote(a, b);
  refuseHalf(promoted, 'atan2_cpu');
  const dtype: DType = isFloating(promoted) ? promoted : 'float32';
  const shape = broadcastShapes(a.shape, b.shape);
  const y = valuesAt(a, shape);
  const x = valuesAt(b, shape);
  const out = allocate(dtype, y.length);
  if (dtype === 'float64') {
    const same = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
    atan2Rows(y, x, out, same ? y.length : (shape[shape.length - 1] ?? 1));
  } else {
    for (let i = 0; i < y.length; i++) {
      out[i] = atan2f(Math.fround(y[i] ?? 0), Math.fround(x[i] ?? 0));
    }
  }
  const result = new Tensor(out, shape, dtype);
  if (needsGrad(a, b)) {
    attach(
      ATAN2,
      [a, b],
      [result],
      (grads, saved, n) => {
        const g = grad0(grads);
        const self = saved[0] ?? a;
        const other = saved[1] ?? b;
        const recip = unary.reciprocal(arith.add(arith.mul(self, self), arith.mul(other, other)));
        return [
          n.needsInputGrad(0) ? arith.mul(arith.mul(g, other), recip) : null,
          n.needsInputGrad(1) ? arith.mul(arith.mul(g, unary.neg(self)), recip) : null,
        ];
      },
      () => [save(a), save(b)],
    );
  }
  reportOp('atan2', [a, b], {}, [result]);
  return result;
}

declare module '../tensor.js' {
  interface Tensor {
    /** `atan2(other)`. */
    atan2(other: Tensor): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.tan(input)`. */
    tan(x: Tensor): Tensor;
    /** `torch.asin(input)`. */
    asin(x: Tensor): Tensor;
    /** `torch.acos(input)`. */
    acos(x: Tensor): Tensor;
    /** `torch.atan(input)`. */
    atan(x: Tensor): Tensor;
    /** `torch.sinh(input)`. */
    sinh(x: Tensor): Tensor;
    /** `torch.cosh(input)`. */
    cosh(x: Tensor): Tensor;
    /** `torch.log2(input)`. */
    log2(x: Tensor): Tensor;
    /** `torch.log10(input)`. */
    log10(x: Tensor): Tensor;
    /** `torch.log1p(input)`. */
    log1p(x: Tensor): Tensor;
    /** `torch.expm1(input)`. */
    expm1(x: Tensor): Tensor;
    /** `torch.exp2(input)`. */
    exp2(x: Tensor): Tensor;
    /** `torch.erf(input)`. */
    erf(x: Tensor): Tensor;
    /** `torch.erfc(input)`. */
    erfc(x: Tensor): Tensor;
    /** `torch.arcsin(input)`. */
    arcsin(x: Tensor): Tensor;
    /** `torch.arccos(input)`. */
    arccos(x: Tensor): Tensor;
    /** `torch.arctan(input)`. */
    arctan(x: Tensor): Tensor;
    /** `torch.atan2(input, other)`. */
    atan2(x: Tensor, other: Tensor): Tensor;
  }
}

function declaration(python: string, name: Name): OpDeclaration {
  const run = (x: Tensor) => transcendental(name, x);
  return declareOp({
    name: python,
    nodes: [SPECS[name]?.node ?? node(name)],
    functions: {[python]: run},
    python: {
      [python]: {method: `${python}()`, noArgs: true, function: true, out: 'cast', call: run},
    },
  });
}

/** The functions, their aliases, and atan2 / arctan2. */
export const declarations: readonly OpDeclaration[] = [
  ...Object.keys(SPECS).map((name) => declaration(name, name)),
  ...Object.entries(ALIASES).map(([alias, name]) => declaration(alias, name)),
  declareOp({
    name: 'atan2',
    nodes: [ATAN2],
    methods: {
      atan2(this: Tensor, other: Tensor) {
        return atan2(this, other);
      },
    },
    functions: {atan2: (x: Tensor, other: Tensor) => atan2(x, other)},
    python: {
      atan2: {
        method: 'atan2(Tensor other)',
        function: true,
        call: (t, a) => atan2(t, a.get('other') as Tensor),
      },
      arctan2: {
        method: 'arctan2(Tensor other)',
        function: true,
        call: (t, a) => atan2(t, a.get('other') as Tensor),
      },
    },
  }),
];
