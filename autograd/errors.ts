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
  | 'NotImplementedError';

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
