/**
 * torch.utils.data's samplers as PyTorch 1.13's sampler.py defines them: `Sampler` (the base class
 * scripts subclass), `SequentialSampler`, `RandomSampler` (a fresh generator seeded by one draw of
 * the default generator unless `generator=` is given; `randperm` per pass, `randint` in blocks of
 * 32 with replacement), `SubsetRandomSampler`, `WeightedRandomSampler` (`multinomial`) and
 * `BatchSampler`. Their `__iter__` are generators, so their random draws happen at the first
 * `next`, as in Python. Their attributes are ordinary instance attributes a script may read.
 */
import {multinomial} from '../../../autograd/ops/distributions.js';
import * as factories from '../../../autograd/ops/factories.js';
import {
  defaultGenerator,
  fillRandint,
  Generator as TorchGenerator,
} from '../../../autograd/random.js';
import {muteObserver} from '../../../autograd/report.js';
import {randpermValues} from '../../../autograd/sampling.js';
import {Tensor} from '../../../autograd/tensor.js';
import {instanceGetAttr} from '../classes.js';
import {pyError, raiseIn} from '../errors.js';
import {lazyIterator} from '../iterators.js';
import {late} from '../late.js';
import {objectClass, PyClass, PyInstance, PyMethodDescriptor, PyProperty} from '../objects.js';
import {pyStr, typeName} from '../repr.js';
import {getItem} from '../subscript.js';
import {PyList, type Kwargs} from '../values.js';
import {bind, generatorOf, sig} from './args.js';
import {toNestedData} from './convert.js';
import {dataFrame, dataMethod, lazyItems, lengthOf} from './data-common.js';

const module = 'torch.utils.data.sampler';

function samplerFrame(line: number, name: string, source: string) {
  return dataFrame('sampler.py', line, name, source);
}

/** `torch.empty((), dtype=torch.int64).random_(generator=g).item()`: one draw below 2^63. */
export function drawSeed(g: TorchGenerator): bigint {
  return g.random64() % 2n ** 63n;
}

/** The generator a sampler's `generator=` attribute names (null: none given). */
function samplerGenerator(self: PyInstance): TorchGenerator | null {
  const g = instanceGetAttr(self, 'generator');
  if (g === null) return null;
  const native = generatorOf(g);
  if (native === null) {
    throw pyError(
      'TypeError',
      `randperm() received an invalid combination of arguments - got (int, generator=${typeName(g)})`,
    );
  }
  return native;
}

function isInt(v: unknown): v is bigint {
  return typeof v === 'bigint';
}

function bound(name: string, text: string, args: readonly unknown[], kwargs: Kwargs) {
  return bind(sig(`${name}(${text})`, 'python'), args, kwargs);
}

/** `Sampler`: a script's sampler class derives from it (`__iter__` must be defined). */
export const samplerClass = new PyClass(
  'Sampler',
  [objectClass],
  new Map<string, unknown>([
    dataMethod('Sampler', '__init__', (_self, args, kwargs) => {
      bound('Sampler.__init__', 'any data_source', args, kwargs);
      return null;
    }),
    dataMethod('Sampler', '__iter__', () =>
      raiseIn(samplerFrame(39, '__iter__', 'raise NotImplementedError'), 'NotImplementedError', ''),
    ),
  ]),
  module,
);

/** `SequentialSampler(data_source)`: 0, 1, …, len - 1. */
export const sequentialSamplerClass = new PyClass(
  'SequentialSampler',
  [samplerClass],
  new Map<string, unknown>([
    dataMethod('SequentialSampler', '__init__', (self, args, kwargs) => {
      const a = bound('SequentialSampler.__init__', 'any data_source', args, kwargs);
      self.dict.set('data_source', a.get('data_source'));
      return null;
    }),
    dataMethod('SequentialSampler', '__iter__', (self) => {
      const n = lengthOf(instanceGetAttr(self, 'data_source'));
      return lazyIterator(
        'range_iterator',
        (function* () {
          for (let i = 0; i < n; i++) yield BigInt(i);
        })(),
      );
    }),
    dataMethod('SequentialSampler', '__len__', (self) =>
      BigInt(lengthOf(instanceGetAttr(self, 'data_source'))),
    ),
  ]),
  module,
);

function numSamples(self: PyInstance): unknown {
  const n = instanceGetAttr(self, '_num_samples');
  return n === null ? BigInt(lengthOf(instanceGetAttr(self, 'data_source'))) : n;
}

function* ints(values: ArrayLike<number>): Generator<bigint, void, undefined> {
  for (let i = 0; i < values.length; i++) yield BigInt(values[i] ?? 0);
}

