/**
 * The seed tutorial's arithmetic at three sizes: forward and backward of mean((x+2)*(x+2)*3),
 * by autograd/, by a plain Float32Array loop doing the same arithmetic (the practical limit in
 * JavaScript), and by TensorFlow.js's CPU backend.
 */
import {torch} from '../autograd/index.js';
import type {BenchCase} from './harness.js';
import {loadTfjs} from './peers/tfjs.js';
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

/** The seed workload's rows: ours against the plain loop, and ours against TensorFlow.js. */
export const seedWorkload: Suite = async () => {
  const tf = await loadTfjs();
  const cases: BenchCase[] = [];
  for (const [rows, cols] of sizes) {
    const shape = `${rows}×${cols}`;
    const samples = rows * cols >= 1e6 ? 9 : 25;
    const oursRun = ours(rows, cols);
    cases.push({
      name: `autograd: mean((x+2)*(x+2)*3) fwd+bwd, ${shape}`,
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
      name: `autograd: mean((x+2)*(x+2)*3) fwd+bwd, ${shape}`,
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
  return cases;
};
