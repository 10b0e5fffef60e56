/**
 * autograd/ against plain typed-array loops doing the same arithmetic in the same run:
 * elementwise ops and reductions on 1e6 float32 elements (target 1.5×), a 256×256 matmul and
 * the forward + backward of a 2-layer MLP, 64→128→10 with batch 32 (target 2×). Each baseline
 * allocates its outputs as autograd/ does, so the ratio measures our overhead, not allocation.
 */
import {F, Tensor, torch} from '../autograd/index.js';
import type {BenchCase} from './harness.js';
import type {Suite, Wanted} from './suites.js';

const N = 1_000_000;

/** `n` pseudo-random floats in [-1, 1), the same for the same seed. */
export function filled(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    a[i] = s / 1073741824 - 1;
  }
  return a;
}

function tensorOf(data: Float32Array, shape: number[], requiresGrad = false): Tensor {
  const t = torch.zeros(shape);
  t.data.set(data);
  return requiresGrad ? t.requiresGrad_() : t;
}

/** The elementwise rows' data: two vectors of 1e6 floats, as arrays and as tensors. */
interface ElementwiseData {
  a: Float32Array;
  b: Float32Array;
  ta: Tensor;
  tb: Tensor;
  m: Tensor;
}

/** The elementwise and reduction rows that are wanted; their data is made only if one is. */
function elementwise(wanted: Wanted): BenchCase[] {
  let data: ElementwiseData | undefined;
  const made = (): ElementwiseData => {
    if (data) return data;
    const a = filled(N, 1);
    const b = filled(N, 2);
    data = {a, b, ta: tensorOf(a, [N]), tb: tensorOf(b, [N]), m: tensorOf(a, [1000, 1000])};
    return data;
  };
  const rows: BenchCase[] = [];
  const binary = (
    label: string,
    ours: (d: ElementwiseData) => unknown,
    baseline: (d: ElementwiseData) => unknown,
  ): void => {
    const name = `autograd: ${label}, 1e6 float32`;
    if (!wanted(name)) return;
    const d = made();
    rows.push({
      name,
      ours: () => ours(d),
      baseline: () => baseline(d),
      baselineName: 'plain Float32Array loop',
      target: 1.5,
      // Cheap rows: more samples so one preemption on a busy machine does not move the median.
      samples: 41,
    });
  };
  binary(
    'x + y',
    ({ta, tb}) => ta.add(tb),
    ({a, b}) => {
      const out = new Float32Array(N);
      for (let i = 0; i < N; i++) out[i] = (a[i] ?? 0) + (b[i] ?? 0);
      return out;
    },
  );
  binary(
    'x * y',
    ({ta, tb}) => ta.mul(tb),
    ({a, b}) => {
      const out = new Float32Array(N);
      for (let i = 0; i < N; i++) out[i] = (a[i] ?? 0) * (b[i] ?? 0);
      return out;
    },
  );
  binary(
    'x * 2.5',
    ({ta}) => ta.mul(2.5),
    ({a}) => {
      const out = new Float32Array(N);
      for (let i = 0; i < N; i++) out[i] = (a[i] ?? 0) * 2.5;
      return out;
    },
  );
  binary(
    'relu(x)',
    ({ta}) => ta.relu(),
    ({a}) => {
      const out = new Float32Array(N);
      for (let i = 0; i < N; i++) {
        const v = a[i] ?? 0;
        out[i] = v > 0 ? v : 0;
      }
      return out;
    },
  );
  binary(
    'x.sum()',
    ({ta}) => ta.sum(),
    ({a}) => {
      let s = 0;
      for (let i = 0; i < N; i++) s += a[i] ?? 0;
      return Math.fround(s);
    },
  );
  binary(
    'x.mean()',
    ({ta}) => ta.mean(),
    ({a}) => {
      let s = 0;
      for (let i = 0; i < N; i++) s += a[i] ?? 0;
      return Math.fround(s / N);
    },
  );
  binary(
    'x.sum(dim=1) of [1000, 1000]',
    ({m}) => m.sum({dim: 1}),
    ({a}) => {
      const out = new Float32Array(1000);
      for (let r = 0; r < 1000; r++) {
        let s = 0;
        for (let c = 0; c < 1000; c++) s += a[r * 1000 + c] ?? 0;
        out[r] = s;
      }
      return out;
    },
  );
  return rows;
}

