/**
 * Finite-difference gradient checks (float64) for the nn functions: the losses' options
 * (weight, pos_weight, ignore_index, label_smoothing, class probabilities) and binary cross
 * entropy with its target gradient; batch_norm in training and eval.
 */
import {F, torch} from '../../autograd/index.js';
import type {Tensor} from '../../autograd/index.js';
import {
  checkCases,
  nonzero,
  positive,
  signed,
  t,
  type Maker,
  type Case,
} from './finite-difference.js';

/** Inside (0, 1), away from its ends (binary_cross_entropy's input and target). */
const probability: Maker = (r) => 0.05 + r() * 0.9;
const f64 = (values: number[]) => torch.tensor(values, {dtype: 'float64'});
const classes = () => torch.tensor([0n, 2n, 1n, 2n]);

const CASES: Case[] = [
  {
    name: 'nll_loss with weight (mean over Σ w)',
    shapes: [[4, 3]],
    fn: (a) => F.nllLoss(t(a), classes(), {weight: f64([1, 2, 0.5])}),
  },
  {
    name: 'nll_loss with weight and ignore_index, none',
    shapes: [[4, 3]],
    fn: (a) =>
      F.nllLoss(t(a), classes(), {weight: f64([1, 2, 0.5]), ignoreIndex: 1, reduction: 'none'}),
  },
  ...(['mean', 'sum', 'none'] as const).map((reduction): Case => ({
    name: `cross_entropy label_smoothing, ignore_index, ${reduction}`,
    shapes: [[4, 3]],
    fn: (a) => F.crossEntropy(t(a), classes(), {labelSmoothing: 0.2, ignoreIndex: 2, reduction}),
  })),
  {
    name: 'cross_entropy label_smoothing with weight',
    shapes: [[4, 3]],
    fn: (a) => F.crossEntropy(t(a), classes(), {labelSmoothing: 0.1, weight: f64([1, 2, 0.5])}),
  },
  {
    name: 'cross_entropy with class probabilities (and their gradient)',
    shapes: [
      [4, 3],
      [4, 3],
    ],
    make: [signed, probability],
    fn: (a, p) => F.crossEntropy(t(a), t(p), {labelSmoothing: 0.1}),
  },
  {
    name: 'cross_entropy with class probabilities, weight, none',
    shapes: [
      [4, 3],
      [4, 3],
    ],
    make: [signed, probability],
    fn: (a, p) => F.crossEntropy(t(a), t(p), {weight: f64([1, 2, 0.5]), reduction: 'none'}),
  },
  ...(['mean', 'sum', 'none'] as const).map((reduction): Case => ({
    name: `binary_cross_entropy with weight, ${reduction} (input and target)`,
    shapes: [
      [2, 3],
      [2, 3],
    ],
    make: [probability, probability],
    fn: (x, y) => F.binaryCrossEntropy(t(x), t(y), {weight: f64([1, 2, 3]), reduction}),
  })),
  ...(['mean', 'sum', 'none'] as const).map((reduction): Case => ({
    name: `binary_cross_entropy_with_logits, pos_weight, ${reduction} (input and target)`,
    shapes: [
      [2, 3],
      [2, 3],
    ],
    make: [signed, probability],
    fn: (x, y) =>
      F.binaryCrossEntropyWithLogits(t(x), t(y), {posWeight: f64([1, 2, 3]), reduction}),
  })),
  {
    name: 'binary_cross_entropy_with_logits with weight (input and target)',
    shapes: [
      [2, 3],
      [2, 3],
    ],
    make: [signed, probability],
    fn: (x, y) => F.binaryCrossEntropyWithLogits(t(x), t(y), {weight: f64([0.5, 1, 2])}),
  },
  {
    name: 'batch_norm training (input, weight, bias), running statistics updated',
    shapes: [[3, 2, 2], [2], [2]],
    fn: (x, w, b) =>
      F.batchNorm(t(x), {
        runningMean: torch.zeros(2, {dtype: 'float64'}),
        runningVar: torch.ones(2, {dtype: 'float64'}),
        weight: t(w),
        bias: t(b),
        training: true,
      }),
  },
  {
    name: 'batch_norm eval (running statistics)',
    shapes: [[4, 3], [3]],
    fn: (x, w) =>
      F.batchNorm(t(x), {
        runningMean: f64([0.5, -1, 0]),
        runningVar: f64([2, 0.5, 1]),
        weight: t(w),
      }),
  },
  ...(
    [
      ['leaky_relu', (x) => F.leakyRelu(x, {negativeSlope: 0.2})],
      ['elu', (x) => F.elu(x, {alpha: 0.7})],
      ['gelu', (x) => F.gelu(x)],
      ["gelu approximate='tanh'", (x) => F.gelu(x, {approximate: 'tanh'})],
      ['softplus beta=2 threshold=1', (x) => F.softplus(x, {beta: 2, threshold: 1})],
      ['silu', (x) => F.silu(x)],
      ['mish', (x) => F.mish(x)],
      ['logsigmoid', (x) => F.logsigmoid(x)],
      ['hardtanh', (x) => F.hardtanh(x, {minVal: -0.5, maxVal: 1.5})],
      ['relu6', (x) => F.relu6(x.mul(4))],
      ['threshold', (x) => F.threshold(x, 0.1, 20)],
      ['softsign', (x) => F.softsign(x)],
    ] as [string, (x: Tensor) => Tensor][]
  ).map(([name, fn]): Case => ({name, shapes: [[2, 5]], make: [nonzero], fn: (x) => fn(t(x))})),
  {
    name: 'prelu with one weight per channel (input and weight)',
    shapes: [[3, 2, 2], [2]],
    make: [nonzero, positive],
    fn: (x, w) => F.prelu(t(x), t(w)),
  },
  {
    name: 'prelu with a shared weight (input and weight)',
    shapes: [[4, 3], [1]],
    make: [nonzero, positive],
    fn: (x, w) => F.prelu(t(x), t(w)),
  },
];

checkCases('finite-difference gradient check of nn functions (float64)', CASES, 7000);
