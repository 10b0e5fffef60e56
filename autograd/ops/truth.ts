/**
 * `all` and `any`: whether every (some) element is nonzero, over the whole tensor or along one
 * dim. NaN counts as true, an empty reduction is true for `all` and false for `any`, as in
 * PyTorch. The result is bool (uint8 for a uint8 input, as 1.13 keeps it); none is
 * differentiable.
 */
import {allocate} from '../dtype.js';
import {reportOp} from '../record.js';
import {declareOp, overload} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {numelOf, wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import {valuesAt} from './util.js';

/** The two truth reductions. */
export type TruthOp = 'all' | 'any';

/** `x.all()` / `x.any()` over everything, or along `dim` (kept as size 1 when `keepdim`). */
export function truth(op: TruthOp, x: Tensor, dim: Int | null = null, keepdim = false): Tensor {
  const values = valuesAt(x, x.shape);
  const dtype = x.dtype === 'uint8' ? 'uint8' : 'bool';
  const d = dim === null ? null : wrapDim(dim, x.shape.length);
  const outer = d === null ? 1 : numelOf(x.shape.slice(0, d));
  const size = d === null ? values.length : (x.shape[d] ?? 1);
  const inner = d === null ? 1 : numelOf(x.shape.slice(d + 1));
  const out = allocate(dtype, outer * inner);
  const want = op === 'any';
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let found = false;
      for (let k = 0; k < size && !found; k++) {
        const v = values[(o * size + k) * inner + i] ?? 0;
        found = (v !== 0) === want;
      }
      out[o * inner + i] = found === want ? 1 : 0;
    }
  }
  const shape =
    d === null
      ? keepdim
        ? x.shape.map(() => 1)
        : []
      : x.shape.flatMap((s, i) => (i === d ? (keepdim ? [1] : []) : [s]));
  const result = new Tensor(out, shape, dtype);
  reportOp(op, [x], {dim: d, keepdim}, [result]);
  return result;
}

declare module '../tensor.js' {
  interface Tensor {
    /** `all()` / `all(dim, keepdim=False)`. */
    all(dim?: Int, keepdim?: boolean): Tensor;
    /** `any()` / `any(dim, keepdim=False)`. */
    any(dim?: Int, keepdim?: boolean): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.all(input, dim=None, keepdim=False)`. */
    all(x: Tensor, dim?: Int, keepdim?: boolean): Tensor;
    /** `torch.any(input, dim=None, keepdim=False)`. */
    any(x: Tensor, dim?: Int, keepdim?: boolean): Tensor;
  }
}

function declaration(op: TruthOp): OpDeclaration {
  return declareOp({
    name: op,
    methods: {
      [op](this: Tensor, dim?: Int, keepdim = false) {
        return truth(op, this, dim ?? null, keepdim);
      },
    },
    functions: {
      [op]: (x: Tensor, dim?: Int, keepdim = false) => truth(op, x, dim ?? null, keepdim),
    },
    python: {
      [op]: {
        method: `${op}(int? dim=None, bool keepdim=False)`,
        overloads: [
          overload('()', 0, 0),
          overload('(int dim, bool keepdim)', 1, 2),
          overload('(name dim, bool keepdim)', 1, 2),
        ],
        function: [
          overload('(Tensor input, *, Tensor out)', 1, 2),
          overload('(Tensor input, int dim, bool keepdim, *, Tensor out)', 2, 4),
          overload('(Tensor input, name dim, bool keepdim, *, Tensor out)', 2, 4),
        ],
        call: (t, a, ctx) => {
          const dim = a.get('dim') as Int | null;
          if (dim === null && a.get('keepdim') === true) ctx.invalidArguments();
          return truth(op, t, dim, a.get('keepdim') === true);
        },
      },
    },
  });
}

/** all and any (no derivative: bool results). */
export const declarations: readonly OpDeclaration[] = [declaration('all'), declaration('any')];
