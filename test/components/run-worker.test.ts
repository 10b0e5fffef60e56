/** traceInWorker where there is no Worker (Node): the same trace, from the main thread. */
import {describe, expect, it} from 'vitest';
import {getMaxElements} from '../../autograd/limits.js';
import type {Trace} from '../../src/trace/schema.js';
import {traceSource, withMaxElements} from '../../src/run/index.js';
import {traceInWorker} from '../../src/run/index.js';

import seedSource from '../../demos/assets/seed.py?raw';

/**
 * What a run did, without autograd/'s process-wide tensor and grad_fn ids (a worker starts them
 * afresh; the main thread's counters have moved on): prints, error, ops, tensors, passes.
 */
function summary(trace: Trace): unknown {
  return {
    source: trace.source,
    prints: trace.prints.map((p) => [p.text, p.span]),
    error: trace.error,
    ops: trace.ops.map((o) => [o.op, o.span, o.args, o.inPlace, o.gradFnName]),
    tensors: trace.tensors.length,
    passes: trace.backwardPasses.length,
  };
}

describe('traceInWorker without Worker', () => {
  it('runs on the main thread and gives traceSource’s trace', async () => {
    const where: string[] = [];
    const trace = await traceInWorker(seedSource, {}, {onStart: (w) => where.push(w)});
    expect(where).toEqual(['main-thread']);
    expect(summary(trace)).toEqual(summary(traceSource(seedSource)));
  });

  it('can be aborted before it starts', async () => {
    const controller = new AbortController();
    const pending = traceInWorker(seedSource, {}, {signal: controller.signal});
    controller.abort();
    await expect(pending).rejects.toMatchObject({name: 'AbortError'});
  });
});

describe('max-elements per run', () => {
  it('holds for one traceSource call and is restored after it, even after an error', () => {
    const cap = getMaxElements();
    const source = 'import torch\nx = torch.ones(20, 20)\n';
    expect(traceSource(source, {maxElements: 100}).error?.message).toContain(
      'the limit is 100 elements per tensor',
    );
    expect(getMaxElements()).toBe(cap);
    expect(traceSource(source).error).toBeNull();
    expect(() =>
      withMaxElements(5, () => {
        expect(getMaxElements()).toBe(5);
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(getMaxElements()).toBe(cap);
  });
});
