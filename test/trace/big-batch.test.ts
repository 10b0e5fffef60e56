/**
 * Large tensors are not copied per op per iteration when nothing shows them (issue 22): PyTorch's
 * two-layer net tutorial on its 64×1000 batch (golden case tutorial_two_layer_batch, 30 steps of
 * the tutorial's 500). A capture reads a tensor's storage until the storage is about to change or
 * the value is wanted, then copies it (or, past the value limit, keeps PyTorch's printed form):
 * `Captured.settle`. Counted here for tensors of 64,000 elements or more, the work of copying
 * them does not grow with the number of iterations; the batch itself is copied once in the whole
 * run; and the inspector still shows it: as PyTorch prints it, and every value when asked
 * (`traceIteration(…, {always: true, valueLimit})`), bit for bit what python3 printed.
 */
import {readFileSync} from 'node:fs';
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {displayTensor, iterationCount, iterationKept} from '../../src/graph/index.js';
import {traceSource} from '../../src/run/index.js';
import {traceIteration} from '../../src/run/iteration.js';
import type {Trace} from '../../src/trace/schema.js';
import {Captured} from '../../src/trace/snapshot.js';
import {validateTrace} from '../../src/trace/validate.js';
import {goldenDir, goldens} from '../script/golden-cases.js';

const source = readFileSync(new URL('cases/tutorial_two_layer_batch.py', goldenDir), 'utf8');
const printed = goldens.tutorial_two_layer_batch?.stdout ?? '';
/** The tutorial with `steps` steps instead of 30 (same shapes, same step). */
const withSteps = (steps: number) => source.replace('range(30)', `range(${String(steps)})`);

/** What python3 printed of the batch: `print(x)`, and x[0, :4] and x[63, -4:] as Python floats. */
const lines = printed.trimEnd().split('\n');
const printedBatch = lines.slice(3, -1).join('\n');
const [firstRow, lastRow] = (lines.at(-1) ?? '')
  .split('] [')
  .map((part) => part.replace(/[[\]]/g, '').split(', ').map(Number));

const BIG = 64_000;
const numel = (shape: readonly number[]) => shape.reduce((n, d) => n * d, 1);

/** Traces `text`, counting the copies made of tensors of 64,000 elements or more (and of x). */
function traceCounting(text: string): {trace: Trace; bigCopies: number; batchCopies: number} {
  let bigCopies = 0;
  let batchCopies = 0;
  // The method itself, called with each capture as `this` (the spy replaces it on the prototype).
  const settle = Object.getOwnPropertyDescriptor(Captured.prototype, 'settle')?.value as (
    this: Captured,
  ) => void;
  const spy = vi.spyOn(Captured.prototype, 'settle').mockImplementation(function (this: Captured) {
    // Still reading its storage: this call copies it (a settled capture's settle does nothing).
    if (this.storage !== null && numel(this.shape) >= BIG) {
      bigCopies++;
      if (this.shape[0] === 64 && this.shape[1] === 1000) batchCopies++;
    }
    settle.call(this);
  });
  try {
    return {trace: traceSource(text, {randomSeed: '5'}), bigCopies, batchCopies};
  } finally {
    spy.mockRestore();
  }
}

const batchOf = (trace: Trace) => trace.tensors.find((t) => t.names.includes('x'));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a 64×1000 batch in the two-layer net tutorial', {timeout: 120_000}, () => {
  let short: ReturnType<typeof traceCounting>;
  let long: ReturnType<typeof traceCounting>;
  beforeAll(() => {
    short = traceCounting(withSteps(10));
    long = traceCounting(source);
  }, 120_000);

  it('runs as python3 ran it, every iteration listed, a window kept', () => {
    expect(long.trace.error).toBeNull();
    expect(long.trace.output).toBe(printed);
    expect(() => validateTrace(long.trace)).not.toThrow();
    expect(iterationCount(long.trace)).toBe(30);
    expect(iterationKept(long.trace, 0)).toBe(true);
    expect(iterationKept(long.trace, 15)).toBe(false);
    expect(iterationKept(long.trace, 29)).toBe(true);
  });

  it('copies large tensors no more in 30 iterations than in 10, and the batch once', () => {
    expect(short.bigCopies).toBeGreaterThan(0);
    expect(long.bigCopies).toBe(short.bigCopies);
    expect(long.batchCopies).toBe(1);
    // One version of the batch (it never changes), PyTorch's printed form and no values.
    const x = batchOf(long.trace);
    expect(x?.shape).toEqual([64, 1000]);
    expect(x?.versions).toHaveLength(1);
    expect(x?.versions[0]?.data.values).toBeNull();
  });

  it('shows the batch in the inspector as PyTorch prints it', () => {
    const data = batchOf(long.trace)?.versions[0]?.data;
    expect(data).toBeDefined();
    expect(data?.text).toBe(printedBatch);
    // The box and the inspector show it without the `tensor(` … `)` wrapper (graph/display.ts).
    const inner = printedBatch.slice('tensor('.length, -1).replaceAll('\n' + ' '.repeat(7), '\n');
    if (data) expect(displayTensor(data).text).toBe(inner);
  });

  it('shows every value of the batch when asked, bit for bit, in a kept and a forgotten iteration', () => {
    expect(firstRow).toHaveLength(4);
    expect(lastRow).toHaveLength(4);
    for (const index of [0, 15]) {
      const full = traceIteration(long.trace, index, {always: true, valueLimit: BIG});
      const values = batchOf(full)?.versions.at(-1)?.data.values;
      expect(values).toHaveLength(BIG);
      expect(values?.slice(0, 4)).toEqual(firstRow);
      expect(values?.slice(BIG - 4)).toEqual(lastRow);
    }
  });
});