/** `torch.randint(high=n, size=(k,), generator=g).tolist()`. */
function randintValues(n: number, k: number, g: TorchGenerator): Float64Array {
  if (n <= 0 && k > 0) {
    throw pyError(
      'RuntimeError',
      `random_ expects 'from' to be less than 'to', but got from=0 >= to=${n}`,
    );
  }
  const out = new Float64Array(k);
  fillRandint(out, 0, n, g);
  return out;
}

/** RandomSampler's `__iter__`: the indices of one pass. */
function* randomIndices(self: PyInstance): Generator<bigint, void, undefined> {
  const n = lengthOf(instanceGetAttr(self, 'data_source'));
  const g = samplerGenerator(self) ?? new TorchGenerator(drawSeed(defaultGenerator));
  const count = Number(numSamples(self));
  if (late.truthy(instanceGetAttr(self, 'replacement'))) {
    for (let b = 0; b < Math.floor(count / 32); b++) yield* ints(randintValues(n, 32, g));
    yield* ints(randintValues(n, count % 32, g));
    return;
  }
  if (n === 0) throw pyError('ZeroDivisionError', 'integer division or modulo by zero');
  for (let b = 0; b < Math.floor(count / n); b++) yield* ints(randpermValues(n, g));
  yield* ints(randpermValues(n, g).subarray(0, count % n));
}

/** `RandomSampler(data_source, replacement=False, num_samples=None, generator=None)`. */
export const randomSamplerClass = new PyClass(
  'RandomSampler',
  [samplerClass],
  new Map<string, unknown>([
    dataMethod('RandomSampler', '__init__', (self, args, kwargs) => {
      const a = bound(
        'RandomSampler.__init__',
        'any data_source, any replacement=False, any num_samples=None, any generator=None',
        args,
        kwargs,
      );
      self.dict.set('data_source', a.get('data_source'));
      self.dict.set('replacement', a.get('replacement'));
      self.dict.set('_num_samples', a.get('num_samples'));
      self.dict.set('generator', a.get('generator'));
      const replacement = a.get('replacement');
      if (typeof replacement !== 'boolean') {
        raiseIn(
          samplerFrame(
            107,
            '__init__',
            'raise TypeError("replacement should be a boolean value, but got "',
          ),
          'TypeError',
          `replacement should be a boolean value, but got replacement=${pyStr(replacement)}`,
        );
      }
      const n = numSamples(self);
      if (!(isInt(n) || typeof n === 'boolean') || Number(n) <= 0) {
        raiseIn(
          samplerFrame(
            111,
            '__init__',
            'raise ValueError("num_samples should be a positive integer "',
          ),
          'ValueError',
          `num_samples should be a positive integer value, but got num_samples=${pyStr(n)}`,
        );
      }
      return null;
    }),
    [
      'num_samples',
      new PyProperty(
        new PyMethodDescriptor('num_samples', (s) => numSamples(s as PyInstance), 'RandomSampler'),
      ),
    ],
    dataMethod('RandomSampler', '__iter__', (self) =>
      lazyIterator('generator', randomIndices(self)),
    ),
    dataMethod('RandomSampler', '__len__', (self) => numSamples(self)),
  ]),
  module,
);

/** `SubsetRandomSampler(indices, generator=None)`: the indices in `randperm` order. */
export const subsetRandomSamplerClass = new PyClass(
  'SubsetRandomSampler',
  [samplerClass],
  new Map<string, unknown>([
    dataMethod('SubsetRandomSampler', '__init__', (self, args, kwargs) => {
      const a = bound(
        'SubsetRandomSampler.__init__',
        'any indices, any generator=None',
        args,
        kwargs,
      );
      self.dict.set('indices', a.get('indices'));
      self.dict.set('generator', a.get('generator'));
      return null;
    }),
    dataMethod('SubsetRandomSampler', '__iter__', (self) =>
      lazyIterator(
        'generator',
        (function* () {
          const indices = instanceGetAttr(self, 'indices');
          const g = samplerGenerator(self) ?? defaultGenerator;
          for (const i of randpermValues(lengthOf(indices), g)) yield getItem(indices, BigInt(i));
        })(),
      ),
    ),
    dataMethod('SubsetRandomSampler', '__len__', (self) =>
      BigInt(lengthOf(instanceGetAttr(self, 'indices'))),
    ),
  ]),
  module,
);

