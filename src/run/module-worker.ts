/**
 * A worker that runs a module the page has already loaded — the runner's own chunk — instead of a
 * second copy of its code inlined in the bundle: a small module Blob that imports the module by its
 * URL (the browser's module cache and HTTP cache serve it), so the runner ships once.
 *
 * Where that URL cannot be loaded in a worker (a bundler that rewrote `import.meta.url`, a file
 * that also holds page code and fails outside a page), the worker fails before it says `loaded`,
 * and the channel runs the work on the main thread instead (see channel.ts).
 */

/** One Blob URL per module (tiny, kept for the page's life: each worker of a kind reuses it). */
const blobUrls = new Map<string, string>();

/**
 * A module worker named `name` that imports `moduleUrl` (give it `import.meta.url` of the module
 * that serves the worker side of the channel). Throws where there is no Worker (Node, happy-dom)
 * or the page forbids it; the channel then runs the work on the main thread.
 */
export function moduleWorker(moduleUrl: string, name: string): Worker {
  if (typeof Worker === 'undefined' || typeof Blob === 'undefined') {
    throw new Error('no Worker here');
  }
  let url = blobUrls.get(moduleUrl);
  if (url === undefined) {
    // Requests that arrive while the module loads wait, and go to its handler once it has one.
    const source = `const early = [];
globalThis.onmessage = (event) => void early.push(event.data);
await import(${JSON.stringify(moduleUrl)});
for (const data of early) globalThis.dispatchEvent(new MessageEvent('message', {data}));
`;
    url = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
    blobUrls.set(moduleUrl, url);
  }
  return new Worker(url, {type: 'module', name});
}
