/**
 * Starts the script worker in the one-file bundle (dist/grad-graph.js, vite.config.ts swaps it in
 * for script-worker-start.ts): the worker imports the bundle itself by its URL, whose DOM-free half
 * answers there (in-worker.ts serves on load), so the file stays one and the runner ships once.
 */
import {moduleWorker} from './module-worker.js';
import {SCRIPT_WORKER_NAME} from './script-worker.js';

/** A module worker importing the module this code is in; throws where there is no Worker. */
export function startScriptWorker(): Worker {
  return moduleWorker(import.meta.url, SCRIPT_WORKER_NAME);
}
