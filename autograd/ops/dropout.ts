/**
 * Dropout as PyTorch 1.13 runs it on the CPU (aten/src/ATen/native/Dropout.cpp, `_dropout_impl`;
 * the fused `native_dropout` is for CUDA only): a noise tensor filled by `bernoulli_(1 - p)` from
 * the generator and divided in place by `1 - p`, then `input * noise`, so the graph holds one
 * MulBackward0 whose other input is the mask. Feature dropout (`dropout1d/2d/3d`) draws one
 * noise value per (sample, channel), broadcast over the rest. With p = 0, in eval mode or for an
 * empty input the input itself comes back; with p = 1 it is multiplied by a 0-d zero.
 */
import {cppDouble, runtimeError} from '../errors.js';
import {declareOp} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {defaultGenerator} from '../random.js';
import type {Generator} from '../random.js';
import {fillBernoulliScalar} from '../sampling.js';
import type {Tensor} from '../tensor.js';
import * as arith from './arith.js';
import {filled} from './factories.js';
import {binary_} from './inplace.js';
import {quietly} from './util.js';

/** How a dropout call is made: training or not, in place or not, per element or per channel. */
export interface DropoutOptions {
  readonly train?: boolean;
  readonly inplace?: boolean;
  /** Feature (channel) dropout: `_VF.feature_dropout`. */
  readonly feature?: boolean;
  readonly generator?: Generator;
}

/** `input * noise` (or `input.mul_(noise)`): the one recorded op of dropout. */
function multiply(x: Tensor, other: Tensor, inplace: boolean): Tensor {
  if (!inplace) return arith.mul(x, other);
  binary_(x, 'mul_', other);
  return x;
}

/** `torch.dropout(input, p, train)` and its in-place and feature forms. */
export function dropout(x: Tensor, p: number, options: DropoutOptions = {}): Tensor {
  const {train = true, inplace = false, feature = false} = options;
  if (!(p >= 0 && p <= 1)) {
    throw runtimeError(`dropout probability has to be between 0 and 1, but got ${cppDouble(p)}`);
  }
  if (p === 0 || !train || x.numel() === 0) return x;
  if (p === 1) return multiply(x, filled([], x.dtype, 0), inplace);
  if (feature && x.dim() < 2) {
    throw runtimeError('Feature dropout requires at least 2 dimensions in the input');
  }
  const shape = feature ? x.shape.map((n, i) => (i < 2 ? n : 1)) : [...x.shape];
  const noise = filled(shape, x.dtype, 0);
  const mask = new Float64Array(noise.numel());
  fillBernoulliScalar(mask, 1 - p, options.generator ?? defaultGenerator);
  noise.data.set(mask);
  quietly(() => {
    binary_(noise, 'div_', 1 - p);
  });
  return multiply(x, noise, inplace);
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.dropout(input, p, train)` (options: inplace, feature, generator). */
    dropout: typeof dropout;
  }
}

/** torch.dropout, torch.dropout_, torch.feature_dropout, torch.feature_dropout_. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'dropout',
    functions: {dropout},
    pythonTorch: Object.fromEntries(
      (
        [
          ['dropout', false, false],
          ['dropout_', true, false],
          ['feature_dropout', false, true],
          ['feature_dropout_', true, true],
        ] as const
      ).map(([name, inplace, feature]) => [
        name,
        {
          signature: `${name}(Tensor input, float p, bool train)`,
          call: (a) =>
            dropout(a.get('input') as Tensor, Number(a.get('p')), {
              train: a.get('train') === true,
              inplace,
              feature,
            }),
        },
      ]),
    ),
  }),
];
