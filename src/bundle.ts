/**
 * dist/grad-graph.js, the one file for a `<script type="module">` tag (and a CDN): everything of
 * the package root and, in a page, both elements defined and the `data-enhance` opt-in for the
 * page's fences. The page half is loaded lazily (inlined in this one file, evaluated only when
 * called), so the same file also serves as the script worker's code: a worker imports it by its URL
 * (src/run/module-worker.ts), evaluates only the DOM-free pipeline, and the runner answers there.
 * The elements' classes are `customElements.get('grad-graph')` once defined.
 */
export * from './index.js';

if (typeof document !== 'undefined') {
  const bundleUrl = import.meta.url;
  import('./bundle-page.js')
    .then(({startPage}) => {
      startPage(bundleUrl);
    })
    .catch((e: unknown) => {
      console.error('[grad-graph] could not define the elements:', e);
    });
}
