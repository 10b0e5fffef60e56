/**
 * Starts the script worker from its own file, written as
 * `new Worker(new URL('./script-worker-entry…', import.meta.url), {type: 'module'})`: the form
 * webpack 5 (Docusaurus), Vite, Parcel and Rollup's worker plugins recognise, so an app that
 * bundles grad-graph gets a worker of its own build (they rewrite `import.meta.url` anywhere
 * else, which is why importing the runner by its own URL failed there). The library build points
 * the URL at dist/lib/script-worker.js (vite.config.ts); the one-file bundle swaps this module
 * for script-worker-start-self.ts, whose worker imports that file itself.
 */
/** A module worker running script-worker-entry.ts; throws where there is no Worker (Node). */
export function startScriptWorker(): Worker {
  if (typeof Worker === 'undefined') throw new Error('no Worker here');
  // Every option a literal: Vite refuses to build options it cannot read statically.
  return new Worker(new URL('./script-worker-entry.ts', import.meta.url), {
    type: 'module',
    name: 'grad-graph script', // SCRIPT_WORKER_NAME
  });
}
