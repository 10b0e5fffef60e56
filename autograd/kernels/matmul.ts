/**
 * Matrix multiply over contiguous row-major storage: C[n×m] = A[n×k]·B[k×m], in i-k-j order so
 * the inner loop streams a row of B into a row of C. Float32 products and sums round to float32
 * at every step, in PyTorch's order.
 */
import type {Storage} from '../dtype.js';
import {perType, pick} from './specialize.js';

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
            for (let p = 0; p < k; p++)
              s = Math.fround(s + Math.fround((a[ai + p] ?? 0) * (b[p] ?? 0)));
          } else {
            for (let p = 0; p < k; p++) s += (a[ai + p] ?? 0) * (b[p] ?? 0);
          }
          c[i] = s;
        }
        return;
      }
      // The row accumulates in c's own storage type, so each sum rounds as it is stored.
      const row = f32 ? new Float32Array(m) : new Float64Array(m);
      for (let i = 0; i < n; i++) {
        row.fill(0);
        const ai = i * k;
        for (let p = 0; p < k; p++) {
          const av = a[ai + p] ?? 0;
          const bp = p * m;
          if (f32) {
            for (let j = 0; j < m; j++) row[j] = (row[j] ?? 0) + Math.fround(av * (b[bp + j] ?? 0));
          } else {
            for (let j = 0; j < m; j++) row[j] = (row[j] ?? 0) + av * (b[bp + j] ?? 0);
          }
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
        for (let i = 0; i < n; i++) {
          const ai = i * k;
          for (let j = 0; j < m; j++) {
            let temp = 0;
            if (bT) {
              const bj = j * k;
              if (f32) {
                for (let p = 0; p < k; p++)
                  temp = Math.fround(temp + Math.fround((a[ai + p] ?? 0) * (b[bj + p] ?? 0)));
              } else {
                for (let p = 0; p < k; p++) temp += (a[ai + p] ?? 0) * (b[bj + p] ?? 0);
              }
            } else if (f32) {
              for (let p = 0; p < k; p++)
                temp = Math.fround(temp + Math.fround((a[ai + p] ?? 0) * (b[p * m + j] ?? 0)));
            } else {
              for (let p = 0; p < k; p++) temp += (a[ai + p] ?? 0) * (b[p * m + j] ?? 0);
            }
            const at = i * m + j;
            const scaled = alpha === 1 ? temp : alpha * temp;
            const old = c[at] ?? 0;
            // A float32 store rounds; so does Math.fround of each intermediate product.
            c[at] =
              beta === 0
                ? scaled
                : (f32 ? Math.fround(scaled) : scaled) +
                  (beta === 1 ? old : f32 ? Math.fround(beta * old) : beta * old);
          }
        }
        return;
      }
      // C = beta·C first, then for each l: C += TEMP·A(i, l), TEMP = alpha·B(l, j).
      const nm = n * m;
      for (let i = 0; i < nm; i++)
        c[i] = beta === 0 ? 0 : beta === 1 ? (c[i] ?? 0) : beta * (c[i] ?? 0);
      for (let i = 0; i < n; i++) {
        const ci = i * m;
        for (let p = 0; p < k; p++) {
          const av = a[i * k + p] ?? 0;
          const temp =
            alpha === 1 || !form.transposeC ? av : f32 ? Math.fround(alpha * av) : alpha * av;
          const bp = p * m;
          if (f32) {
            if (form.transposeC || alpha === 1) {
              for (let j = 0; j < m; j++)
                c[ci + j] = (c[ci + j] ?? 0) + Math.fround(temp * (b[bp + j] ?? 0));
            } else {
              for (let j = 0; j < m; j++)
                c[ci + j] =
                  (c[ci + j] ?? 0) + Math.fround(Math.fround(alpha * (b[bp + j] ?? 0)) * temp);
            }
          } else if (form.transposeC || alpha === 1) {
            for (let j = 0; j < m; j++) c[ci + j] = (c[ci + j] ?? 0) + temp * (b[bp + j] ?? 0);
          } else {
            for (let j = 0; j < m; j++)
              c[ci + j] = (c[ci + j] ?? 0) + alpha * (b[bp + j] ?? 0) * temp;
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