/**
 * torch.exp of 1e6 float64 values, bit-exact with PyTorch (the SLEEF port of
 * kernels/sleef-double.ts, with multiply-adds emulated in software), against Math.exp in a plain
 * loop: the price of exactness (measured 15× on the 2-core CI machine, session 8).
 */
const exp64Name = 'autograd: torch.exp(x), 1e6 float64 (bit-exact SLEEF port)';

function exp64(): BenchCase {
  const a = Float64Array.from(filled(N, 3), (v) => v * 20);
  const t = torch.tensor(Array.from(a), {dtype: 'float64'});
  return {
    name: exp64Name,
    ours: () => t.exp(),
    baseline: () => {
      const out = new Float64Array(N);
      for (let i = 0; i < N; i++) out[i] = Math.exp(a[i] ?? 0);
      return out;
    },
    baselineName: 'Math.exp in a plain Float64Array loop',
    // About 13 fused multiply-adds per element, each emulated exactly in about 25 operations.
    target: 20,
    samples: 21,
  };
}

/** C = A·B for row-major [n×k]·[k×m], i-k-j order: the plain-loop baseline. */
function plainMatmul(
  a: Float32Array,
  b: Float32Array,
  n: number,
  k: number,
  m: number,
): Float32Array {
  const c = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p] ?? 0;
      const bp = p * m;
      const ci = i * m;
      for (let j = 0; j < m; j++) c[ci + j] = (c[ci + j] ?? 0) + av * (b[bp + j] ?? 0);
    }
  }
  return c;
}

function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c] ?? 0;
  return t;
}

const matmulName = 'autograd: matmul 256×256 float32';

function matmul(): BenchCase {
  const n = 256;
  const a = filled(n * n, 3);
  const b = filled(n * n, 4);
  const ta = tensorOf(a, [n, n]);
  const tb = tensorOf(b, [n, n]);
  return {
    name: matmulName,
    ours: () => ta.matmul(tb),
    baseline: () => plainMatmul(a, b, n, n, n),
    baselineName: 'plain Float32Array i-k-j loop',
    target: 2,
  };
}

/** The MLP's sizes: issue 8's 64→128→10 with batch 32 and softmax cross-entropy. */
const B = 32;
const I = 64;
const H = 128;
const O = 10;

