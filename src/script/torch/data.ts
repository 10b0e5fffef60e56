/**
 * `torch.utils.data`: `Dataset` (a base class scripts subclass), `TensorDataset` and `DataLoader`
 * (batch_size, shuffle, drop_last, collate_fn, len, iteration) as PyTorch 1.13 runs them with
 * `num_workers=0`: each `iter(loader)` draws its base seed from the default generator (so later
 * random numbers match PyTorch's whether or not it shuffles); a shuffling loader then draws a
 * seed, seeds a fresh `torch.Generator` with it and takes `torch.randperm(n, generator=…)`;
 * samples are fetched with `dataset[i]` and put together by `default_collate` (tensors stacked,
 * numbers made tensors, tuples transposed into lists).
 *
 * Loading data is not part of the model: the fetching and stacking run unrecorded, and a batch
 * enters the picture as the tensor the loop binds (`for X, y in loader`), one loop iteration per
 * batch.
 */
import {stack} from '../../../autograd/ops/join.js';
import * as factories from '../../../autograd/ops/factories.js';
import {defaultGenerator, Generator as TorchGenerator} from '../../../autograd/random.js';
import {randpermValues} from '../../../autograd/sampling.js';
import {muteObserver} from '../../../autograd/report.js';
import {Tensor} from '../../../autograd/tensor.js';
import {callValue} from '../call.js';
import {instanceGetAttr} from '../classes.js';
import {PyDict} from '../containers.js';
import {instanceLen} from '../dunders.js';
import {inLibrary, pyError, raiseIn, type LibraryFrame} from '../errors.js';
import {late} from '../late.js';
import {objectClass, PyClass, PyInstance, PyMethodDescriptor} from '../objects.js';
import {pyStr, typeName} from '../repr.js';
import {getItem} from '../subscript.js';
import {PyIterator, PyList, PyModule, PyTuple, type Kwargs} from '../values.js';
import {bind, generatorOf, sig} from './args.js';

const dir = '/usr/lib/python3/dist-packages/torch/utils/data';

function frame(
  file: string,
  line: number,
  name: string,
  source: string,
  carets?: string,
): LibraryFrame {
  return {file: `${dir}/${file}`, line, name, source, ...(carets === undefined ? {} : {carets})};
}

/** Where DataLoader.__init__ makes its BatchSampler (whose checks raise inside it). */
const makesBatchSampler = frame(
  'dataloader.py',
  350,
  '__init__',
  'batch_sampler = BatchSampler(sampler, batch_size, drop_last)',
  `${' '.repeat(16)}${'^'.repeat(44)}`,
);

function self_(self: unknown): PyInstance {
  if (!(self instanceof PyInstance)) throw pyError('TypeError', 'a data method needs self');
  return self;
}

function method(
  owner: string,
  name: string,
  call: (self: PyInstance, args: readonly unknown[], kwargs: Kwargs) => unknown,
): [string, PyMethodDescriptor] {
  return [name, new PyMethodDescriptor(name, (s, a, k) => call(self_(s), a, k), owner)];
}

/** `len(x)` of a dataset: a list, a tuple, or an object with `__len__`. */
function lengthOf(x: unknown): number {
  if (x instanceof PyInstance) return Number(instanceLen(x));
  if (x instanceof PyList || x instanceof PyTuple) return x.items.length;
  if (x instanceof Tensor) return x.shape[0] ?? 0;
  throw pyError('TypeError', `object of type '${typeName(x)}' has no len()`);
}

/** `torch.utils.data.Dataset`: what a script's dataset class derives from. */
export const datasetClass = new PyClass(
  'Dataset',
  [objectClass],
  new Map<string, unknown>([
    method('Dataset', '__getitem__', () =>
      raiseIn(
        frame('dataset.py', 52, '__getitem__', 'raise NotImplementedError'),
        'NotImplementedError',
        '',
      ),
    ),
  ]),
  'torch.utils.data.dataset',
);

function tensorsOf(self: PyInstance): Tensor[] {
  return late.iterate(instanceGetAttr(self, 'tensors')) as Tensor[];
}

