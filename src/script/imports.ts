/**
 * What `import` finds: torch's modules, and the modules other parts of the runner register
 * (`math`, `random`, …) by dotted name. A module that Python has but grad-graph does not is a
 * clear NotImplementedError at the import's line; a name Python does not know either is
 * CPython's `ModuleNotFoundError: No module named '…'`.
 */
import {pyError} from './errors.js';
import {torchModules} from './torch/modules.js';
import {PyModule} from './values.js';

const factories = new Map<string, () => PyModule>();

/**
 * Makes `import name` find the module `make()` builds. `make` runs once per script run (the
 * first import), so a module may keep per-run state (a random generator).
 */
export function registerModule(name: string, make: () => PyModule): void {
  factories.set(name, make);
}

/** Modules Python has (its standard library, common packages) that grad-graph does not run. */
const knownModules: ReadonlySet<string> = new Set([
  'numpy',
  'matplotlib',
  'pandas',
  'scipy',
  'sklearn',
  'seaborn',
  'PIL',
  'cv2',
  'tqdm',
  'IPython',
  'd2l',
  'tensorflow',
  'jax',
  'keras',
  'sympy',
  'requests',
  'h5py',
  'torchvision',
  'torchaudio',
  'torchtext',
  'torchviz',
  'graphviz',
  'os',
  'sys',
  'time',
  'json',
  're',
  'itertools',
  'functools',
  'collections',
  'math',
  'random',
  'dataclasses',
  'copy',
  'string',
  'abc',
  'warnings',
  'pathlib',
  'datetime',
  'pickle',
  'csv',
  'argparse',
  'logging',
  'operator',
  'statistics',
  'fractions',
  'decimal',
  'numbers',
  'heapq',
  'bisect',
  'enum',
  'textwrap',
  'timeit',
  'io',
  'glob',
  'shutil',
  'subprocess',
  'threading',
  'multiprocessing',
  'urllib',
  'zipfile',
  'gzip',
  'hashlib',
  'struct',
  'array',
  'queue',
  'contextlib',
  'inspect',
  'traceback',
  'unittest',
  'doctest',
  'types',
  'gc',
  'platform',
  'socket',
  'tempfile',
  'unicodedata',
  'secrets',
  'uuid',
  'cmath',
]);

/** torch's own submodules that grad-graph does not provide (yet). */
const torchSubmodules: ReadonlySet<string> = new Set([
  'torch.linalg',
  'torch.fft',
  'torch.special',
  'torch.cuda',
  'torch.jit',
  'torch.onnx',
  'torch.nn.utils',
  'torch.autograd.functional',
  'torch.testing',
]);

/**
 * Finds (or makes, through `cache`) the module named `name`; raises as Python would if none.
 * `local` makes the modules that need the run itself (pprint writes where print writes).
 */
export function findModule(
  name: string,
  cache: Map<string, PyModule>,
  local: ReadonlyMap<string, () => PyModule> = new Map(),
): PyModule {
  const cached = cache.get(name);
  if (cached) return cached;
  const torch = torchModules().get(name);
  if (torch) return torch;
  const make = local.get(name) ?? factories.get(name);
  if (make) {
    const m = make();
    cache.set(name, m);
    return m;
  }
  const top = name.split('.')[0] ?? name;
  if (knownModules.has(top) || torchSubmodules.has(name)) {
    throw pyError(
      'NotImplementedError',
      `importing '${name}' is not supported by grad-graph's Python subset`,
    );
  }
  throw pyError('ModuleNotFoundError', `No module named '${name}'`);
}

/** Can `name` be imported (without raising)? */
export function hasModule(name: string): boolean {
  return torchModules().has(name) || factories.has(name);
}
