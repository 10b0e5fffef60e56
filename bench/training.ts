/**
 * Training loops as tutorials write them, run by the script runner (`grad-graph run`: no trace):
 * issue 15's `nn.Sequential(Linear(64, 128), ReLU, Linear(128, 10))` with CrossEntropyLoss and SGD
 * or Adam, 20 steps on a batch of 32, against the same arithmetic in plain typed-array loops
 * (target 2×) and against TensorFlow.js's CPU backend (target 1×); and issue 21's 60-minute-blitz
 * LeNet (1×1×32×32 input, two conv + max-pool stages, three linear layers, MSELoss, SGD), 10
 * steps, against TensorFlow.js (target 1×). The scripts are bench/scripts/*.py; each prints its
 * last loss, which python3 (PyTorch 1.13) prints too. Every implementation does the whole job
 * each sample: make the data and parameters, then all the steps.
 */
import {readFileSync} from 'node:fs';
import {runScript} from '../src/script/index.js';
import {filled, plainMlp, type MlpData} from './autograd.js';
import type {BenchCase} from './harness.js';
import {loadTfjs, type TF} from './peers/tfjs.js';
import type {Suite} from './suites.js';
import type {Optimizer, Rank, Tensor, Tensor4D, Variable} from '@tensorflow/tfjs-core';

const script = (name: string) =>
  readFileSync(new URL(`./scripts/${name}.py`, import.meta.url), 'utf8');

/** Runs a script as `grad-graph run` does; a script error fails the bench (it would measure nothing). */
function ours(source: string, filename: string): () => string {
  return () => {
    const result = runScript(source, {filename});
    if (result.error) throw new Error(`${filename}: ${String(result.error)}`);
    return result.output;
  };
}

const B = 32;
const I = 64;
const H = 128;
const O = 10;
const STEPS = 20;

/** Fresh data and parameters of the MLP's sizes (Linear's uniform(±1/√fan_in) range). */
function freshMlp(seed: number): MlpData {
  const targets = new Int32Array(B);
  for (let i = 0; i < B; i++) targets[i] = (seed + i * 7) % O;
  return {
    x: filled(B * I, seed),
    targets,
    w1: filled(H * I, seed + 1).map((v) => v / 8),
    b1: filled(H, seed + 2).map((v) => v / 8),
    w2: filled(O * H, seed + 3).map((v) => v / Math.sqrt(H)),
    b2: filled(O, seed + 4).map((v) => v / Math.sqrt(H)),
  };
}

/** The update one optimizer makes to the four parameters from their gradients. */
type Update = (params: Float32Array[], grads: Float32Array[], step: number) => void;

function sgd(lr: number): () => Update {
  return () => (params, grads) => {
    params.forEach((p, k) => {
      const g = grads[k] as Float32Array;
      for (let i = 0; i < p.length; i++) p[i] = (p[i] ?? 0) - lr * (g[i] ?? 0);
    });
  };
}

/** Adam with PyTorch's defaults (betas 0.9, 0.999, eps 1e-8), its state made on the first step. */
function adam(lr: number): () => Update {
  return () => {
    const m: Float32Array[] = [];
    const v: Float32Array[] = [];
    return (params, grads, step) => {
      const c1 = 1 - 0.9 ** step;
      const c2 = Math.sqrt(1 - 0.999 ** step);
      params.forEach((p, k) => {
        const g = grads[k] as Float32Array;
        const mk = (m[k] ??= new Float32Array(p.length));
        const vk = (v[k] ??= new Float32Array(p.length));
        for (let i = 0; i < p.length; i++) {
          const gi = g[i] ?? 0;
          mk[i] = 0.9 * (mk[i] ?? 0) + 0.1 * gi;
          vk[i] = 0.999 * (vk[i] ?? 0) + 0.001 * gi * gi;
          p[i] = (p[i] ?? 0) - (lr * (mk[i] ?? 0)) / c1 / (Math.sqrt(vk[i] ?? 0) / c2 + 1e-8);
        }
      });
    };
  };
}

/** The loop by hand: forward, cross-entropy, backward (plainMlp) and the update, STEPS times. */
function plainTraining(optimizer: () => Update): () => unknown {
  return () => {
    const data = freshMlp(11);
    const update = optimizer();
    const params = [data.w1, data.b1, data.w2, data.b2];
    let loss = 0;
    for (let step = 1; step <= STEPS; step++) {
      const [l, ...grads] = plainMlp(data) as [number, ...Float32Array[]];
      loss = l;
      update(params, grads, step);
    }
    return loss;
  };
}