/** `TensorDataset(*tensors)`: sample i is `tuple(t[i] for t in tensors)`. */
export const tensorDatasetClass = new PyClass(
  'TensorDataset',
  [datasetClass],
  new Map<string, unknown>([
    method('TensorDataset', '__init__', (self, args, kwargs) => {
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
          frame(
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
    method('TensorDataset', '__getitem__', (self, args) =>
      inLibrary(
        frame(
          'dataset.py',
          193,
          '__getitem__',
          'return tuple(tensor[index] for tensor in self.tensors)',
        ),
        () => new PyTuple(tensorsOf(self).map((t) => getItem(t, args[0]))),
      ),
    ),
    method('TensorDataset', '__len__', (self) => BigInt(tensorsOf(self)[0]?.shape[0] ?? 0)),
  ]),
  'torch.utils.data.dataset',
);

/** `default_collate(batch)`: PyTorch's rules for putting samples together. */
function collate(batch: readonly unknown[]): unknown {
  const elem = batch[0];
  if (elem instanceof Tensor) return stack(batch as Tensor[], 0);
  if (typeof elem === 'bigint' || typeof elem === 'boolean') {
    return factories.tensor(
      batch.map((x) => (typeof x === 'boolean' ? x : Number(x))),
      {
        dtype: typeof elem === 'boolean' ? 'bool' : 'int64',
      },
    );
  }
  if (typeof elem === 'number') return factories.tensor(batch as number[], {dtype: 'float64'});
  if (typeof elem === 'string') return new PyList([...batch]);
  if (elem instanceof PyDict) {
    return new PyDict(
      elem.keys().map((k) => [k, collate(batch.map((d) => getItem(d, k)))] as const),
    );
  }
  if (elem instanceof PyTuple || elem instanceof PyList) {
    const items = batch.map((b) => late.iterate(b));
    const size = items[0]?.length ?? 0;
    if (items.some((it) => it.length !== size)) {
      throw pyError('RuntimeError', 'each element in list of batch should be of equal size');
    }
    const fields = Array.from({length: size}, (_, j) => collate(items.map((it) => it[j])));
    return new PyList(fields);
  }
  throw pyError(
    'TypeError',
    `default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found ${pyTypeRepr(elem)}`,
  );
}

function pyTypeRepr(v: unknown): string {
  return `<class '${v instanceof PyInstance ? `${v.cls.module}.${v.cls.qualname}` : typeName(v)}'>`;
}

/** The state of one DataLoader, kept out of its Python attributes. */
interface LoaderState {
  readonly shuffle: boolean;
  /** `generator=`: what shuffling and the workers' base seed draw from (else the default). */
  readonly generator: TorchGenerator | null;
}

function loaderState(self: PyInstance): LoaderState {
  return (self.native as LoaderState | undefined) ?? {shuffle: false, generator: null};
}

/** `torch.empty((), dtype=torch.int64).random_(generator=g)`: one 64-bit draw, below 2^63. */
function drawSeed(g: TorchGenerator): bigint {
  return g.random64() % 2n ** 63n;
}

/**
 * The sample order of one pass: 0…n-1, or RandomSampler's: `randperm(n)` from the loader's
 * generator, or from a fresh one seeded by a draw of the default generator. (RandomSampler then
 * takes `randperm(n)[:0]` too, which moves a shared generator on.)
 */
function order(n: number, shuffle: boolean, generator: TorchGenerator | null): number[] {
  if (!shuffle) return Array.from({length: n}, (_, i) => i);
  const g = generator ?? new TorchGenerator(drawSeed(defaultGenerator));
  const perm = Array.from(randpermValues(n, g));
  if (n > 0) randpermValues(n, g);
  return perm;
}

/** One pass over a loader: its batches, fetched and collated when asked for. */
function* batches(self: PyInstance): Generator<unknown, void, undefined> {
  const dataset = instanceGetAttr(self, 'dataset');
  const size = instanceGetAttr(self, 'batch_size');
  const dropLast = late.truthy(instanceGetAttr(self, 'drop_last'));
  const collateFn = instanceGetAttr(self, 'collate_fn');
  const n = lengthOf(dataset);
  const state = loaderState(self);
  const indices = order(n, state.shuffle, state.generator);
  if (size === null) {
    for (const i of indices) yield muteObserver(() => getItem(dataset, BigInt(i)));
    return;
  }
  const bs = Number(size);
  for (let start = 0; start < indices.length; start += bs) {
    const chunk = indices.slice(start, start + bs);
    if (chunk.length < bs && dropLast) return;
    yield muteObserver(() => {
      const samples = chunk.map((i) => getItem(dataset, BigInt(i)));
      return collateFn === null ? collate(samples) : callValue(collateFn, [new PyList(samples)]);
    });
  }
}

function positiveInt(v: unknown): boolean {
  return typeof v === 'bigint' && v > 0n;
}

/** `torch.utils.data.DataLoader` (shuffling as RandomSampler shuffles). */
function dataLoaderClass(): PyClass {
  return new PyClass(
    'DataLoader',
    [objectClass],
    new Map<string, unknown>([
      method('DataLoader', '__init__', (self, args, kwargs) => {
        const a = bind(
          sig(
            'DataLoader.__init__(any dataset, any batch_size=1, any shuffle=None, any sampler=None, any batch_sampler=None, any num_workers=0, any collate_fn=None, any pin_memory=False, any drop_last=False, any timeout=0, any worker_init_fn=None, any multiprocessing_context=None, any generator=None, *, any prefetch_factor=2, any persistent_workers=False, any pin_memory_device=)',
            'python',
          ),
          args,
          kwargs,
        );
        for (const unsupported of ['sampler', 'batch_sampler', 'worker_init_fn']) {
          if (a.get(unsupported) !== null) {
            throw pyError(
              'NotImplementedError',
              `DataLoader(${unsupported}=…) is not supported by grad-graph yet`,
            );
          }
        }
        const batchSize = a.get('batch_size');
        if (batchSize !== null && !positiveInt(batchSize)) {
          inLibrary(makesBatchSampler, () =>
            raiseIn(
              frame(
                'sampler.py',
                232,
                '__init__',
                'raise ValueError("batch_size should be a positive integer value, "',
              ),
              'ValueError',
              `batch_size should be a positive integer value, but got batch_size=${pyStr(batchSize)}`,
            ),
          );
        }
        const generator = a.get('generator');
        if (generator !== null && generatorOf(generator) === null) {
          throw pyError(
            'TypeError',
            `generator must be a torch.Generator, not ${typeName(generator)}`,
          );
        }
        self.native = {
          shuffle: late.truthy(a.get('shuffle') ?? false),
          generator: generatorOf(generator),
        } satisfies LoaderState;
        self.dict.set('dataset', a.get('dataset'));
        self.dict.set('num_workers', a.get('num_workers'));
        self.dict.set('prefetch_factor', a.get('prefetch_factor'));
        self.dict.set('pin_memory', a.get('pin_memory'));
        self.dict.set('timeout', a.get('timeout'));
        self.dict.set('batch_size', batchSize);
        self.dict.set('drop_last', a.get('drop_last'));
        self.dict.set('collate_fn', a.get('collate_fn'));
        return null;
      }),
      method('DataLoader', '__len__', (self) => {
        const n = lengthOf(instanceGetAttr(self, 'dataset'));
        const size = instanceGetAttr(self, 'batch_size');
        if (size === null) return BigInt(n);
        const bs = Number(size);
        const dropLast = late.truthy(instanceGetAttr(self, 'drop_last'));
        return BigInt(dropLast ? Math.floor(n / bs) : Math.ceil(n / bs));
      }),
      method('DataLoader', '__iter__', (self) => {
        // _BaseDataLoaderIter.__init__: the workers' base seed, drawn even with num_workers=0.
        drawSeed(loaderState(self).generator ?? defaultGenerator);
        return new PyIterator('_SingleProcessDataLoaderIter', [], batches(self));
      }),
    ]),
    'torch.utils.data.dataloader',
  );
}

/** `torch.utils` and `torch.utils.data`, by dotted name. */
export function dataModules(): [string, PyModule][] {
  const data = new PyModule(
    'torch.utils.data',
    new Map<string, unknown>([
      ['Dataset', datasetClass],
      ['TensorDataset', tensorDatasetClass],
      ['DataLoader', dataLoaderClass()],
    ]),
    `${dir}/__init__.py`,
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
