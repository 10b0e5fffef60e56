/**
 * `F.one_hot(tensor, num_classes=-1)`: an int64 index tensor to its one-hot encoding (a new last
 * dimension of num_classes, or max + 1), with PyTorch 1.13's checks. Not differentiable.
 */
import {runtimeError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {reportOp} from '../record.js';
import {declareOp} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {Tensor} from '../tensor.js';

/** `F.one_hot(x, numClasses)`: x int64; numClasses -1 infers max + 1. */
export function oneHot(x: Tensor, numClasses = -1): Tensor {
  if (x.dtype !== 'int64') throw runtimeError('one_hot is only applicable to index tensor.');
  const values = gather(x, 'int64');
  let classes = numClasses;
  if (values.length === 0) {
    if (classes <= 0) {
      throw runtimeError('Can not infer total number of classes from empty tensor.');
    }
  } else {
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min < 0) throw runtimeError('Class values must be non-negative.');
    if (classes === -1) classes = max + 1;
    else if (!(classes > max)) {
      throw runtimeError('Class values must be smaller than num_classes.');
    }
  }
  const data = new Float64Array(values.length * classes);
  values.forEach((v, i) => (data[i * classes + v] = 1));
  const out = new Tensor(data, [...x.shape, classes], 'int64');
  reportOp('one_hot', [x], {num_classes: classes}, [out]);
  return out;
}

declare module '../op.js' {
  interface FunctionalFunctions {
    /** `F.one_hot(tensor, num_classes=-1)`. */
    oneHot(x: Tensor, numClasses?: number): Tensor;
  }
}

/** F.one_hot. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'one_hot',
    functional: {oneHot},
    pythonFunctional: {
      one_hot: {
        signature: 'one_hot(Tensor input, int num_classes=-1)',
        style: 'native',
        call: (a) => oneHot(a.get('input') as Tensor, Number(a.get('num_classes'))),
      },
    },
  }),
];
