/**
 * `torch.*` functions that make tensors out of others' shapes, as PyTorch 1.13 composes them
 * from views: `broadcast_tensors` / `broadcast_to` (expand), `meshgrid` (view + expand, `indexing=`
 * 'ij' or 'xy'), `cartesian_prod` (meshgrid, flatten, stack), `tril_indices` / `triu_indices`
 * (ATen's walk over the triangle), and `as_tensor` (the tensor itself when nothing changes) and
 * `from_numpy` (refused: grad-graph runs no numpy).
 */
import type {DType} from '../../../autograd/dtype.js';
import {runtimeError} from '../../../autograd/errors.js';
import {toDType as castTo} from '../../../autograd/ops/convert.js';
import * as factories from '../../../autograd/ops/factories.js';
import {stack} from '../../../autograd/ops/join.js';
import {broadcastTensors, expand, reshape, view} from '../../../autograd/ops/views.js';
import {Tensor} from '../../../autograd/tensor.js';
import {inLibrary, pyError} from '../errors.js';
import {typeName} from '../repr.js';
import {PyCallable, PyList, PyTuple, type Kwargs} from '../values.js';
import {pyWarn} from '../warnings.js';
import {bind, sig} from './args.js';
import {toDType, toInt, toNestedData} from './convert.js';
import {requireCpu} from './device.js';
import {broadcastTensorsFrame} from './nn/sources.js';

const functional = '/usr/lib/python3/dist-packages/torch/functional.py';

function tensorsOf(name: string, args: readonly unknown[]): Tensor[] {
  // meshgrid([a, b]) and cartesian_prod take the tensors one by one or as one sequence
  const [first] = args;
  const items =
    args.length === 1 && (first instanceof PyList || first instanceof PyTuple) ? first.items : args;
  return items.map((t, i) => {
    if (!(t instanceof Tensor)) {
      throw pyError(
        'TypeError',
        `${name}(): argument 'tensors' (position 1) must be tuple of Tensors, not ${typeName(t)}` +
          (items === args ? '' : ` (element ${i})`),
      );
    }
    return t;
  });
}

function noKeywords(name: string, kwargs: Kwargs, allowed: readonly string[] = []): void {
  for (const k of kwargs.keys()) {
    if (!allowed.includes(k))
      throw pyError('TypeError', `${name}() got an unexpected keyword argument '${k}'`);
  }
}

/** ATen's meshgrid: each tensor viewed along its own dimension and expanded to the grid. */
export function meshgrid(tensors: readonly Tensor[], indexing: string): Tensor[] {
  if (tensors.length === 0) throw runtimeError('meshgrid expects a non-empty TensorList');
  for (let i = 0; i + 1 < tensors.length; i++) {
    if (tensors[i]?.dtype !== tensors[i + 1]?.dtype)
      throw runtimeError('meshgrid expects all tensors to have the same dtype');
  }
  const refs = [...tensors];
  let swap = false;
  if (indexing === 'xy') {
    swap = refs.length >= 2;
    if (swap) [refs[0], refs[1]] = [refs[1] as Tensor, refs[0] as Tensor];
  } else if (indexing !== 'ij') {
    throw runtimeError(
      `torch.meshgrid: indexing must be one of "xy" or "ij", but received: ${indexing}`,
    );
  }
  for (const t of refs) {
    if (t.dim() > 1) {
      throw runtimeError(
        `torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got a tensor of size [${t.shape.join(', ')}]`,
      );
    }
  }
  const shape = refs.map((t) => t.numel());
  const grids = refs.map((t, i) =>
    view(
      t,
      shape.map((_, j) => (j === i ? -1 : 1)),
    ),
  );
  const out = grids.map((g) => expand(g, shape));
  if (swap) [out[0], out[1]] = [out[1] as Tensor, out[0] as Tensor];
  return out;
}

/** The (row, column) pairs of a triangle in ATen's order, as a 2×N tensor of `dtype`. */
function triangleIndices(name: string, a: Map<string, unknown>, lower: boolean): Tensor {
  requireCpu(a.get('device'));
  const row = toInt(a.get('row'));
  const col = toInt(a.get('col'));
  const offset = Number(toInt(a.get('offset')));
  if (row < 0) throw runtimeError(`row must be non-negative, got${row}`);
  if (col < 0) throw runtimeError(`col must be non-negative, got${col}`);
  const rows: number[] = [];
  const cols: number[] = [];
  for (let r = 0; r < Number(row); r++) {
    for (let c = 0; c < Number(col); c++) {
      if (lower ? c - r <= offset : c - r >= offset) {
        rows.push(r);
        cols.push(c);
      }
    }
  }
  const dtype: DType = toDType(a.get('dtype')) ?? 'int64';
  if (dtype !== 'int64' && dtype !== 'int32')
    throw runtimeError(`"${name}" not implemented for '${dtype}'`);
  const values = [...rows, ...cols].map((v) => BigInt(v));
  return factories.tensor([values.slice(0, rows.length), values.slice(rows.length)], {dtype});
}

