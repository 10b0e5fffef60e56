/**
 * traceCallback: the trace of whatever autograd does inside a TypeScript function, no script
 * needed (tests, demos, and library users who build graphs in code).
 */
import {getObserver, setObserver} from '../../autograd/report.js';
import {thrownMessage} from './numbers.js';
import {TraceRecorder} from './recorder.js';
import type {RecorderOptions} from './recorder.js';
import type {Trace} from './schema.js';

/**
 * Runs `fn` with a recorder attached and returns the trace. An error thrown by `fn` ends the
 * trace (as `error`, with the error's name as its type) instead of propagating.
 */
export function traceCallback(fn: () => void, options: RecorderOptions = {}): Trace {
  const recorder = new TraceRecorder(options);
  const previous = getObserver();
  setObserver(recorder);
  let error: unknown = null;
  try {
    fn();
  } catch (e) {
    error = e;
  } finally {
    setObserver(previous);
  }
  if (error === null) return recorder.finish();
  const type = error instanceof Error ? error.name : 'Error';
  const message = thrownMessage(error);
  return recorder.finish({error: {type, message, span: null, traceback: `${type}: ${message}\n`}});
}
