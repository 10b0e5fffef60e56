/**
 * `torch.utils.data`'s datasets as PyTorch 1.13 defines them: `Dataset` (a base class scripts
 * subclass), `TensorDataset`, `Subset`, `random_split` (lengths or fractions, `randperm` from
 * `generator=`, the default generator unless given), and `default_collate` / `default_convert`
 * (tensors stacked, numbers made tensors, dicts collated per key, tuples transposed into lists).
 * The samplers are in samplers.ts, the DataLoader in dataloader.ts; this module assembles
 * `torch.utils.data`.
 */
import {stack} from '../../../autograd/ops/join.js';
import * as factories from '../../../autograd/ops/factories.js';
import {defaultGenerator} from '../../../autograd/random.js';
import {randpermValues} from '../../../autograd/sampling.js';
import {Tensor} from '../../../autograd/tensor.js';
import {instanceGetAttr} from '../classes.js';
import {PyDict} from '../containers.js';
import {inLibrary, pyError, raiseIn} from '../errors.js';
import {late} from '../late.js';
import {objectClass, PyClass, PyInstance} from '../objects.js';
import {typeName} from '../repr.js';
import {getItem} from '../subscript.js';
import {PyCallable, PyList, PyModule, PyTuple, type Kwargs} from '../values.js';
import {pyWarn} from '../warnings.js';
import {bind, generatorOf, sig} from './args.js';
import {dataDir, dataFrame, dataMethod, lengthOf} from './data-common.js';
import {dataLoaderClass} from './dataloader.js';
import {
  batchSamplerClass,
  randomSamplerClass,
  samplerClass,
  sequentialSamplerClass,
  subsetRandomSamplerClass,
  weightedRandomSamplerClass,
} from './samplers.js';

const datasetModule = 'torch.utils.data.dataset';

/** `torch.utils.data.Dataset`: what a script's dataset class derives from. */
export const datasetClass = new PyClass(
  'Dataset',
  [objectClass],
  new Map<string, unknown>([
    dataMethod('Dataset', '__getitem__', () =>
      raiseIn(
        dataFrame('dataset.py', 52, '__getitem__', 'raise NotImplementedError'),
        'NotImplementedError',
        '',
      ),
    ),
  ]),
  datasetModule,
);

function tensorsOf(self: PyInstance): Tensor[] {
  return late.iterate(instanceGetAttr(self, 'tensors')) as Tensor[];
}

/** `TensorDataset(*tensors)`: sample i is `tuple(t[i] for t in tensors)`. */
export const tensorDatasetClass = new PyClass(
  'TensorDataset',
  [datasetClass],
  new Map<string, unknown>([
    dataMethod('TensorDataset', '__init__', (self, args, kwargs) => {
      for (const k of kwargs.keys()) {
        throw pyError(
          'TypeError',
          `TensorDataset.__init__() got an unexpected keyword argument '${k}'`,
        );
      }
      const sizes = args.map((t) => {
        if (!(t instanceof Tensor)) {
          throw pyError('AttributeError', `'${typeName(t)}' object has no attribute 'size'`);
        }
        return t.shape[0];
      });
      if (args.length === 0) throw pyError('IndexError', 'tuple index out of range');
      if (sizes.some((s) => s !== sizes[0])) {
        raiseIn(
          dataFrame(
            'dataset.py',
            189,
            '__init__',
            'assert all(tensors[0].size(0) == tensor.size(0) for tensor in tensors), "Size mismatch between tensors"',
          ),
          'AssertionError',
          'Size mismatch between tensors',
        );
      }
      self.dict.set('tensors', new PyTuple([...args]));
      return null;
    }),
    dataMethod('TensorDataset', '__getitem__', (self, args) =>
      inLibrary(
        dataFrame(
          'dataset.py',
          193,
          '__getitem__',
          'return tuple(tensor[index] for tensor in self.tensors)',
        ),
        () => new PyTuple(tensorsOf(self).map((t) => getItem(t, args[0]))),
      ),
    ),
    dataMethod('TensorDataset', '__len__', (self) => BigInt(tensorsOf(self)[0]?.shape[0] ?? 0)),
  ]),
  datasetModule,
);

