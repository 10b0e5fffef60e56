/**
 * src/run/: the run — source → trace → picture (graph + timeline + layout), on the main thread or
 * in a worker (one worker channel: start, abort, watchdog, CSP fallback), and the notebook's
 * session; one RunError for every way a run can fail; the seven run limits, declared once.
 */
export {withMaxElements} from './trace.js';
// Every module loaded at once: a caller of the entry need not await loadModulesFor first.
export {traceSource, traceRun} from './trace-now.js';
export type {TraceSourceOptions, TracedRun, RunListener} from './trace.js';
export {traceIteration} from './iteration.js';
export {RerunMismatchError, checkRerun, clampIteration, rerunOptions, sourceOf} from './rerun.js';
export type {IterationOptions} from './iteration.js';
export {RunError, runError, runErrorOf, runErrorOfTrace} from './errors.js';
export type {RunErrorData} from './errors.js';
export {limitNames, runLimits, runOptionsOf} from './limits.js';
export type {LimitName, LimitValues, RunLimit} from './limits.js';
export {buildPicture} from './picture.js';
export type {Picture, PictureRequest} from './picture.js';
export {layoutInWorker, pictureOf, WORKER_THRESHOLD} from './layout.js';
export {pictureStage, pictureStageLoaded} from './picture-stage.js';
export type {PictureStage} from './picture-stage.js';
export {prebuiltOf, readPrebuilt} from './prebuilt.js';
export type {PrebuiltPictures} from './prebuilt.js';
export type {WorkerLayoutControl} from './layout.js';
export {WorkerSlot, callWorker, serve, LOAD_DEADLINE_MS} from './channel.js';
export type {WorkerCall, WorkerReply, WorkerRequest} from './channel.js';
export {traceInWorker, runInWorker, PROBE_MAX_ELEMENTS, WATCHDOG_GRACE_MS} from './in-worker.js';
export type {WorkerRun, WorkerRunControl} from './in-worker.js';
export {LatestRun, MAIN_THREAD_BUDGET_MS, loadRunner} from './latest.js';
export type {RunInputs, RunOutcome} from './latest.js';
export {recordSegment, runCells} from './session.js';
// A run is synchronous; the modules a script imports load before it (the runner's lazy chunks),
// and a main-thread run that reads the name lists of errors' hints loads them (runInWorker).
export {
  loadModulesFor,
  modulesLoadedFor,
  loadNameLists,
  nameListsLoaded,
  nameListsMissed,
} from '../script/index.js';
export type {CellError, CellLines, CellRun, SessionRun, SessionOptions} from './session.js';
