/**
 * `torch.utils.data.DataLoader` as PyTorch 1.13 runs it with `num_workers=0`: its option checks,
 * its default samplers (`RandomSampler(dataset, generator=generator)` when shuffling, else
 * `SequentialSampler`, wrapped in a `BatchSampler` unless `batch_size=None`), `sampler=` and
 * `batch_sampler=` (any iterable), `collate_fn=` (`default_collate`, or `default_convert` without
 * batching), and `len` from its index sampler. Each `iter(loader)` takes the index sampler's
 * iterator, then draws the workers' base seed from `generator` (or the default generator), so
 * later random numbers match PyTorch's; indices are then drawn as the batches are asked for.
 *
 * Loading data is not part of the model: the fetching and collating run unrecorded, and a batch
 * enters the picture as the tensor the loop binds (`for X, y in loader`), one loop iteration per
 * batch.
 */
import {defaultGenerator} from '../../../autograd/random.js';
import {muteObserver} from '../../../autograd/report.js';
import {callValue} from '../call.js';
import {genericSetAttr, instanceGetAttr} from '../classes.js';
import {inLibrary, pyError, raiseIn} from '../errors.js';
import {late} from '../late.js';
import {objectClass, PyClass, type PyInstance} from '../objects.js';
import {typeName} from '../repr.js';
import {getItem} from '../subscript.js';
import {PyIterator, PyList} from '../values.js';
import {bind, generatorOf, sig} from './args.js';
import {dataFrame, dataMethod, lazyItems, lengthOf} from './data-common.js';
import {
  batchSamplerClass,
  drawSeed,
  makeSampler,
  randomSamplerClass,
  sequentialSamplerClass,
} from './samplers.js';

const loaderFrame = (line: number, source: string, carets?: string) =>
  dataFrame('dataloader.py', line, '__init__', source, carets);

/** The attributes a DataLoader refuses to have set once made. */
const frozen = new Set([
  'batch_size',
  'batch_sampler',
  'sampler',
  'drop_last',
  'dataset',
  'persistent_workers',
]);

/** The sampler whose items are fetched: the batch sampler when batching, else the sampler. */
function indexSampler(self: PyInstance): unknown {
  const batchSampler = instanceGetAttr(self, 'batch_sampler');
  return batchSampler !== null ? batchSampler : instanceGetAttr(self, 'sampler');
}

/** `collate_fn(data)`: the default ones called directly, a script's through Python. */
function collateWith(collateFn: unknown, data: unknown): unknown {
  return callValue(collateFn, [data]);
}

/** One pass over a loader: its batches, fetched and collated when asked for. */
function* batches(
  self: PyInstance,
  indices: Generator<unknown, void, undefined>,
): Generator<unknown, void, undefined> {
  const dataset = instanceGetAttr(self, 'dataset');
  const collateFn = instanceGetAttr(self, 'collate_fn');
  const batched = instanceGetAttr(self, 'batch_sampler') !== null;
  for (const index of indices) {
    yield muteObserver(() => {
      if (!batched) return collateWith(collateFn, getItem(dataset, index));
      const samples = late.iterate(index).map((i) => getItem(dataset, i));
      return collateWith(collateFn, new PyList(samples));
    });
  }
}

function nonNegative(v: unknown): boolean {
  return !((typeof v === 'bigint' || typeof v === 'number') && Number(v) < 0);
}

