/**
 * Matrix multiply over contiguous row-major storage: C[n×m] = A[n×k]·B[k×m], in i-k-j order so
 * the inner loop streams a row of B into a row of C.
 */
import type {Storage} from '../dtype.js';
import {perType, pick} from './specialize.js';

// One copy per storage type (see specialize.ts).
const gemmKernels = perType(
  () =>
    function gemmImpl(a: Storage, b: Storage, c: Storage, n: number, k: number, m: number): void {
      if (m === 1) {
        for (let i = 0; i < n; i++) {
          let s = 0;
          const ai = i * k;
          for (let p = 0; p < k; p++) s += (a[ai + p] ?? 0) * (b[p] ?? 0);
          c[i] = s;
        }
        return;
      }
      const row = new Float64Array(m);
      for (let i = 0; i < n; i++) {
        row.fill(0);
        const ai = i * k;
        for (let p = 0; p < k; p++) {
          const av = a[ai + p] ?? 0;
          if (av === 0) continue;
          const bp = p * m;
          for (let j = 0; j < m; j++) row[j] = (row[j] ?? 0) + av * (b[bp + j] ?? 0);
        }
        c.set(row, i * m);
      }
    },
);

/** Writes A·B into `c` (zeroed, length n·m). */
export function gemm(a: Storage, b: Storage, c: Storage, n: number, k: number, m: number): void {
  pick(gemmKernels, c)(a, b, c, n, k, m);
}
