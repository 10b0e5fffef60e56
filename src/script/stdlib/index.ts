/**
 * The standard-library modules a script can import (`math`, `random`, `collections`, `itertools`,
 * `functools`, `contextlib`, `dataclasses`, `pprint`, `typing`, `os`, `sys`, `time`). Each module
 * but `collections` (whose deque the core uses) is its own chunk, loaded when a script imports it:
 * a run is synchronous, so `loadStdlibModules` (through `loadModulesFor` in ../modules.ts) fetches
 * what a source imports before it runs, and `./all.ts` holds them all for the CLI and the build-time
 * plugins, which load everything at once. Each is made fresh for a run on its first import, so
 * per-run state (random's generator) never leaks from one run into the next.
 */
import {pyError} from '../errors.js';
import type {PyModule} from '../values.js';
import type {CallSite} from '../values.js';
import {makeCollectionsModule} from './collections.js';

/** What a run gives the modules made for it: pprint writes where print writes, typing reads builtins. */
export interface StdlibRun {
  readonly write: (text: string, site: CallSite) => void;
  readonly builtins: ReadonlyMap<string, unknown>;
}

/** How a run makes a standard module once its code is loaded. */
export type StdlibMaker = (run: StdlibRun) => PyModule;

/** A module's loader that also loads its `__doc__` and `__all__` (module-docs.ts) and gives them. */
function described(load: () => Promise<StdlibMaker>): () => Promise<StdlibMaker> {
  return () =>
    Promise.all([load(), import('./module-docs.js')]).then(
      ([make, docs]) =>
        (run) =>
          docs.describe(make(run)),
    );
}

/** Each lazily loaded module's code, fetched as a chunk of its own (wherever the code is split). */
const codeLoaders: Readonly<Record<string, () => Promise<StdlibMaker>>> = {
  math: () => import('./math.js').then((m) => () => m.makeMathModule()),
  random: () => import('./random.js').then((m) => () => m.makeRandomModule()),
  itertools: () => import('./itertools.js').then((m) => () => m.makeItertoolsModule()),
  functools: () => import('./functools.js').then((m) => () => m.makeFunctoolsModule()),
  contextlib: () => import('./contextlib.js').then((m) => () => m.makeContextlibModule()),
  dataclasses: () => import('./dataclasses.js').then((m) => () => m.makeDataclassesModule()),
  pprint: () => import('./pprint.js').then((m) => (run) => m.makePprintModule(run.write)),
  typing: () => import('./typing.js').then((m) => (run) => m.makeTypingModule(run.builtins)),
  os: () => import('./system.js').then((m) => () => m.makeOsModule()),
  sys: () => import('./system.js').then((m) => () => m.makeSysModule('script.py')),
  time: () => import('./system.js').then((m) => () => m.makeTimeModule()),
};

/** The loaders, each loading its module's `__doc__` and `__all__` too. */
const loaders: Readonly<Record<string, () => Promise<StdlibMaker>>> = Object.fromEntries(
  Object.entries(codeLoaders).map(([name, load]) => [name, described(load)]),
);

/** The makers loaded so far (this realm: the page, or one worker), with those always present. */
const loaded = new Map<string, StdlibMaker>([['collections', () => makeCollectionsModule()]]);

/** The standard modules that load on demand (for `loadModulesFor`'s scan). */
export const lazyStdlibNames: ReadonlySet<string> = new Set(Object.keys(loaders));

/**
 * Loads the code of the standard modules named (a dotted name loads its top module: `os.path`
 * is `os`'s); names that are not lazily loaded standard modules are ignored. A failed load
 * (the network) rejects, and a later call tries again.
 */
export async function loadStdlibModules(names: Iterable<string>): Promise<void> {
  const wanted = new Set<string>();
  for (const name of names) {
    const top = name.split('.')[0] ?? name;
    if (lazyStdlibNames.has(top) && !loaded.has(top)) wanted.add(top);
  }
  await Promise.all(
    [...wanted].map(async (name) => {
      const load = loaders[name];
      if (load) loaded.set(name, await load());
    }),
  );
}

/** Whether every lazily loaded standard module among `names` has loaded (see loadStdlibModules). */
export function stdlibLoaded(names: Iterable<string>): boolean {
  for (const name of names) {
    const top = name.split('.')[0] ?? name;
    if (lazyStdlibNames.has(top) && !loaded.has(top)) return false;
  }
  return true;
}

/** Marks every standard module loaded at once from its makers (./all.ts: the CLI, the plugins). */
export function useStdlibMakers(makers: Readonly<Record<string, StdlibMaker>>): void {
  for (const [name, make] of Object.entries(makers)) loaded.set(name, make);
}

/**
 * The standard modules as one run makes them, by dotted name. A module whose code was not
 * loaded before the run (a caller that skipped `loadModulesFor`) is an ImportError saying so at
 * the import's line, not Python's "No module named".
 */
export function stdlibModulesFor(run: StdlibRun): Map<string, () => PyModule> {
  const made = new Map<string, () => PyModule>();
  for (const name of lazyStdlibNames) {
    made.set(name, () => {
      const make = loaded.get(name);
      if (!make) {
        throw pyError(
          'ImportError',
          `grad-graph did not load the module '${name}' before this run (loadModulesFor(source) loads what a script imports)`,
        );
      }
      return make(run);
    });
  }
  made.set('collections', () => makeCollectionsModule());
  made.set('os.path', () => {
    const os = made.get('os');
    return (os ? os() : null)?.attrs.get('path') as PyModule;
  });
  return made;
}