/** The MLP's data and parameters, the same numbers for every implementation. */
export interface MlpData {
  x: Float32Array;
  targets: Int32Array;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

/** Fixed pseudo-random inputs, class targets and parameters for the MLP rows. */
export function mlpData(): MlpData {
  const targets = new Int32Array(B);
  for (let i = 0; i < B; i++) targets[i] = (i * 7) % O;
  return {
    x: filled(B * I, 5),
    targets,
    w1: filled(H * I, 7).map((v) => v * 0.1),
    b1: filled(H, 8),
    w2: filled(O * H, 9).map((v) => v * 0.1),
    b2: filled(O, 10),
  };
}

/**
 * The MLP by hand: relu(x·W1ᵀ + b1)·W2ᵀ + b2, softmax cross-entropy over class targets, and the
 * gradients of W1, b1, W2, b2.
 */
export function plainMlp({x, targets, w1, b1, w2, b2}: MlpData) {
  const h0 = plainMatmul(x, transpose(w1, H, I), B, I, H);
  const h = new Float32Array(B * H);
  for (let i = 0; i < B * H; i++) {
    const v = (h0[i] ?? 0) + (b1[i % H] ?? 0);
    h[i] = v > 0 ? v : 0;
  }
  const logits = plainMatmul(h, transpose(w2, O, H), B, H, O);
  for (let i = 0; i < B * O; i++) logits[i] = (logits[i] ?? 0) + (b2[i % O] ?? 0);
  // Cross-entropy: loss = mean_b(logsumexp(o_b) - o_b[t_b]); dL/do = (softmax(o) - onehot(t)) / B.
  const gO = new Float32Array(B * O);
  let loss = 0;
  for (let r = 0; r < B; r++) {
    let max = -Infinity;
    for (let c = 0; c < O; c++) max = Math.max(max, logits[r * O + c] ?? 0);
    let sum = 0;
    for (let c = 0; c < O; c++) sum += Math.exp((logits[r * O + c] ?? 0) - max);
    const target = targets[r] ?? 0;
    loss += Math.log(sum) + max - (logits[r * O + target] ?? 0);
    for (let c = 0; c < O; c++) {
      const p = Math.exp((logits[r * O + c] ?? 0) - max) / sum;
      gO[r * O + c] = (p - (c === target ? 1 : 0)) / B;
    }
  }
  // Backward: dW2 = dOᵀ·h; db2 = Σ dO; dh = dO·W2; relu mask; dW1 = dh0ᵀ·x; db1 = Σ dh0.
  const gW2 = plainMatmul(transpose(gO, B, O), h, O, B, H);
  const gb2 = new Float32Array(O);
  for (let i = 0; i < B * O; i++) gb2[i % O] = (gb2[i % O] ?? 0) + (gO[i] ?? 0);
  const gH = plainMatmul(gO, w2, B, O, H);
  for (let i = 0; i < B * H; i++) if ((h[i] ?? 0) <= 0) gH[i] = 0;
  const gW1 = plainMatmul(transpose(gH, B, H), x, H, B, I);
  const gb1 = new Float32Array(H);
  for (let i = 0; i < B * H; i++) gb1[i % H] = (gb1[i % H] ?? 0) + (gH[i] ?? 0);
  return [loss / B, gW1, gb1, gW2, gb2];
}

/** Ours: the MLP as a tutorial writes it, one forward + backward per call. */
export function autogradMlp(data: MlpData): () => unknown {
  const tx = tensorOf(data.x, [B, I]);
  const targets = torch.tensor(Array.from(data.targets, (t) => BigInt(t)));
  const tw1 = tensorOf(data.w1, [H, I], true);
  const tb1 = tensorOf(data.b1, [H], true);
  const tw2 = tensorOf(data.w2, [O, H], true);
  const tb2 = tensorOf(data.b2, [O], true);
  const params = [tw1, tb1, tw2, tb2];
  return () => {
    for (const p of params) p.grad = null;
    const logits = F.relu(tx.matmul(tw1.t()).add(tb1)).matmul(tw2.t()).add(tb2);
    const loss = F.crossEntropy(logits, targets);
    loss.backward();
    return loss;
  };
}

/** The name of the MLP workload, shared with the TensorFlow.js row. */
export const mlpName = 'autograd: MLP 64→128→10, batch 32, softmax cross-entropy, fwd+bwd';

function mlp(): BenchCase {
  const data = mlpData();
  return {
    name: mlpName,
    ours: autogradMlp(data),
    baseline: () => plainMlp(data),
    baselineName: 'plain Float32Array loops',
    target: 2,
  };
}

/** The autograd/ rows of `npm run bench` that are wanted. */
export const autogradSuite: Suite = (wanted) => {
  // Reductions first: the elementwise rows leave hundreds of MB of garbage whose collection
  // would otherwise land in whichever row allocates next.
  const rows = elementwise(wanted);
  const isReduction = (c: BenchCase) => /sum|mean/.test(c.name);
  const named: [string, () => BenchCase][] = [
    [exp64Name, exp64],
    [matmulName, matmul],
    [mlpName, mlp],
  ];
  return [
    ...rows.filter(isReduction),
    ...rows.filter((c) => !isReduction(c)),
    ...named.filter(([name]) => wanted(name)).map(([, make]) => make()),
  ];
};
