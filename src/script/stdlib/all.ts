/**
 * Every standard module at once, imported statically: for the runs that cannot wait for a chunk
 * (the CLI, the build-time plugins inside markdown-it's synchronous render, the Node tests). A page
 * never imports this file; it loads each module when a script imports it (./index.ts).
 */
import {useNameLists} from '../name-lists.js';
import {dirLists} from '../pynames.js';
import {makeContextlibModule} from './contextlib.js';
import {makeDataclassesModule} from './dataclasses.js';
import {makeFunctoolsModule} from './functools.js';
import {useStdlibMakers, type StdlibMaker} from './index.js';
import {makeItertoolsModule} from './itertools.js';
import {makeMathModule} from './math.js';
import {describe} from './module-docs.js';
import {makePprintModule} from './pprint.js';
import {makeRandomModule} from './random.js';
import {makeOsModule, makeSysModule, makeTimeModule} from './system.js';
import {makeTypingModule} from './typing.js';

/** The makers of the lazily loaded standard modules, by name. */
const makers: Readonly<Record<string, StdlibMaker>> = {
  math: () => makeMathModule(),
  random: () => makeRandomModule(),
  itertools: () => makeItertoolsModule(),
  functools: () => makeFunctoolsModule(),
  contextlib: () => makeContextlibModule(),
  dataclasses: () => makeDataclassesModule(),
  pprint: (run) => makePprintModule(run.write),
  typing: (run) => makeTypingModule(run.builtins),
  os: () => makeOsModule(),
  sys: () => makeSysModule('script.py'),
  time: () => makeTimeModule(),
};

/**
 * Makes every standard module importable without loading anything (synchronous runs), and
 * installs the name lists of the "Did you mean" hints and `dir()` (../name-lists.ts) with them.
 */
export function loadAllStdlibModules(): void {
  useStdlibMakers(
    Object.fromEntries(
      Object.entries(makers).map(([name, make]) => [name, (run) => describe(make(run))]),
    ),
  );
  useNameLists(dirLists);
}
