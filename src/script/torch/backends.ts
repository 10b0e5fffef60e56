/**
 * `torch.backends`: what a CPU-only PyTorch 1.13 build (Debian's, the one our goldens come from)
 * reports about its backends, so the device-picking lines tutorials start with run as written
 * (`"mps" if torch.backends.mps.is_available() else "cpu"`, `torch.backends.cudnn.deterministic =
 * True`). cuDNN's flags are plain module attributes: setting them changes nothing on the CPU.
 */
import {pyError} from '../errors.js';
import {PyCallable, PyModule} from '../values.js';

const root = '/usr/lib/python3/dist-packages/torch/backends';

/** A function of `torch.backends.<name>` taking no arguments. */
function query(module: string, name: string, value: () => unknown): [string, PyCallable] {
  return [
    name,
    new PyCallable(
      name,
      (args, kwargs) => {
        const given = args.length + kwargs.size;
        if (given !== 0) {
          throw pyError(
            'TypeError',
            `${name}() takes 0 positional arguments but ${given} ${given === 1 ? 'was' : 'were'} given`,
          );
        }
        return value();
      },
      {kind: 'module-function', module},
    ),
  ];
}

function backend(name: string, members: [string, unknown][]): PyModule {
  const module = `torch.backends.${name}`;
  return new PyModule(module, new Map(members), `${root}/${name}/__init__.py`);
}

/** `torch.backends` and its submodules, by their import names. */
export function backendsModules(): [string, PyModule][] {
  const m = 'torch.backends';
  const cudnn = backend('cudnn', [
    query(`${m}.cudnn`, 'is_available', () => false),
    query(`${m}.cudnn`, 'version', () => null),
    ['enabled', true],
    ['benchmark', false],
    ['deterministic', false],
    ['allow_tf32', true],
  ]);
  const matmul = new PyModule(
    'torch.backends.cuda.matmul',
    new Map<string, unknown>([['allow_tf32', false]]),
    `${root}/cuda/__init__.py`,
  );
  const cuda = backend('cuda', [query(`${m}.cuda`, 'is_built', () => false), ['matmul', matmul]]);
  const mps = backend('mps', [
    query(`${m}.mps`, 'is_available', () => false),
    query(`${m}.mps`, 'is_built', () => false),
  ]);
  const mkl = backend('mkl', [query(`${m}.mkl`, 'is_available', () => false)]);
  const mkldnn = backend('mkldnn', [
    query(`${m}.mkldnn`, 'is_available', () => true),
    ['enabled', true],
  ]);
  const openmp = backend('openmp', [query(`${m}.openmp`, 'is_available', () => true)]);
  const subs: [string, PyModule][] = [
    ['cuda', cuda],
    ['cudnn', cudnn],
    ['mkl', mkl],
    ['mkldnn', mkldnn],
    ['mps', mps],
    ['openmp', openmp],
  ];
  const backends = new PyModule(m, new Map<string, unknown>(subs), `${root}/__init__.py`);
  return [[m, backends], ...subs.map(([n, mod]): [string, PyModule] => [`${m}.${n}`, mod])];
}
