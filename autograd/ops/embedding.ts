/**
 * Embedding lookups: `torch.embedding` (EmbeddingBackward0) picks rows of a 2-D weight by an
 * int64/int32 index tensor, as ATen's `embedding` does (`index_select` on the flattened indices,
 * its "index out of range in self"); backward is `embedding_dense_backward_cpu`: each index's
 * gradient row added into its weight row in index order, none for `padding_idx`, divided by the
 * index's count under `scale_grad_by_freq`. `torch.embedding_renorm_` rescales the picked rows
 * whose p-norm exceeds max_norm in place (what `F.embedding(max_norm=…)` does first).
 */
import {legacyTypeName} from '../dtype.js';
import {runtimeError, TorchError} from '../errors.js';
import {withGradMode} from '../gradmode.js';
import {gather} from '../kernels/strided.js';
import {save} from '../node.js';
import {declareNode, declareOp} from '../op.js';
import type {BoundArgs, OpDeclaration, PythonCallContext} from '../op.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {Tensor} from '../tensor.js';
import {grad0} from './util.js';

const EMBEDDING = declareNode('EmbeddingBackward0', false, [{moves: 'accumulate'}]);

/** `checkScalarTypes(fn, indices, {kLong, kInt})`. */
function checkIndices(indices: Tensor, fn: string, position: number): void {
  if (indices.dtype !== 'int64' && indices.dtype !== 'int32') {
    throw runtimeError(
      `Expected tensor for argument #${position} 'indices' to have one of the following scalar types: Long, Int; but got ${legacyTypeName(indices.dtype)} instead (while checking arguments for ${fn})`,
    );
  }
}

/**
 * `torch.embedding(weight, indices, padding_idx=-1, scale_grad_by_freq=False, sparse=False)`:
 * out[…, :] = weight[indices[…], :]. ∂/∂weight[k] = Σ over the places holding k (k ≠ padding_idx)
 * of their gradient rows (each divided by k's count under scale_grad_by_freq).
 */
export function embedding(
  weight: Tensor,
  indices: Tensor,
  paddingIdx = -1,
  scaleGradByFreq = false,
  sparse = false,
): Tensor {
  if (weight.dim() !== 2) throw runtimeError("'weight' must be 2-D");
  checkIndices(indices, 'embedding', 1);
  const [rows = 0, width = 0] = weight.shape;
  const idx = gather(indices, 'float64');
  for (const k of idx) {
    if (k < 0 || k >= rows) throw new TorchError('IndexError', 'index out of range in self');
  }
  const w = gather(weight, weight.dtype);
  const out = new (w.constructor as new (n: number) => typeof w)(idx.length * width);
  idx.forEach((k, i) => {
    out.set(w.subarray(k * width, (k + 1) * width), i * width);
  });
  const output = new Tensor(out, [...indices.shape, width], weight.dtype);
  if (needsGrad(weight)) {
    attach(
      EMBEDDING,
      [weight],
      [output],
      (grads) => {
        if (sparse) {
          throw runtimeError(
            'grad-graph: sparse gradients (embedding with sparse=True) are not supported; use sparse=False',
          );
        }
        const g = gather(grad0(grads), weight.dtype);
        const gw = new (w.constructor as new (n: number) => typeof w)(rows * width);
        const counts = new Map<number, number>();
        if (scaleGradByFreq) for (const k of idx) counts.set(k, (counts.get(k) ?? 0) + 1);
        const float32 = weight.dtype === 'float32';
        idx.forEach((k, i) => {
          if (k === paddingIdx) return;
          // add_stub(grad_weight[k], grad[i], alpha = scale): a + alpha·b, alpha in the dtype.
          const scale = scaleGradByFreq ? 1 / (counts.get(k) ?? 1) : 1;
          const alpha = float32 ? Math.fround(scale) : scale;
          for (let j = 0; j < width; j++) {
            gw[k * width + j] = (gw[k * width + j] ?? 0) + alpha * (g[i * width + j] ?? 0);
          }
        });
        return [new Tensor(gw, [rows, width], weight.dtype)];
      },
      () => [save(indices), save(weight)],
    );
  }
  reportOp(
    'embedding',
    [weight, indices],
    {padding_idx: paddingIdx, scale_grad_by_freq: scaleGradByFreq, sparse},
    [output],
  );
  return output;
}

/**
 * `torch.embedding_renorm_(weight, indices, max_norm, norm_type)`: each distinct picked row whose
 * p-norm exceeds max_norm is multiplied by max_norm / (norm + 1e-7), in place, unrecorded.
 */
