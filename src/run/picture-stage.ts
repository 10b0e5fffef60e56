/**
 * The picture stage — src/graph's graph, timeline and layout builders, about a third of the
 * viewer's code — as a chunk of its own, loaded the first time a picture must be built on this
 * page: a page that plays traces recorded at build time with their pictures (the docs-tool
 * plugins write them, ./prebuilt.ts) never fetches it, and one that runs scripts has it with the
 * runner (in-worker.ts imports it), so its load costs nothing there.
 */
import type * as Stage from './layout.js';

/** What the stage offers: `pictureOf` and `layoutInWorker` (./layout.ts). */
export type PictureStage = typeof Stage;

let stage: PictureStage | null = null;
let loading: Promise<PictureStage> | null = null;

/**
 * The picture stage: at once when it has loaded, else a promise of it (its chunk loading). A load
 * that fails (the network) rejects, and the next call tries again.
 */
export function pictureStage(): PictureStage | Promise<PictureStage> {
  if (stage) return stage;
  loading ??= import('./layout.js').then(
    (m) => (stage = m),
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

/** Whether the picture stage has loaded here (a page playing build-time pictures never needs it). */
export function pictureStageLoaded(): boolean {
  return stage !== null;
}
