/**
 * Limits: the largest tensor autograd/ agrees to allocate, and how many elements the tensors a
 * program holds may add up to, so a script asking for a huge tensor, or keeping thousands of
 * big ones, gets a clear RuntimeError instead of exhausting memory.
 */
import type {Storage} from './dtype.js';
import {runtimeError} from './errors.js';
import type {Tensor} from './tensor.js';

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

// ---- elements held by all live tensors -------------------------------------------------------

/** Where the program's live values are, for the live-elements limit. */
export type LiveRoots = () => Iterable<unknown>;

let maxLive = Infinity;
let roots: LiveRoots | null = null;
let sinceCheck = 0;

/**
 * Caps the elements that all tensors reachable from `liveRoots` (and their grads and the tensors
 * their graphs saved) may hold together; `Infinity` or null roots turn the cap off. Returns the
 * previous settings. The cost is a walk of the roots after every `limit / 4` newly allocated
 * elements, nothing when the cap is off.
 */
export function setLiveElementsLimit(
  limit: number,
  liveRoots: LiveRoots | null,
): {limit: number; roots: LiveRoots | null} {
  const previous = {limit: maxLive, roots};
  maxLive = limit;
  roots = liveRoots;
  sinceCheck = 0;
  return previous;
}

/** Called for every tensor made: counts new storage and, now and then, checks what is live. */
export function noteStorage(data: Storage, shape: readonly number[]): void {
  if (roots === null || maxLive === Infinity) return;
  sinceCheck += data.length;
  if (sinceCheck <= Math.max(maxLive / 4, 1)) return;
  sinceCheck = 0;
  const live = liveElements(roots()) + data.length;
  if (live > maxLive) {
    throw runtimeError(
      `grad-graph: cannot allocate a tensor of size [${shape.join(', ')}] (${data.length} ` +
        `elements): the program's tensors would hold ${live} elements, and the limit is ` +
        `${maxLive} elements in all`,
    );
  }
}

/** The elements of every distinct storage reachable from `values`. */
export function liveElements(values: Iterable<unknown>): number {
  const storages = new Set<Storage>();
  const seen = new Set<unknown>();
  const stack: unknown[] = [...values];
  let total = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (isTensor(v)) {
      if (!storages.has(v.data)) {
        storages.add(v.data);
        total += v.data.length;
      }
      if (v.grad) stack.push(v.grad);
      if (v.gradFn) stack.push(v.gradFn);
    } else if (Array.isArray(v)) {
      stack.push(...(v as unknown[]));
    } else if (v instanceof Map) {
      stack.push(...(v as Map<unknown, unknown>).values());
    } else if ('heldTensors' in v && typeof v.heldTensors === 'function') {
      const node = v as {
        heldTensors(): readonly Tensor[];
        nextFunctions: readonly [unknown, number][];
      };
      stack.push(...node.heldTensors(), ...node.nextFunctions.map(([n]) => n));
    } else if ('items' in v && Array.isArray(v.items)) {
      stack.push(...(v.items as unknown[]));
    }
  }
  return total;
}

/** Duck-typed, so limits.ts need not import the Tensor class (which imports this file). */
function isTensor(v: object): v is Tensor {
  return 'data' in v && 'shape' in v && 'gradFn' in v && ArrayBuffer.isView(v.data);
}
