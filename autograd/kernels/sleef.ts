/**
 * float32 exp as PyTorch computes it on x86 CPUs: its vectorised kernels call SLEEF's expf
 * (Cody–Waite reduction by ln 2, a degree-6 polynomial, fused multiply-adds). Math.exp rounded
 * to float32 differs from it by one ulp for about one value in ten, which shows in printed
 * tensors; this port matches it bit for bit on the golden sweep (test/autograd/sleef.test.ts).
 */

const f = Math.fround;

/** A float32 fused multiply-add: one rounding of a·b + c (a·b is exact in a double). */
function fma(a: number, b: number, c: number): number {
  return f(a * b + c);
}

/** Round half to even, as the CPU's float→int conversion does. */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const LOG2E = f(1.4426950408889634);
// ln 2 split into a high part with trailing zero bits and a low correction.
const LN2_HI = f(0.693145751953125);
const LN2_LO = f(1.428606765330187e-6);
const C6 = f(0.000198527617612853646278381);
const C5 = f(0.00139304355252534151077271);
const C4 = f(0.00833336077630519866943359);
const C3 = f(0.0416664853692054748535156);
const C2 = f(0.166666671633720397949219);

/** e^x in float32, bit-exact with PyTorch's CPU kernel. */
export function expf(x: number): number {
  if (x !== x) return NaN;
  if (x < -104) return 0;
  if (x > 100) return Infinity;
  const q = rint(f(x * LOG2E));
  const s = fma(q, -LN2_LO, fma(q, -LN2_HI, x));
  let u = fma(C6, s, C5);
  u = fma(u, s, C4);
  u = fma(u, s, C3);
  u = fma(u, s, C2);
  u = fma(u, s, 0.5);
  u = f(1 + fma(f(s * s), u, s));
  // Scale by 2^q in two steps so neither factor overflows.
  const h = q >> 1;
  return f(u * 2 ** h * 2 ** (q - h));
}

/** sigmoid(x) = 1 / (1 + e^-x) in float32, as PyTorch's vectorised kernel evaluates it. */
export function sigmoidf(x: number): number {
  return f(1 / f(1 + expf(f(-x))));
}
