/** Loads TensorFlow.js's CPU backend for the benchmarks (a dev dependency, bundled on first use). */
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'vite';

/** The `@tensorflow/tfjs-core` namespace. */
export type TF = typeof import('@tensorflow/tfjs-core');

let loaded: Promise<TF> | null = null;

async function bundleAndImport(): Promise<TF> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const outDir = `${root}node_modules/.bench`;
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    build: {
      ssr: `${root}bench/peers/tfjs-entry.ts`,
      outDir,
      emptyOutDir: true,
      target: 'node20',
    },
    ssr: {noExternal: true},
  });
  const module = (await import(pathToFileURL(`${outDir}/tfjs-entry.js`).href)) as {tf: TF};
  const tf = module.tf;
  // The CPU backend advises installing tfjs-node on first use; the advice is noise here.
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    await tf.setBackend('cpu');
    await tf.ready();
  } finally {
    console.warn = warn;
  }
  return tf;
}

/** TensorFlow.js with the CPU backend ready, loaded once per process. */
export function loadTfjs(): Promise<TF> {
  loaded ??= bundleAndImport();
  return loaded;
}