/** The same loop in TensorFlow.js: variables, `optimizer.minimize` of the softmax cross-entropy. */
function tfjsTraining(tf: TF, optimizer: (tf: TF) => Optimizer): () => unknown {
  return () => {
    const data = freshMlp(11);
    const opt = optimizer(tf);
    const x = tf.tensor2d(data.x, [B, I]);
    const onehot = tf.oneHot(tf.tensor1d(data.targets, 'int32'), O);
    const w1 = tf.variable(tf.tensor2d(data.w1, [H, I]));
    const b1 = tf.variable(tf.tensor1d(data.b1));
    const w2 = tf.variable(tf.tensor2d(data.w2, [O, H]));
    const b2 = tf.variable(tf.tensor1d(data.b2));
    let last = 0;
    for (let step = 0; step < STEPS; step++) {
      const loss = opt.minimize(() => {
        const hidden = tf.relu(tf.add(tf.matMul(x, w1, false, true), b1));
        const logits = tf.add(tf.matMul(hidden, w2, false, true), b2);
        return tf.losses.softmaxCrossEntropy(onehot, logits);
      }, true);
      last = loss?.dataSync()[0] ?? NaN;
      loss?.dispose();
    }
    for (const t of [x, onehot, w1, b1, w2, b2]) t.dispose();
    opt.dispose();
    return last;
  };
}

/** The blitz LeNet in TensorFlow.js (NHWC): the same layers, loss, SGD and number of steps. */
function tfjsLeNet(tf: TF): () => unknown {
  const randn = (shape: number[], scale: number, seed: number): Tensor =>
    tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed), scale);
  const uniform = (shape: number[], fanIn: number, seed: number): Tensor =>
    tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn), 'float32', seed);
  return () => {
    const opt = tf.train.sgd(0.01);
    const v = (t: Tensor): Variable => tf.variable(t);
    const c1w = v(randn([5, 5, 1, 6], 0.2, 1));
    const c1b = v(tf.zeros([6]));
    const c2w = v(randn([5, 5, 6, 16], 0.08, 2));
    const c2b = v(tf.zeros([16]));
    const f1w = v(uniform([400, 120], 400, 3));
    const f1b = v(uniform([120], 400, 4));
    const f2w = v(uniform([120, 84], 120, 5));
    const f2b = v(uniform([84], 120, 6));
    const f3w = v(uniform([84, 10], 84, 7));
    const f3b = v(uniform([10], 84, 8));
    const input = tf.randomNormal<Rank.R4>([1, 32, 32, 1], 0, 1, 'float32', 9);
    const target = tf.randomNormal([1, 10], 0, 1, 'float32', 10);
    const stage = (x: Tensor4D, w: Variable, b: Variable): Tensor4D =>
      tf.maxPool(tf.relu(tf.add(tf.conv2d(x, w as Tensor4D, 1, 'valid'), b)), 2, 2, 'valid');
    let last = 0;
    for (let step = 0; step < 10; step++) {
      const loss = opt.minimize(() => {
        // PyTorch flattens channels first (NCHW); the order does not change the arithmetic.
        const flat = tf.reshape(stage(stage(input, c1w, c1b), c2w, c2b), [1, 400]);
        const h1 = tf.relu(tf.add(tf.matMul(flat, f1w), f1b));
        const h2 = tf.relu(tf.add(tf.matMul(h1, f2w), f2b));
        const out = tf.add(tf.matMul(h2, f3w), f3b);
        return tf.losses.meanSquaredError(target, out);
      }, true);
      last = loss?.dataSync()[0] ?? NaN;
      loss?.dispose();
    }
    for (const t of [c1w, c1b, c2w, c2b, f1w, f1b, f2w, f2b, f3w, f3b, input, target]) t.dispose();
    opt.dispose();
    return last;
  };
}

/** The rows: the MLP loop with SGD and Adam (vs typed arrays and TF.js), LeNet (vs TF.js). */
export const trainingSuite: Suite = async (wanted) => {
  const mlpName = (optimizer: string) =>
    `training: nn.Sequential 64→128→10 + CrossEntropyLoss + ${optimizer}, 20 steps, batch 32`;
  const lenetName = 'training: 60-minute blitz LeNet, 1×1×32×32, fwd + bwd + SGD step, 10 steps';
  if (![mlpName('SGD'), mlpName('Adam'), lenetName].some(wanted)) return [];
  const tf = await loadTfjs();
  const rows: BenchCase[] = [];
  const optimizers = [
    {
      name: 'SGD',
      file: 'train_mlp_sgd',
      plain: sgd(0.1),
      tfjs: (t: TF): Optimizer => t.train.sgd(0.1),
    },
    {
      name: 'Adam',
      file: 'train_mlp_adam',
      plain: adam(0.001),
      tfjs: (t: TF): Optimizer => t.train.adam(0.001),
    },
  ];
  for (const o of optimizers) {
    const name = mlpName(o.name);
    if (!wanted(name)) continue;
    const run = ours(script(o.file), `${o.file}.py`);
    rows.push({
      name,
      ours: run,
      baselineName: 'the same arithmetic in plain Float32Array loops',
      baseline: plainTraining(o.plain),
      target: 2,
      samples: 9,
    });
    rows.push({
      name,
      ours: run,
      baselineName: 'TensorFlow.js CPU',
      baseline: tfjsTraining(tf, o.tfjs),
      target: 1,
      samples: 9,
    });
  }
  if (!wanted(lenetName)) return rows;
  rows.push({
    name: lenetName,
    ours: ours(script('blitz_lenet'), 'blitz_lenet.py'),
    baselineName: 'TensorFlow.js CPU',
    baseline: tfjsLeNet(tf),
    target: 1,
    samples: 9,
  });
  return rows;
};
