/**
 * Per-storage-type copies of a hot kernel. V8 keeps type feedback per closure, so a kernel made
 * once per typed-array type stays monomorphic (fast) even when the program mixes float32,
 * float64 and bool tensors; a single shared function would turn polymorphic and slow down
 * several-fold.
 */
import type {Storage} from '../dtype.js';

/** One closure per storage type, made by calling `make` three times. */
export interface PerType<F> {
  readonly f32: F;
  readonly f64: F;
  readonly u8: F;
}

/** Makes the three copies. */
export function perType<F>(make: () => F): PerType<F> {
  return {f32: make(), f64: make(), u8: make()};
}

/** The copy for the type of `data`. */
export function pick<F>(kernels: PerType<F>, data: Storage): F {
  return data instanceof Float32Array
    ? kernels.f32
    : data instanceof Float64Array
      ? kernels.f64
      : kernels.u8;
}
