/**
 * TorchError: what autograd/ throws, carrying the Python exception type PyTorch raises.
 */

/** The Python exception classes PyTorch raises for the calls autograd/ supports. */
export type PyErrorType =
  | 'RuntimeError'
  | 'TypeError'
  | 'ValueError'
  | 'IndexError'
  | 'AttributeError'
  | 'NotImplementedError'
  | 'AssertionError';

/** An error PyTorch would raise: `pyType` is its Python class, `message` exactly `str(e)`. */
export class TorchError extends Error {
  /** The Python exception class name. */
  readonly pyType: PyErrorType;

  constructor(pyType: PyErrorType, message: string) {
    super(message);
    this.name = 'TorchError';
    this.pyType = pyType;
  }
}

/** Shorthand for `new TorchError('RuntimeError', message)`. */
export function runtimeError(message: string): TorchError {
  return new TorchError('RuntimeError', message);
}

/** A double as C++'s `<<` prints it in PyTorch's messages (6 significant digits: `-1`, `1.5`). */
export function cppDouble(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(v.toPrecision(6)))));
  if (exp < -5 || exp >= 6) {
    const [m = '', e = '0'] = v.toExponential(5).split('e');
    const mantissa = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const n = Number(e);
    return `${mantissa}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  const fixed = v.toFixed(Math.max(0, 5 - exp));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}
