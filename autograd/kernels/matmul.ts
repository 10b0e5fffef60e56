/**
 * Matrix multiply over contiguous row-major storage: C[n×m] = A[n×k]·B[k×m], in i-k-j order so
 * the inner loop streams a row of B into a row of C. Float32 products and sums round to float32
 * at every step, in PyTorch's order.
 *
 * The float32 loops change only which entries are worked on together, never the operations of an
 * entry: four values of k per pass over a row of C (one load and store of each entry for four
 * products) and four columns of a dot product side by side (four independent sums the processor
 * overlaps). Each entry adds the same rounded products in the same order, bit for bit.
 */
import type {Storage} from '../dtype.js';
import {perType, pick} from './specialize.js';

const fr = Math.fround;

/** Float32 C += A·B (c holds its starting values), four values of k per pass over a row of C. */
function addProducts32(a: Storage, b: Storage, c: Storage, n: number, k: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const ai = i * k;
    const ci = i * m;
    let p = 0;
    for (; p + 4 <= k; p += 4) {
      const a0 = a[ai + p] as number;
      const a1 = a[ai + p + 1] as number;
      const a2 = a[ai + p + 2] as number;
      const a3 = a[ai + p + 3] as number;
      const b0 = p * m;
      const b1 = b0 + m;
      const b2 = b1 + m;
      const b3 = b2 + m;
      for (let j = 0; j < m; j++) {
        let s = c[ci + j] as number;
        s = fr(s + fr(a0 * (b[b0 + j] as number)));
        s = fr(s + fr(a1 * (b[b1 + j] as number)));
        s = fr(s + fr(a2 * (b[b2 + j] as number)));
        // The float32 store rounds the last sum.
        c[ci + j] = s + fr(a3 * (b[b3 + j] as number));
      }
    }
    for (; p < k; p++) {
      const av = a[ai + p] as number;
      const bp = p * m;
      for (let j = 0; j < m; j++)
        c[ci + j] = (c[ci + j] as number) + fr(av * (b[bp + j] as number));
    }
  }
}

// One copy per storage type (see specialize.ts).
const gemmKernels = perType(
  () =>
    function gemmImpl(a: Storage, b: Storage, c: Storage, n: number, k: number, m: number): void {
      // PyTorch's CPU build calls the reference BLAS, which rounds every product and every sum
      // to float32 and adds the k products in order (no FMA, no zero skipping: 0·inf is NaN).
      const f32 = c instanceof Float32Array;
      if (m === 1) {
        for (let i = 0; i < n; i++) {
          let s = 0;
          const ai = i * k;
          if (f32) {
            for (let p = 0; p < k; p++) s = fr(s + fr((a[ai + p] as number) * (b[p] as number)));
          } else {
            for (let p = 0; p < k; p++) s += (a[ai + p] as number) * (b[p] as number);
          }
          c[i] = s;
        }
        return;
      }
      // Float32: each entry accumulates in c itself (zeroed), so each sum rounds as it is stored.
      if (f32) {
        addProducts32(a, b, c, n, k, m);
        return;
      }
      // Other types sum in float64 and store each row once.
      const row = new Float64Array(m);
      for (let i = 0; i < n; i++) {
        row.fill(0);
        const ai = i * k;
        for (let p = 0; p < k; p++) {
          const av = a[ai + p] as number;
          const bp = p * m;
          for (let j = 0; j < m; j++) row[j] = (row[j] as number) + av * (b[bp + j] as number);
        }
        c.set(row, i * m);
      }
    },
);

/** Writes A·B into `c` (zeroed, length n·m). */
export function gemm(a: Storage, b: Storage, c: Storage, n: number, k: number, m: number): void {
  pick(gemmKernels, c)(a, b, c, n, k, m);
}

/** How addmm hands its product to gemm (see addmm.ts's gemmForm). */
export interface GemmForm {
  /** gemm's A transposed: each entry a dot product from zero, then alpha·TEMP + beta·C. */
  readonly dot: boolean;
  /** gemm computes the transpose of the result (mat2ᵀ·mat1ᵀ). */
  readonly transposeC: boolean;
}

/**
 * Float32 dot products of the rows of a (n×k) with the rows of bT (m×k), four columns at a time,
 * each summed from zero in k order; `finish` combines each sum with C.
 */
