/**
 * traceCallback: the trace of whatever autograd does inside a TypeScript function, no script
 * needed (tests, demos, and library users who build graphs in code).
 */
import {TorchError} from '../../autograd/errors.js';
import {getObserver, setObserver} from '../../autograd/report.js';
import {thrownMessage} from './numbers.js';
import {TraceRecorder} from './recorder.js';
import type {RecorderOptions} from './recorder.js';
import type {Trace} from './schema.js';

/** Gives a tensor a name in the trace, as a script's assignment would (`x = …`); returns it. */
export type NameTensor = <T>(name: string, value: T) => T;

/**
 * Runs `fn` with a recorder attached and returns the trace. `fn` may name tensors with the
 * helper it is given, so the pictures say `x` rather than `tensor #1`. An error thrown by `fn`
 * ends the trace (as `error`, with the error's name as its type) instead of propagating.
 */
export function traceCallback(
  fn: (name: NameTensor) => void,
  options: RecorderOptions = {},
): Trace {
  const recorder = new TraceRecorder(options);
  const previous = getObserver();
  setObserver(recorder);
  let error: unknown = null;
  const name: NameTensor = (label, value) => {
    recorder.assigned(label, value, null);
    return value;
  };
  try {
    fn(name);
  } catch (e) {
    error = e;
  } finally {
    setObserver(previous);
  }
  if (error === null) return recorder.finish();
  // autograd's errors carry the Python exception class PyTorch would raise.
  const type =
    error instanceof TorchError ? error.pyType : error instanceof Error ? error.name : 'Error';
  const message = thrownMessage(error);
  return recorder.finish({error: {type, message, span: null, traceback: `${type}: ${message}\n`}});
}
