/**
 * Finite-difference gradient checks (float64) for the everyday tensor ops: scans, splits and
 * rearrangements, elementwise extrema.
 */
import {torch} from '../../autograd/index.js';
import {checkCases, nonzero, positive, t, type Case, type Maker} from './finite-difference.js';

/** Inside (-1, 1), away from its ends: asin's and acos's domain. */
const unit: Maker = (r) => r() * 1.6 - 0.8;

const CASES: Case[] = [
  {name: 'cumsum dim 0', shapes: [[5]], fn: (a) => t(a).cumsum(0)},
  {name: 'cumsum dim 1', shapes: [[2, 4]], fn: (a) => t(a).cumsum(1)},
  {name: 'cumsum dim -2', shapes: [[3, 2]], fn: (a) => torch.cumsum(t(a), -2)},
  {name: 'cumprod', shapes: [[5]], make: [nonzero], fn: (a) => t(a).cumprod(0)},
  {name: 'cumprod dim 1', shapes: [[2, 3]], make: [nonzero], fn: (a) => t(a).cumprod(1)},
  {
    name: 'cumprod with a zero',
    shapes: [[4]],
    fn: (a) => torch.cat([t(a).split(2)[0] ?? t(a), torch.zeros(1, {dtype: 'float64'})]).cumprod(0),
  },
  {
    name: 'split pieces',
    shapes: [[7]],
    fn: (a) =>
      torch.cat(
        t(a)
          .split(3)
          .map((p, i) => p.mul(i + 1)),
      ),
  },
  {name: 'split, a piece unused', shapes: [[3, 4]], fn: (a) => t(a).split([1, 3], 1)[1] ?? t(a)},
  {name: 'chunk', shapes: [[2, 5]], fn: (a) => t(a).chunk(2, 1)[0] ?? t(a)},
  {name: 'unbind', shapes: [[3, 2]], fn: (a) => (t(a).unbind(0)[1] ?? t(a)).mul(3)},
  {name: 'flip', shapes: [[2, 3]], fn: (a) => t(a).flip([1])},
  {name: 'flip two dims', shapes: [[2, 3]], fn: (a) => torch.flip(t(a), [0, 1])},
  {name: 'roll flattened', shapes: [[2, 3]], fn: (a) => t(a).roll([2])},
  {name: 'roll dims', shapes: [[3, 4]], fn: (a) => t(a).roll([1, -1], [0, 1])},
  {name: 'repeat', shapes: [[3]], fn: (a) => t(a).repeat([2, 3])},
  {name: 'repeat 3-D', shapes: [[2, 1, 2]], fn: (a) => t(a).repeat([1, 3, 2])},
  {name: 'tile', shapes: [[2, 2]], fn: (a) => torch.tile(t(a), [2])},
  {name: 'tril', shapes: [[3, 3]], fn: (a) => t(a).tril()},
  {name: 'triu diagonal 1', shapes: [[3, 4]], fn: (a) => torch.triu(t(a), 1)},
  {name: 'expand_as', shapes: [[3, 1]], fn: (a) => t(a).expandAs(torch.ones(3, 2))},
  {name: 'square', shapes: [[2, 3]], fn: (a) => t(a).square()},
  {name: 'rsqrt', shapes: [[4]], make: [positive], fn: (a) => torch.rsqrt(t(a))},
  {name: 'sign (zero gradient)', shapes: [[3]], make: [nonzero], fn: (a) => t(a).sign().add(t(a))},
  {name: 'var', shapes: [[6]], fn: (a) => t(a).var()},
  {name: 'std dim 1', shapes: [[2, 4]], fn: (a) => t(a).std({dim: 1})},
  {
    name: 'std dim 0 keepdim, biased',
    shapes: [[3, 2]],
    fn: (a) => t(a).std({dim: 0, keepdim: true, correction: 0}),
  },
  {name: 'prod', shapes: [[4]], make: [nonzero], fn: (a) => t(a).prod()},
  {name: 'prod dim 1', shapes: [[2, 3]], make: [nonzero], fn: (a) => t(a).prod(1)},
  {name: 'logsumexp', shapes: [[2, 3]], fn: (a) => t(a).logsumexp(1)},
  {name: 'logsumexp all, keepdim', shapes: [[2, 2]], fn: (a) => t(a).logsumexp([0, 1], true)},
  {name: 'amax', shapes: [[3, 4]], fn: (a) => t(a).amax(0)},
  {name: 'amin keepdim', shapes: [[3, 4]], fn: (a) => t(a).amin(1, true)},
  {
    name: 'bmm small',
    shapes: [
      [2, 2, 3],
      [2, 3, 2],
    ],
    fn: (a, b) => t(a).bmm(t(b)),
  },
  {
    name: 'bmm large',
    shapes: [
      [2, 8, 8],
      [2, 8, 8],
    ],
    fn: (a, b) => torch.bmm(t(a), t(b)),
  },
  {name: 'outer', shapes: [[3], [2]], fn: (a, b) => torch.outer(t(a), t(b))},
  {name: 'sort values', shapes: [[2, 4]], fn: (a) => t(a).sort(1)[0]},
  {name: 'sort descending dim 0', shapes: [[3, 2]], fn: (a) => t(a).sort(0, true)[0]},
  {name: 'topk', shapes: [[5]], fn: (a) => t(a).topk(2)[0]},
  {name: 'maximum broadcast', shapes: [[2, 3], [3]], fn: (a, b) => torch.maximum(t(a), t(b))},
  {name: 'minimum', shapes: [[4], [4]], fn: (a, b) => t(a).minimum(t(b))},
  {
    name: 'fmax',
    shapes: [
      [3, 1],
      [1, 2],
    ],
    fn: (a, b) => torch.fmax(t(a), t(b)),
  },
  {name: 'fmin', shapes: [[4], [4]], fn: (a, b) => t(a).fmin(t(b))},
  {name: 'tan', shapes: [[4]], make: [unit], fn: (a) => torch.tan(t(a))},
  {name: 'asin', shapes: [[4]], make: [unit], fn: (a) => torch.asin(t(a))},
  {name: 'acos', shapes: [[4]], make: [unit], fn: (a) => torch.acos(t(a))},
  {name: 'atan', shapes: [[4]], fn: (a) => torch.atan(t(a))},
  {name: 'sinh', shapes: [[4]], fn: (a) => torch.sinh(t(a))},
  {name: 'cosh', shapes: [[4]], fn: (a) => torch.cosh(t(a))},
  {name: 'log2', shapes: [[4]], make: [positive], fn: (a) => torch.log2(t(a))},
  {name: 'log10', shapes: [[4]], make: [positive], fn: (a) => torch.log10(t(a))},
  {name: 'log1p', shapes: [[4]], make: [positive], fn: (a) => torch.log1p(t(a))},
  {name: 'expm1', shapes: [[4]], fn: (a) => torch.expm1(t(a))},
  {name: 'exp2', shapes: [[4]], fn: (a) => torch.exp2(t(a))},
  {name: 'erf', shapes: [[4]], fn: (a) => torch.erf(t(a))},
  {name: 'erfc', shapes: [[4]], fn: (a) => torch.erfc(t(a))},
  {
    name: 'atan2 broadcast',
    shapes: [[2, 3], [3]],
    make: [nonzero, nonzero],
    fn: (a, b) => torch.atan2(t(a), t(b)),
  },
];

checkCases('finite-difference gradient check of tensor ops (float64)', CASES, 5000);