/** `WeightedRandomSampler(weights, num_samples, replacement=True, generator=None)`. */
export const weightedRandomSamplerClass = new PyClass(
  'WeightedRandomSampler',
  [samplerClass],
  new Map<string, unknown>([
    dataMethod('WeightedRandomSampler', '__init__', (self, args, kwargs) => {
      const a = bound(
        'WeightedRandomSampler.__init__',
        'any weights, any num_samples, any replacement=True, any generator=None',
        args,
        kwargs,
      );
      const n = a.get('num_samples');
      if (!isInt(n) || n <= 0n) {
        raiseIn(
          samplerFrame(
            183,
            '__init__',
            'raise ValueError("num_samples should be a positive integer "',
          ),
          'ValueError',
          `num_samples should be a positive integer value, but got num_samples=${pyStr(n)}`,
        );
      }
      const replacement = a.get('replacement');
      if (typeof replacement !== 'boolean') {
        raiseIn(
          samplerFrame(
            186,
            '__init__',
            'raise ValueError("replacement should be a boolean value, but got "',
          ),
          'ValueError',
          `replacement should be a boolean value, but got replacement=${pyStr(replacement)}`,
        );
      }
      const w = a.get('weights');
      const weights =
        w instanceof Tensor
          ? muteObserver(() => w.to('float64'))
          : factories.tensor(toNestedData(w), {dtype: 'float64'});
      if (weights.shape.length !== 1) {
        const shape =
          weights.shape.length === 1 ? `(${weights.shape[0]},)` : `(${weights.shape.join(', ')})`;
        raiseIn(
          samplerFrame(
            191,
            '__init__',
            'raise ValueError("weights should be a 1d sequence but given "',
          ),
          'ValueError',
          `weights should be a 1d sequence but given weights have shape ${shape}`,
        );
      }
      self.dict.set('weights', weights);
      self.dict.set('num_samples', n);
      self.dict.set('replacement', replacement);
      self.dict.set('generator', a.get('generator'));
      return null;
    }),
    dataMethod('WeightedRandomSampler', '__iter__', (self) =>
      lazyIterator(
        'generator',
        (function* () {
          const g = samplerGenerator(self);
          const weights = instanceGetAttr(self, 'weights') as Tensor;
          const drawn = muteObserver(() =>
            multinomial(
              weights,
              instanceGetAttr(self, 'num_samples') as bigint,
              late.truthy(instanceGetAttr(self, 'replacement')),
              g === null ? {} : {generator: g},
            ),
          );
          yield* ints(drawn.data);
        })(),
      ),
    ),
    dataMethod('WeightedRandomSampler', '__len__', (self) => instanceGetAttr(self, 'num_samples')),
  ]),
  module,
);

/** BatchSampler's `__iter__`: lists of `batch_size` indices from its sampler. */
function* batchesOf(self: PyInstance): Generator<PyList, void, undefined> {
  const size = Number(instanceGetAttr(self, 'batch_size'));
  const source = lazyItems(instanceGetAttr(self, 'sampler'));
  let batch: unknown[] = [];
  for (const idx of source) {
    batch.push(idx);
    if (batch.length === size) {
      yield new PyList(batch);
      batch = [];
    }
  }
  if (batch.length > 0 && !late.truthy(instanceGetAttr(self, 'drop_last'))) yield new PyList(batch);
}

/** `BatchSampler(sampler, batch_size, drop_last)`. */
export const batchSamplerClass = new PyClass(
  'BatchSampler',
  [samplerClass],
  new Map<string, unknown>([
    dataMethod('BatchSampler', '__init__', (self, args, kwargs) => {
      const a = bound(
        'BatchSampler.__init__',
        'any sampler, any batch_size, any drop_last',
        args,
        kwargs,
      );
      const size = a.get('batch_size');
      if (!isInt(size) || size <= 0n) {
        raiseIn(
          samplerFrame(
            232,
            '__init__',
            'raise ValueError("batch_size should be a positive integer value, "',
          ),
          'ValueError',
          `batch_size should be a positive integer value, but got batch_size=${pyStr(size)}`,
        );
      }
      const dropLast = a.get('drop_last');
      if (typeof dropLast !== 'boolean') {
        raiseIn(
          samplerFrame(
            235,
            '__init__',
            'raise ValueError("drop_last should be a boolean value, but got "',
          ),
          'ValueError',
          `drop_last should be a boolean value, but got drop_last=${pyStr(dropLast)}`,
        );
      }
      self.dict.set('sampler', a.get('sampler'));
      self.dict.set('batch_size', size);
      self.dict.set('drop_last', dropLast);
      return null;
    }),
    dataMethod('BatchSampler', '__iter__', (self) => lazyIterator('generator', batchesOf(self))),
    dataMethod('BatchSampler', '__len__', (self) => {
      const n = BigInt(lengthOf(instanceGetAttr(self, 'sampler')));
      const size = instanceGetAttr(self, 'batch_size') as bigint;
      return late.truthy(instanceGetAttr(self, 'drop_last')) ? n / size : (n + size - 1n) / size;
    }),
  ]),
  module,
);

/** Makes an instance of one of the sampler classes from TypeScript (DataLoader's defaults). */
export function makeSampler(cls: PyClass, args: readonly unknown[], kwargs: Kwargs): PyInstance {
  const inst = new PyInstance(cls);
  const init = cls.lookup('__init__');
  if (init instanceof PyMethodDescriptor) init.call(inst, args, kwargs, null);
  return inst;
}
