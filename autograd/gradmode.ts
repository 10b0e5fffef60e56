/**
 * Grad mode: whether ops record a graph. `torch.no_grad()` and `torch.enable_grad()` nest,
 * so callers set a value and restore the previous one.
 */

let enabled = true;

/** `torch.is_grad_enabled()`. */
export function isGradEnabled(): boolean {
  return enabled;
}

/** `torch.set_grad_enabled(mode)`; returns the previous mode so a `with` block can restore it. */
export function setGradEnabled(mode: boolean): boolean {
  const previous = enabled;
  enabled = mode;
  return previous;
}

/** Runs `fn` with grad mode set to `mode`, restoring the previous mode afterwards (even on throw). */
export function withGradMode<T>(mode: boolean, fn: () => T): T {
  const previous = setGradEnabled(mode);
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/** `with torch.no_grad():` as a function: runs `fn` with grad mode off. */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** `with torch.enable_grad():` as a function: runs `fn` with grad mode on. */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}
