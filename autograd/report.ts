/**
 * The attached observer (at most one). Ops read `observer` directly: one null check when none
 * is attached. The engine mutes it while running backward formulas, whose internal ops are not
 * part of the user's program.
 */
import type {AutogradObserver} from './observer.js';
import type {Tensor} from './tensor.js';

/** The attached observer, or null. Read-only outside this module: use setObserver. */
export let observer: AutogradObserver | null = null;

let attached: AutogradObserver | null = null;
let muted = 0;

/** Attaches an observer (or detaches with null); returns the previous one. */
export function setObserver(next: AutogradObserver | null): AutogradObserver | null {
  const previous = attached;
  attached = next;
  observer = muted > 0 ? null : next;
  return previous;
}

/** The attached observer, even while muted. */
export function getObserver(): AutogradObserver | null {
  return attached;
}

/** Runs `fn` with reporting off (nestable). */
export function muteObserver<T>(fn: () => T): T {
  muted++;
  observer = null;
  try {
    return fn();
  } finally {
    muted--;
    if (muted === 0) observer = attached;
  }
}

/**
 * Says that `t`'s storage is about to be written in place. Every write into an existing tensor's
 * storage calls this first (`writeStrided` does): an observer holding values by reference copies
 * them now (see `AutogradObserver.storageWillChange`). Told even while reporting is muted.
 */
export function storageWillChange(t: Tensor): void {
  attached?.storageWillChange?.(t);
}
