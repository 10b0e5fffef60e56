/**
 * The workloads of the benchmark issue, by autograd/ against a plain Float32Array loop doing the
 * same arithmetic (the practical limit in JavaScript) and against TensorFlow.js's CPU backend:
 * the seed tutorial's forward and backward of mean((x+2)*(x+2)*3) at three sizes, and the MLP
 * (its plain-loop row is in bench/autograd.ts).
 */
import {torch} from '../autograd/index.js';
import {autogradMlp, mlpData, mlpName} from './autograd.js';
import type {BenchCase} from './harness.js';
import {loadTfjs, type TF} from './peers/tfjs.js';
import type {Suite} from './suites.js';

const sizes: readonly (readonly [number, number])[] = [
  [2, 2],
  [100, 100],
  [1000, 1000],
];

/** Ours: exactly what a tutorial writes. */
function ours(rows: number, cols: number): () => unknown {
  const x = torch.ones([rows, cols], {requiresGrad: true});
  return () => {
    x.grad = null;
    const out = x.add(2).mul(x.add(2)).mul(3).mean();
    out.backward();
    return x.grad;
  };
}

/**
 * The same arithmetic by hand, keeping the intermediates autograd keeps:
 * a = x+2, b = x+2, c = a*b, z = c*3, out = mean(z); then
 * dz = 1/n, dc = 3·dz, da = dc·b, db = dc·a, dx = da + db.
 */
function plainLoop(rows: number, cols: number): () => unknown {
  const n = rows * cols;
  const x = new Float32Array(n).fill(1);
  return () => {
    const a = new Float32Array(n);
    const b = new Float32Array(n);
    const c = new Float32Array(n);
    const z = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = (x[i] as number) + 2;
    for (let i = 0; i < n; i++) b[i] = (x[i] as number) + 2;
    for (let i = 0; i < n; i++) c[i] = (a[i] as number) * (b[i] as number);
    for (let i = 0; i < n; i++) z[i] = (c[i] as number) * 3;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += z[i] as number;
    const out = Math.fround(sum / n);
    const dz = new Float32Array(n).fill(1 / n);
    const dc = new Float32Array(n);
    for (let i = 0; i < n; i++) dc[i] = (dz[i] as number) * 3;
    const grad = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      grad[i] = (dc[i] as number) * (b[i] as number) + (dc[i] as number) * (a[i] as number);
    }
    return [out, grad];
  };
}

/** The MLP in TensorFlow.js: the same data, layers and loss, gradients of the four parameters. */
function tfjsMlp(tf: TF): () => unknown {
  const data = mlpData();
  const x = tf.tensor2d(data.x, [32, 64]);
  const onehot = tf.oneHot(tf.tensor1d(data.targets, 'int32'), 10);
  const w1 = tf.tensor2d(data.w1, [128, 64]);
  const b1 = tf.tensor1d(data.b1);
  const w2 = tf.tensor2d(data.w2, [10, 128]);
  const b2 = tf.tensor1d(data.b2);
  const grads = tf.grads((a, b, c, d) => {
    const hidden = tf.relu(tf.add(tf.matMul(x, a, false, true), b));
    const logits = tf.add(tf.matMul(hidden, c, false, true), d);
    return tf.losses.softmaxCrossEntropy(onehot, logits);
  });
  return () => {
    const result = grads([w1, b1, w2, b2]);
    const values = result.map((g) => g.dataSync());
    for (const g of result) g.dispose();
    return values;
  };
}

/** The rows: ours against the plain loop and against TensorFlow.js. */
export const workloads: Suite = async (wanted) => {
  const seedName = (rows: number, cols: number) =>
    `autograd: mean((x+2)*(x+2)*3) fwd+bwd, ${rows}×${cols}`;
  if (![mlpName, ...sizes.map(([r, c]) => seedName(r, c))].some(wanted)) return [];
  const tf = await loadTfjs();
  const cases: BenchCase[] = [];
  for (const [rows, cols] of sizes) {
    const name = seedName(rows, cols);
    if (!wanted(name)) continue;
    const samples = rows * cols >= 1e6 ? 9 : 25;
    const oursRun = ours(rows, cols);
    cases.push({
      name,
      ours: oursRun,
      baselineName: 'plain Float32Array loop',
      baseline: plainLoop(rows, cols),
      target: 1.5,
      samples,
      notes:
        rows * cols < 1e4 ? 'tiny: the per-op cost of recording the graph dominates' : undefined,
    });
    const x = tf.ones([rows, cols]);
    const gradFn = tf.grad((t) => tf.mean(tf.mul(tf.mul(tf.add(t, 2), tf.add(t, 2)), 3)));
    cases.push({
      name,
      ours: oursRun,
      baselineName: 'TensorFlow.js CPU',
      baseline: () => {
        const g = gradFn(x);
        const values = g.dataSync();
        g.dispose();
        return values;
      },
      target: 1,
      samples,
    });
  }
  if (wanted(mlpName)) {
    cases.push({
      name: mlpName,
      ours: autogradMlp(mlpData()),
      baselineName: 'TensorFlow.js CPU',
      baseline: tfjsMlp(tf),
      target: 1,
    });
  }
  return cases;
};