/** `torch.utils.data.DataLoader` (with its `default_collate` / `default_convert`). */
export function dataLoaderClass(collate: unknown, convert: unknown): PyClass {
  return new PyClass(
    'DataLoader',
    [objectClass],
    new Map<string, unknown>([
      dataMethod('DataLoader', '__init__', (self, args, kwargs) => {
        const a = bind(
          sig(
            'DataLoader.__init__(any dataset, any batch_size=1, any shuffle=None, any sampler=None, any batch_sampler=None, any num_workers=0, any collate_fn=None, any pin_memory=False, any drop_last=False, any timeout=0, any worker_init_fn=None, any multiprocessing_context=None, any generator=None, *, any prefetch_factor=2, any persistent_workers=False, any pin_memory_device=)',
            'python',
          ),
          args,
          kwargs,
        );
        const numWorkers = a.get('num_workers');
        if (!nonNegative(numWorkers)) {
          raiseIn(
            loaderFrame(234, "raise ValueError('num_workers option should be non-negative; '"),
            'ValueError',
            'num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.',
          );
        }
        if (!nonNegative(a.get('timeout'))) {
          raiseIn(
            loaderFrame(238, "raise ValueError('timeout option should be non-negative')"),
            'ValueError',
            'timeout option should be non-negative',
          );
        }
        if (late.truthy(a.get('persistent_workers')) && Number(numWorkers) === 0) {
          raiseIn(
            loaderFrame(246, "raise ValueError('persistent_workers option needs num_workers > 0')"),
            'ValueError',
            'persistent_workers option needs num_workers > 0',
          );
        }
        const dataset = a.get('dataset');
        let batchSize = a.get('batch_size');
        let dropLast = a.get('drop_last');
        const shuffle = late.truthy(a.get('shuffle') ?? false);
        let sampler = a.get('sampler');
        let batchSampler = a.get('batch_sampler');
        const generator = a.get('generator');
        if (generator !== null && generatorOf(generator) === null) {
          throw pyError(
            'TypeError',
            `generator must be a torch.Generator, not ${typeName(generator)}`,
          );
        }
        if (sampler !== null && shuffle) {
          raiseIn(
            loaderFrame(321, "raise ValueError('sampler option is mutually exclusive with '"),
            'ValueError',
            'sampler option is mutually exclusive with shuffle',
          );
        }
        if (batchSampler !== null) {
          if (batchSize !== 1n || shuffle || sampler !== null || late.truthy(dropLast)) {
            raiseIn(
              loaderFrame(327, "raise ValueError('batch_sampler option is mutually exclusive '"),
              'ValueError',
              'batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last',
            );
          }
          batchSize = null;
          dropLast = false;
        } else if (batchSize === null && late.truthy(dropLast)) {
          raiseIn(
            loaderFrame(335, "raise ValueError('batch_size=None option disables auto-batching '"),
            'ValueError',
            'batch_size=None option disables auto-batching and is mutually exclusive with drop_last',
          );
        }
        if (sampler === null) {
          sampler = inLibrary(
            shuffle
              ? loaderFrame(
                  344,
                  'sampler = RandomSampler(dataset, generator=generator)  # type: ignore[arg-type]',
                  `${' '.repeat(30)}${'^'.repeat(45)}`,
                )
              : loaderFrame(
                  346,
                  'sampler = SequentialSampler(dataset)  # type: ignore[arg-type]',
                  `${' '.repeat(30)}${'^'.repeat(26)}`,
                ),
            () =>
              shuffle
                ? makeSampler(randomSamplerClass, [dataset], new Map([['generator', generator]]))
                : makeSampler(sequentialSamplerClass, [dataset], new Map()),
          );
        }
        if (batchSize !== null && batchSampler === null) {
          batchSampler = inLibrary(
            loaderFrame(
              350,
              'batch_sampler = BatchSampler(sampler, batch_size, drop_last)',
              `${' '.repeat(16)}${'^'.repeat(44)}`,
            ),
            () => makeSampler(batchSamplerClass, [sampler, batchSize, dropLast], new Map()),
          );
        }
        const collateFn = a.get('collate_fn') ?? (batchSampler !== null ? collate : convert);
        for (const [name, value] of [
          ['dataset', dataset],
          ['num_workers', numWorkers],
          ['prefetch_factor', a.get('prefetch_factor')],
          ['pin_memory', a.get('pin_memory')],
          ['pin_memory_device', a.get('pin_memory_device')],
          ['timeout', a.get('timeout')],
          ['worker_init_fn', a.get('worker_init_fn')],
          ['batch_size', batchSize],
          ['drop_last', dropLast],
          ['sampler', sampler],
          ['batch_sampler', batchSampler],
          ['generator', generator],
          ['collate_fn', collateFn],
          ['persistent_workers', a.get('persistent_workers')],
        ] as const) {
          self.dict.set(name, value);
        }
        self.native = 'initialized';
        return null;
      }),
      dataMethod('DataLoader', '__setattr__', (self, args) => {
        const [name, value] = args;
        if (self.native === 'initialized' && typeof name === 'string' && frozen.has(name)) {
          throw pyError(
            'ValueError',
            `${name} attribute should not be set after DataLoader is initialized`,
          );
        }
        if (typeof name !== 'string') {
          throw pyError('TypeError', `attribute name must be string, not '${typeName(name)}'`);
        }
        genericSetAttr(self, name, value);
        return null;
      }),
      dataMethod('DataLoader', '__len__', (self) => BigInt(lengthOf(indexSampler(self)))),
      dataMethod('DataLoader', '__iter__', (self) => {
        // _BaseDataLoaderIter.__init__: the index sampler's iterator, then the workers' base
        // seed, drawn even with num_workers=0.
        const indices = lazyItems(indexSampler(self));
        drawSeed(generatorOf(instanceGetAttr(self, 'generator')) ?? defaultGenerator);
        return new PyIterator('_SingleProcessDataLoaderIter', [], batches(self, indices));
      }),
    ]),
    'torch.utils.data.dataloader',
  );
}