const triangleSig = (name: string) =>
  sig(
    `${name}(int row, int col, int offset=0, *, dtype? dtype=None, any device=None, any layout=None)`,
  );

/** `torch.as_tensor(data, dtype=None, device=None)`: shares a tensor when nothing changes. */
export function asTensor(data: unknown, dtype: DType | undefined): Tensor {
  if (data instanceof Tensor) return dtype === undefined ? data : castTo(data, dtype);
  return factories.tensor(toNestedData(data), dtype ? {dtype} : {});
}

/** The grid functions of the `torch` module, by name. */
export function gridFunctions(): [string, PyCallable][] {
  const fn = (name: string, run: (args: readonly unknown[], kwargs: Kwargs) => unknown) =>
    [name, new PyCallable(name, run, {kind: 'module-function', module: 'torch'})] as [
      string,
      PyCallable,
    ];
  const broadcastToSig = sig('broadcast_to(Tensor input, ints size)');
  const asTensorSig = sig('as_tensor(any data, *, dtype? dtype=None, any device=None)');
  return [
    fn('broadcast_tensors', (args, kwargs) => {
      noKeywords('broadcast_tensors', kwargs);
      const tensors = tensorsOf('broadcast_tensors', args);
      return new PyTuple(inLibrary(broadcastTensorsFrame, () => broadcastTensors(tensors)));
    }),
    fn('broadcast_to', (args, kwargs) => {
      const a = bind(broadcastToSig, args, kwargs);
      const size = a.get('size');
      const items = size instanceof PyList || size instanceof PyTuple ? size.items : [size];
      return expand(
        a.get('input') as Tensor,
        items.map((v) => toInt(v)),
      );
    }),
    fn('meshgrid', (args, kwargs) => {
      noKeywords('meshgrid', kwargs, ['indexing']);
      const tensors = tensorsOf('meshgrid', args);
      const indexing = kwargs.get('indexing') ?? null;
      if (indexing === null) {
        pyWarn(
          'UserWarning',
          'torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument. (Triggered internally at  ./aten/src/ATen/native/TensorShape.cpp:3190.)',
          {
            file: functional,
            line: 504,
            source: 'return _VF.meshgrid(tensors, **kwargs)  # type: ignore[attr-defined]',
          },
        );
      } else if (typeof indexing !== 'string') {
        throw pyError(
          'TypeError',
          `meshgrid() received an invalid combination of arguments - got indexing=${typeName(indexing)}`,
        );
      }
      return new PyTuple(meshgrid(tensors, indexing ?? 'ij'));
    }),
    fn('cartesian_prod', (args, kwargs) => {
      noKeywords('cartesian_prod', kwargs);
      const tensors = tensorsOf('cartesian_prod', args);
      for (const t of tensors) {
        if (t.dim() !== 1)
          throw runtimeError(`Expect a 1D vector, but got shape [${t.shape.join(', ')}]`);
      }
      if (tensors.length === 1) return tensors[0];
      return stack(
        meshgrid(tensors, 'ij').map((g) => reshape(g, [-1])),
        1,
      );
    }),
    fn('tril_indices', (args, kwargs) =>
      triangleIndices('tril_indices', bind(triangleSig('tril_indices'), args, kwargs), true),
    ),
    fn('triu_indices', (args, kwargs) =>
      triangleIndices('triu_indices', bind(triangleSig('triu_indices'), args, kwargs), false),
    ),
    fn('as_tensor', (args, kwargs) => {
      const a = bind(asTensorSig, args, kwargs);
      requireCpu(a.get('device'));
      return asTensor(a.get('data'), toDType(a.get('dtype')));
    }),
    fn('from_numpy', (args) => {
      const [first] = args;
      // PyTorch's words name numpy's array; grad-graph refuses `import numpy` itself
      throw pyError('TypeError', `expected np.ndarray (got ${typeName(first)})`);
    }),
  ];
}