export function embeddingRenorm_(
  weight: Tensor,
  indices: Tensor,
  maxNorm: number,
  normType: number,
): Tensor {
  if (weight.dim() !== 2) {
    throw runtimeError(
      `Expected 2-dimensional tensor, but got ${weight.dim()}-dimensional tensor for argument #1 'self' (while checking arguments for embedding_renorm_)`,
    );
  }
  checkIndices(indices, 'embedding_renorm_', 2);
  const sorted = [...new Set(gather(indices, 'float64'))].sort((a, b) => a - b);
  withGradMode(false, () => {
    for (const k of sorted) {
      const row = weight.select(0, k);
      const norm = Number(row.norm({p: normType}).item());
      if (norm > maxNorm) row.mul_(maxNorm / (norm + 1e-7));
    }
  });
  return weight;
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.embedding(weight, indices, padding_idx=-1, scale_grad_by_freq=False, sparse=False)`. */
    embedding: typeof embedding;
    /** `torch.embedding_renorm_(weight, indices, max_norm, norm_type)`. */
    embeddingRenorm_: typeof embeddingRenorm_;
  }
}

/** A tensor argument of torch.embedding, or the native parser's message. */
function tensorArg(v: unknown, ctx: PythonCallContext, name: string, position: number): Tensor {
  if (v instanceof Tensor) return v;
  throw new TorchError(
    'TypeError',
    `embedding(): argument '${name}' (position ${position}) must be Tensor, not ${ctx.typeName(v)}`,
  );
}

/**
 * `F.embedding`: functional.py's padding_idx checks (an AssertionError when outside the rows;
 * a negative one counts from the end), the renorm under max_norm, then torch.embedding.
 */
function functionalEmbedding(a: BoundArgs, ctx: PythonCallContext): Tensor {
  const input = a.get('input');
  const weightArg = a.get('weight');
  let padding = a.get('padding_idx') ?? null;
  if (padding !== null) {
    if (!(weightArg instanceof Tensor)) {
      throw new TorchError(
        'AttributeError',
        `'${ctx.typeName(weightArg)}' object has no attribute 'size'`,
      );
    }
    const rows = BigInt(weightArg.shape[0] ?? 0);
    const p = ctx.int(padding);
    if ((p > 0 && !(p < rows)) || (p < 0 && !(p >= -rows))) {
      throw new TorchError('AssertionError', 'Padding_idx must be within num_embeddings');
    }
    padding = p < 0 ? rows + BigInt(p) : p;
  }
  const weight = tensorArg(weightArg, ctx, 'weight', 1);
  const indices = tensorArg(input, ctx, 'indices', 2);
  const maxNorm = a.get('max_norm') ?? null;
  if (maxNorm !== null) {
    embeddingRenorm_(weight, indices, Number(maxNorm), Number(a.get('norm_type')));
  }
  return embedding(
    weight,
    indices,
    padding === null ? -1 : Number(padding),
    a.get('scale_grad_by_freq') === true,
    a.get('sparse') === true,
  );
}

/** torch.embedding, F.embedding and torch.embedding_renorm_. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'embedding',
    nodes: [EMBEDDING],
    functions: {embedding, embeddingRenorm_},
    pythonFunctional: {
      embedding: {
        signature:
          'embedding(any input, any weight, any padding_idx=None, any max_norm=None, any norm_type=2.0, any scale_grad_by_freq=False, any sparse=False)',
        style: 'python',
        call: functionalEmbedding,
      },
    },
    pythonTorch: {
      embedding: {
        signature:
          'embedding(any weight, any indices, int padding_idx=-1, bool scale_grad_by_freq=False, bool sparse=False)',
        call: (a, ctx) =>
          embedding(
            tensorArg(a.get('weight'), ctx, 'weight', 1),
            tensorArg(a.get('indices'), ctx, 'indices', 2),
            Number(a.get('padding_idx')),
            a.get('scale_grad_by_freq') === true,
            a.get('sparse') === true,
          ),
      },
      embedding_renorm_: {
        signature:
          'embedding_renorm_(Tensor input, Tensor indices, float max_norm, float norm_type)',
        call: (a) =>
          embeddingRenorm_(
            a.get('input') as Tensor,
            a.get('indices') as Tensor,
            Number(a.get('max_norm')),
            Number(a.get('norm_type')),
          ),
      },
    },
  }),
];
