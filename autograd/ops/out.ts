/**
 * `out=` arguments (`torch.add(x, y, out=result)`): an op's result written into a given tensor
 * with PyTorch 1.13's rules. The op computes as usual, then its result is checked against the out
 * tensor's dtype by the op's rule (declared once per op in its Python binding), the out tensor is
 * resized when its shape differs (`at::native::resize_output`: a fresh contiguous layout over its
 * storage, grown if needed), and the values are cast and written through its strides; its version
 * moves as an in-place op's does. Autograd never records through out= (the runner refuses inputs
 * that require grad first, with PyTorch's message).
 */
import {allocate, canCast, scalarTypeName} from '../dtype.js';
import type {DType} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {muteObserver, storageWillChange} from '../report.js';
import {contiguousStrides, numelOf, sameShape} from '../shape.js';
import type {Tensor} from '../tensor.js';
import {castData} from './convert.js';
import {writeStrided} from './views.js';

/**
 * How an op's out tensor may differ in dtype from its result:
 * `cast` — TensorIterator ops: any dtype the result can be cast to (`result type Float can't be
 * cast to the desired output type Long`); `same` — the result's dtype only (`Found dtype Double
 * but expected Float`); `matmul` — mm/bmm/mv/matmul's check (`Expected out tensor to have dtype
 * float, but got double instead`); `cat` — cat/stack (`torch.cat(): input types can't be cast to
 * the desired output type Long`); `dtype` — reductions that compute in the out tensor's dtype, as
 * if it were their `dtype=` (sum: the runner passes it).
 */
export type OutRule = 'cast' | 'same' | 'matmul' | 'cat' | 'dtype';

const cNames: Readonly<Record<DType, string>> = {
  float32: 'float',
  float64: 'double',
  float16: 'c10::Half',
  int64: 'long int',
  int32: 'int',
  int16: 'short int',
  int8: 'signed char',
  uint8: 'unsigned char',
  bool: 'bool',
};

/** The error for an out tensor of the wrong dtype, or null when the rule allows it. */
function dtypeProblem(rule: OutRule, result: DType, out: DType): string | null {
  if (result === out || rule === 'dtype') return null;
  switch (rule) {
    case 'cast':
      return canCast(result, out)
        ? null
        : `result type ${scalarTypeName(result)} can't be cast to the desired output type ${scalarTypeName(out)}`;
    case 'cat':
      return canCast(result, out)
        ? null
        : `torch.cat(): input types can't be cast to the desired output type ${scalarTypeName(out)}`;
    case 'same':
      return `Found dtype ${scalarTypeName(out)} but expected ${scalarTypeName(result)}`;
    case 'matmul':
      return `Expected out tensor to have dtype ${cNames[result]}, but got ${cNames[out]} instead`;
  }
}

/** The mutable view of a tensor's layout, for resize_output only. */
type Layout = {-readonly [K in 'data' | 'shape' | 'strides']: Tensor[K]};

/**
 * Writes `result` into `out` by `rule`: checks the dtype, resizes `out` to the result's shape
 * when they differ (calling `resizing` first when out had elements: PyTorch warns then), casts
 * and writes the values, bumps its version; returns `out`.
 */
export function writeOut(
  out: Tensor,
  result: Tensor,
  rule: OutRule,
  resizing: (from: readonly number[], to: readonly number[]) => void = () => undefined,
): Tensor {
  const problem = dtypeProblem(rule, result.dtype, out.dtype);
  if (problem !== null) throw runtimeError(problem);
  // before the layout changes: an observer holding out's values (or a view's) copies them now
  storageWillChange(out);
  if (!sameShape(out.shape, result.shape)) {
    if (out.numel() > 0) resizing(out.shape, result.shape);
    const shape = [...result.shape];
    const needed = out.offset + numelOf(shape);
    const layout = out as unknown as Layout;
    if (needed > out.data.length) {
      const grown = allocate(out.dtype, needed);
      grown.set(out.data);
      layout.data = grown;
    }
    layout.shape = shape;
    layout.strides = contiguousStrides(shape);
  }
  writeStrided(out, muteObserver(() => castData(result, out.dtype)).data);
  out.version.value++;
  return out;
}
