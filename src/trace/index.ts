/**
 * src/trace/: the Trace of one run (schema, validator, recorder) and how to make one.
 */
export type * from './schema.js';
export type {Span} from './span.js';
export {TRACE_FORMAT, TRACE_VERSION} from './schema.js';
export {TraceValidationError, parseTrace, validateTrace} from './validate.js';
export type {ValidationLimits} from './validate.js';
export {TraceRecorder} from './recorder.js';
export {defaultMaxOps} from './limits.js';
export type {GroupStart, RecordedError, RecorderOptions} from './recorder.js';
export {traceCallback} from './callback.js';
export {decodeArg, decodeNumber, encodeArg, encodeNumber} from './numbers.js';
