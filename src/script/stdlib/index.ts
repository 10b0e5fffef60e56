/**
 * The standard-library modules a script can import (`math`, `random`, `collections`, `itertools`,
 * `functools`, `contextlib`, `dataclasses`, `os`, `sys`, `time`), registered with imports.ts when this file loads: each is made
 * fresh for a run on its first import, so per-run state (random's generator) never leaks from one
 * run into the next.
 */
import {registerModule} from '../imports.js';
import type {PyModule} from '../values.js';
import {makeCollectionsModule} from './collections.js';
import {makeContextlibModule} from './contextlib.js';
import {makeDataclassesModule} from './dataclasses.js';
import {makeFunctoolsModule} from './functools.js';
import {makeItertoolsModule} from './itertools.js';
import {makeMathModule} from './math.js';
import {makeRandomModule} from './random.js';
import {makeOsModule, makeSysModule, makeTimeModule} from './system.js';

/** The makers of the standard modules, by name; `filename` is the script's (for `sys.argv`). */
export const stdlibModules: Readonly<Record<string, (filename: string) => PyModule>> = {
  math: makeMathModule,
  random: makeRandomModule,
  collections: makeCollectionsModule,
  itertools: makeItertoolsModule,
  functools: makeFunctoolsModule,
  contextlib: makeContextlibModule,
  dataclasses: makeDataclassesModule,
  os: makeOsModule,
  sys: makeSysModule,
  time: makeTimeModule,
};

/**
 * Makes `import math` (and the others, `os.path` too) find these modules. Called by the interpreter
 * when it loads (not by this file's own top level: a bundler told that src/ has no side effects
 * drops a module imported only for them, and the built CLI then had no `math`).
 */
export function registerStdlibModules(): void {
  for (const [name, make] of Object.entries(stdlibModules)) {
    registerModule(name, () => make('script.py'));
  }
  registerModule('os.path', () => makeOsModule().attrs.get('path') as PyModule);
}
