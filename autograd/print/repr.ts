/**
 * Printed forms of the small objects: `torch.Size([2, 2])`, `torch.float32`, grad_fn objects.
 */
import type {DType} from '../dtype.js';
import {dtypeRepr as reprOfDType} from '../dtype.js';
import type {Node} from '../node.js';

/** `repr(torch.Size(shape))`. */
export function formatSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

/** `repr(dtype)`, e.g. `torch.float32`. */
export function formatDType(dtype: DType): string {
  return reprOfDType(dtype);
}

/** `repr(grad_fn)`: `<AddBackward0 object at 0x7f4a…>`; `None` for null. */
export function formatGradFn(node: Node | null): string {
  return node === null ? 'None' : node.toString();
}

/** Python's `repr(tuple(shape))`: `(0, 3)`, `(0,)`, `()`. */
export function formatShapeTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}
