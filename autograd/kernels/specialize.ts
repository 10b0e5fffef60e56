/**
 * Per-storage-type copies of a hot kernel. V8 keeps type feedback per closure, so a kernel made
 * once per typed-array type stays monomorphic (fast) even when the program mixes float32,
 * float64, bool and integer tensors; a single shared function would turn polymorphic and slow
 * down several-fold.
 */
import type {Storage} from '../dtype.js';

/**
 * One closure per storage type, made by calling `make` four times: Float32Array, Float64Array,
 * Uint8Array (bool and uint8), and one shared by the Int32/Int16/Int8Array dtypes.
 */
export interface PerType<F> {
  readonly f32: F;
  readonly f64: F;
  readonly u8: F;
  readonly int: F;
}

/** Makes the four copies. */
export function perType<F>(make: () => F): PerType<F> {
  return {f32: make(), f64: make(), u8: make(), int: make()};
}

/** The copy for the type of `data`. */
export function pick<F>(kernels: PerType<F>, data: Storage): F {
  return data instanceof Float32Array
    ? kernels.f32
    : data instanceof Float64Array
      ? kernels.f64
      : data instanceof Uint8Array
        ? kernels.u8
        : kernels.int;
}