/** `Subset(dataset, indices)`: item i is `dataset[indices[i]]` (a list of i: a list of them). */
export const subsetClass = new PyClass(
  'Subset',
  [datasetClass],
  new Map<string, unknown>([
    dataMethod('Subset', '__init__', (self, args, kwargs) => {
      const a = bind(sig('Subset.__init__(any dataset, any indices)', 'python'), args, kwargs);
      self.dict.set('dataset', a.get('dataset'));
      self.dict.set('indices', a.get('indices'));
      return null;
    }),
    dataMethod('Subset', '__getitem__', (self, args) => {
      const idx = args[0];
      const dataset = instanceGetAttr(self, 'dataset');
      const indices = instanceGetAttr(self, 'indices');
      if (idx instanceof PyList) {
        return getItem(dataset, new PyList(idx.items.map((i) => getItem(indices, i))));
      }
      return inLibrary(
        dataFrame('dataset.py', 295, '__getitem__', 'return self.dataset[self.indices[idx]]'),
        () => getItem(dataset, getItem(indices, idx)),
      );
    }),
    dataMethod('Subset', '__len__', (self) => BigInt(lengthOf(instanceGetAttr(self, 'indices')))),
  ]),
  datasetModule,
);

function makeSubset(dataset: unknown, indices: PyList): PyInstance {
  const s = new PyInstance(subsetClass);
  s.dict.set('dataset', dataset);
  s.dict.set('indices', indices);
  return s;
}

/** Python's `sum(lengths)`: ints exactly, floats added left to right. */
function pySum(values: readonly unknown[]): bigint | number {
  let total: bigint | number = 0n;
  for (const v of values) {
    const x = typeof v === 'boolean' ? BigInt(v) : v;
    if (typeof x === 'bigint' && typeof total === 'bigint') total += x;
    else if (typeof x === 'bigint' || typeof x === 'number') total = Number(total) + Number(x);
    else {
      throw pyError(
        'TypeError',
        `unsupported operand type(s) for +: '${typeof total === 'bigint' ? 'int' : 'float'}' and '${typeName(v)}'`,
      );
    }
  }
  return total;
}

/** `math.isclose(a, 1)` with its default tolerance (rel_tol=1e-09). */
function closeToOne(a: number): boolean {
  return a === 1 || Math.abs(a - 1) <= 1e-9 * Math.max(Math.abs(a), 1);
}

const splitFrame = (line: number, source: string) =>
  dataFrame('dataset.py', line, 'random_split', source);

/** `random_split(dataset, lengths, generator=default_generator)`: Subsets of a permutation. */
function randomSplit(args: readonly unknown[], kwargs: Kwargs): PyList {
  const a = bind(
    sig('random_split(any dataset, any lengths, any generator=None)', 'python'),
    args,
    kwargs,
  );
  const dataset = a.get('dataset');
  let lengths = late.iterate(a.get('lengths'));
  const n = lengthOf(dataset);
  const total = pySum(lengths);
  if (closeToOne(Number(total)) && Number(total) <= 1) {
    const sizes = lengths.map((frac, i) => {
      const f = Number(frac);
      if (f < 0 || f > 1) {
        raiseIn(
          splitFrame(329, 'raise ValueError(f"Fraction at index {i} is not between 0 and 1")'),
          'ValueError',
          `Fraction at index ${i} is not between 0 and 1`,
        );
      }
      return Math.floor(n * f);
    });
    const remainder = n - sizes.reduce((s, x) => s + x, 0);
    for (let i = 0; i < remainder; i++)
      sizes[i % sizes.length] = (sizes[i % sizes.length] ?? 0) + 1;
    sizes.forEach((size, i) => {
      if (size === 0) {
        pyWarn(
          'UserWarning',
          `Length of split at index ${i} is 0. This might result in an empty dataset.`,
          {
            file: `${dataDir}/dataset.py`,
            line: 342,
            source: 'warnings.warn(f"Length of split at index {i} is 0. "',
          },
        );
      }
    });
    lengths = sizes.map((s) => BigInt(s));
  }
  const sum = pySum(lengths);
  if (Number(sum) !== n) {
    raiseIn(
      splitFrame(
        347,
        'raise ValueError("Sum of input lengths does not equal the length of the input dataset!")',
      ),
      'ValueError',
      'Sum of input lengths does not equal the length of the input dataset!',
    );
  }
  const g = a.get('generator');
  const perm = randpermValues(
    n,
    g === null ? defaultGenerator : (generatorOf(g) ?? defaultGenerator),
  );
  const out: PyInstance[] = [];
  let offset = 0;
  for (const length of lengths) {
    const size = Number(length);
    const slice = Array.from(perm.subarray(offset, offset + size), (v) => BigInt(v));
    out.push(makeSubset(dataset, new PyList(slice)));
    offset += size;
  }
  return new PyList(out);
}