function dots32(
  a: Storage,
  bT: Storage,
  n: number,
  k: number,
  m: number,
  finish: (at: number, temp: number) => void,
): void {
  for (let i = 0; i < n; i++) {
    const ai = i * k;
    let j = 0;
    for (; j + 4 <= m; j += 4) {
      const b0 = j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let p = 0; p < k; p++) {
        const av = a[ai + p] as number;
        t0 = fr(t0 + fr(av * (bT[b0 + p] as number)));
        t1 = fr(t1 + fr(av * (bT[b1 + p] as number)));
        t2 = fr(t2 + fr(av * (bT[b2 + p] as number)));
        t3 = fr(t3 + fr(av * (bT[b3 + p] as number)));
      }
      const at = i * m + j;
      finish(at, t0);
      finish(at + 1, t1);
      finish(at + 2, t2);
      finish(at + 3, t3);
    }
    for (; j < m; j++) {
      const bj = j * k;
      let temp = 0;
      for (let p = 0; p < k; p++)
        temp = fr(temp + fr((a[ai + p] as number) * (bT[bj + p] as number)));
      finish(i * m + j, temp);
    }
  }
}

// One copy per storage type (see specialize.ts).
const gemmAddKernels = perType(
  () =>
    function gemmAddImpl(
      c: Storage,
      a: Storage,
      b: Storage,
      bT: boolean,
      n: number,
      k: number,
      m: number,
      beta: number,
      alpha: number,
      form: GemmForm,
    ): void {
      const f32 = c instanceof Float32Array;
      if (form.dot) {
        // TEMP = Σ a·b from zero, in p order; C = alpha·TEMP + beta·C. `bT`: b is given as
        // its transpose (m×k), so both operands stream along p.
        const finish = (at: number, temp: number) => {
          const scaled = alpha === 1 ? temp : alpha * temp;
          const old = c[at] as number;
          // A float32 store rounds; so does Math.fround of each intermediate product.
          c[at] =
            beta === 0
              ? scaled
              : (f32 ? fr(scaled) : scaled) +
                (beta === 1 ? old : f32 ? fr(beta * old) : beta * old);
        };
        if (bT && f32) {
          dots32(a, b, n, k, m, finish);
          return;
        }
        for (let i = 0; i < n; i++) {
          const ai = i * k;
          for (let j = 0; j < m; j++) {
            let temp = 0;
            if (bT) {
              const bj = j * k;
              for (let p = 0; p < k; p++) temp += (a[ai + p] as number) * (b[bj + p] as number);
            } else if (f32) {
              for (let p = 0; p < k; p++)
                temp = fr(temp + fr((a[ai + p] as number) * (b[p * m + j] as number)));
            } else {
              for (let p = 0; p < k; p++) temp += (a[ai + p] as number) * (b[p * m + j] as number);
            }
            finish(i * m + j, temp);
          }
        }
        return;
      }
      // C = beta·C first, then for each l: C += TEMP·A(i, l), TEMP = alpha·B(l, j).
      const nm = n * m;
      for (let i = 0; i < nm; i++)
        c[i] = beta === 0 ? 0 : beta === 1 ? (c[i] as number) : beta * (c[i] as number);
      if (f32 && alpha === 1) {
        addProducts32(a, b, c, n, k, m);
        return;
      }
      for (let i = 0; i < n; i++) {
        const ci = i * m;
        for (let p = 0; p < k; p++) {
          const av = a[i * k + p] as number;
          const temp = alpha === 1 || !form.transposeC ? av : f32 ? fr(alpha * av) : alpha * av;
          const bp = p * m;
          if (f32) {
            if (form.transposeC) {
              for (let j = 0; j < m; j++)
                c[ci + j] = (c[ci + j] as number) + fr(temp * (b[bp + j] as number));
            } else {
              for (let j = 0; j < m; j++)
                c[ci + j] = (c[ci + j] as number) + fr(fr(alpha * (b[bp + j] as number)) * temp);
            }
          } else if (form.transposeC || alpha === 1) {
            for (let j = 0; j < m; j++)
              c[ci + j] = (c[ci + j] as number) + temp * (b[bp + j] as number);
          } else {
            for (let j = 0; j < m; j++)
              c[ci + j] = (c[ci + j] as number) + alpha * (b[bp + j] as number) * temp;
          }
        }
      }
    },
);

/**
 * beta·c + alpha·(a @ b) into `c` (n×m, holding addmm's input expanded), in the reference BLAS's
 * order (`form`); float32 rounds every product and sum. `bT`: `b` holds bᵀ (m×k, row-major).
 */
export function gemmAdd(
  c: Storage,
  a: Storage,
  b: Storage,
  bT: boolean,
  shape: {n: number; k: number; m: number},
  beta: number,
  alpha: number,
  form: GemmForm,
): void {
  pick(gemmAddKernels, c)(c, a, b, bT, shape.n, shape.k, shape.m, beta, alpha, form);
}
