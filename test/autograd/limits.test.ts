/**
 * The element limit: asking for a tensor larger than the configured maximum raises a
 * RuntimeError naming the requested size instead of allocating.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {TorchError, getMaxElements, setMaxElements, torch} from '../../autograd/index.js';

let previous: number | null = null;

afterEach(() => {
  if (previous !== null) setMaxElements(previous);
  previous = null;
});

function limit(n: number): void {
  previous = setMaxElements(n);
}

function caught(fn: () => unknown): TorchError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TorchError) return e;
    throw e;
  }
  throw new Error('expected a TorchError');
}

describe('the maximum number of elements per tensor', () => {
  it('defaults to 50 million and can be changed, returning the previous value', () => {
    expect(getMaxElements()).toBe(50_000_000);
    limit(1000);
    expect(getMaxElements()).toBe(1000);
  });

  it('refuses a factory asking for more, naming the size', () => {
    const e = caught(() => torch.ones(100_000, 100_000));
    expect(e.pyType).toBe('RuntimeError');
    expect(e.message).toContain('[100000, 100000]');
    expect(e.message).toContain('10000000000 elements');
  });

  it('refuses results of ops that would be too large', () => {
    limit(1000);
    const a = torch.ones(40, 1);
    const b = torch.ones(1, 40);
    expect(caught(() => a.add(b)).message).toContain('[40, 40]');
    expect(caught(() => a.matmul(b)).message).toContain('[40, 40]');
    expect(caught(() => torch.zeros([50, 50])).message).toContain('2500 elements');
    expect(caught(() => torch.tensor(Array.from({length: 1001}, () => 1))).message).toContain(
      '[1001]',
    );
    expect(a.add(torch.ones(40, 1)).numel()).toBe(40);
  });
});
