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