/** `default_collate(batch)`: PyTorch's rules for putting samples together. */
export function defaultCollate(batch: readonly unknown[]): unknown {
  const elem = batch[0];
  if (elem instanceof Tensor) return stack(batch as Tensor[], 0);
  if (typeof elem === 'bigint' || typeof elem === 'boolean') {
    return factories.tensor(
      batch.map((x) => (typeof x === 'boolean' ? x : Number(x))),
      {dtype: typeof elem === 'boolean' ? 'bool' : 'int64'},
    );
  }
  if (typeof elem === 'number') return factories.tensor(batch as number[], {dtype: 'float64'});
  if (typeof elem === 'string') return new PyList([...batch]);
  if (elem instanceof PyDict) {
    return new PyDict(
      elem.keys().map((k) => [k, defaultCollate(batch.map((d) => getItem(d, k)))] as const),
    );
  }
  if (elem instanceof PyTuple || elem instanceof PyList) {
    const items = batch.map((b) => late.iterate(b));
    const size = items[0]?.length ?? 0;
    if (items.some((it) => it.length !== size)) {
      throw pyError('RuntimeError', 'each element in list of batch should be of equal size');
    }
    return new PyList(
      Array.from({length: size}, (_, j) => defaultCollate(items.map((it) => it[j]))),
    );
  }
  throw pyError(
    'TypeError',
    `default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found ${pyTypeRepr(elem)}`,
  );
}

/** `default_convert(data)`: one sample as is, tuples made lists (no batching: batch_size=None). */
export function defaultConvert(data: unknown): unknown {
  if (data instanceof Tensor) return data;
  if (data instanceof PyDict) {
    return new PyDict(data.keys().map((k) => [k, defaultConvert(getItem(data, k))] as const));
  }
  if (data instanceof PyTuple || data instanceof PyList) {
    return new PyList(data.items.map(defaultConvert));
  }
  return data;
}

function pyTypeRepr(v: unknown): string {
  return `<class '${v instanceof PyInstance ? `${v.cls.module}.${v.cls.qualname}` : typeName(v)}'>`;
}

function oneArg(name: string, run: (x: unknown) => unknown): PyCallable {
  return new PyCallable(name, (args, kwargs) =>
    run(bind(sig(`${name}(any batch)`, 'python'), args, kwargs).get('batch')),
  );
}

/** `torch.utils.data.default_collate`, a function a script may call or pass on. */
export const defaultCollateFunction = oneArg('default_collate', (batch) =>
  defaultCollate(late.iterate(batch)),
);

/** `torch.utils.data.default_convert`. */
export const defaultConvertFunction = oneArg('default_convert', defaultConvert);

/** `torch.utils` and `torch.utils.data`, by dotted name. */
export function dataModules(): [string, PyModule][] {
  const data = new PyModule(
    'torch.utils.data',
    new Map<string, unknown>([
      ['Dataset', datasetClass],
      ['TensorDataset', tensorDatasetClass],
      ['Subset', subsetClass],
      ['random_split', new PyCallable('random_split', randomSplit)],
      ['DataLoader', dataLoaderClass(defaultCollateFunction, defaultConvertFunction)],
      ['Sampler', samplerClass],
      ['SequentialSampler', sequentialSamplerClass],
      ['RandomSampler', randomSamplerClass],
      ['SubsetRandomSampler', subsetRandomSamplerClass],
      ['WeightedRandomSampler', weightedRandomSamplerClass],
      ['BatchSampler', batchSamplerClass],
      ['default_collate', defaultCollateFunction],
      ['default_convert', defaultConvertFunction],
    ]),
    `${dataDir}/__init__.py`,
  );
  const utils = new PyModule(
    'torch.utils',
    new Map<string, unknown>([['data', data]]),
    '/usr/lib/python3/dist-packages/torch/utils/__init__.py',
  );
  return [
    ['torch.utils', utils],
    ['torch.utils.data', data],
  ];
}
