/**
 * Limits: the largest tensor autograd/ agrees to allocate, so a script asking for a huge tensor
 * gets a clear RuntimeError instead of exhausting memory.
 */
import {runtimeError} from './errors.js';

let maxElements = 50_000_000;

/** The maximum number of elements per tensor (default 50 million). */
export function getMaxElements(): number {
  return maxElements;
}

/** Sets the maximum number of elements per tensor; returns the previous limit. */
export function setMaxElements(limit: number): number {
  const previous = maxElements;
  maxElements = limit;
  return previous;
}

/** Throws a RuntimeError naming the requested size if `shape` holds more elements than allowed. */
export function checkSize(shape: readonly number[], numel: number): void {
  if (numel > maxElements) {
    throw runtimeError(
      `grad-graph: cannot allocate a tensor of size [${shape.join(', ')}] (${numel} elements): ` +
        `the limit is ${maxElements} elements per tensor`,
    );
  }
}
