/**
 * Frames and names: where a name is looked up and bound, by Python's LEGB rule over the scopes
 * decided from the text (scopes.ts). A function's locals live in its frame; a closure keeps the
 * frame of the function that made it, so inner functions see the enclosing variables as they are
 * now (Python's cells); class bodies are their own namespace, invisible to their methods.
 */
import type {Span} from '../trace/span.js';
import {pyError} from './errors.js';
import type {PyFunction} from './objects.js';
import type {ScopeInfo} from './scopes.js';

/** One running scope. */
export class Frame {
  constructor(
    /** `module` (globals), `function` (a def, lambda or comprehension), or `class` (a body). */
    readonly kind: 'module' | 'function' | 'class',
    /** Its variables. */
    readonly vars: Map<string, unknown>,
    /** For functions: which names are local, global, nonlocal. */
    readonly info: ScopeInfo | null,
    /** The enclosing function frame its free names come from (null at module level). */
    readonly parent: Frame | null,
    /** The code name a traceback shows (`f`, `<lambda>`, `<listcomp>`, `Net`, `<module>`). */
    readonly name: string,
    /** The qualified-name prefix of what is defined inside (`Net.`, `outer.<locals>.`). */
    readonly prefix: string,
    /** For a function's frame: the function (zero-argument `super()` reads its class). */
    readonly func: PyFunction | null = null,
    /** The frame that called it (restored when the call returns). */
    readonly caller: Frame | null = null,
  ) {}

  /** The trace group of the call, when the hooks record groups. */
  group: number | null = null;
}

/** Names every script's globals have in CPython, in its dict order (candidates of the NameError hint). */
export const moduleDunders = [
  '__name__',
  '__doc__',
  '__package__',
  '__loader__',
  '__spec__',
  '__annotations__',
  '__builtins__',
  '__file__',
  '__cached__',
];

/**
 * The frame whose variable `name` a free reference in `frame` means: the nearest enclosing
 * function frame that binds it; null when it is a global.
 */
function enclosingOwner(frame: Frame, name: string): Frame | null {
  for (let f = frame.parent; f; f = f.parent) {
    if (f.kind !== 'function' || !f.info) continue;
    if (f.info.locals.has(name)) return f;
    if (f.info.globals.has(name)) return null;
  }
  return null;
}

/** Reads `name` in `frame`; `fallback` reads globals and builtins (NameError when absent). */
export function loadName(
  frame: Frame,
  name: string,
  span: Span,
  fallback: (name: string, span: Span) => unknown,
): unknown {
  if (frame.kind === 'function') {
    const info = frame.info as ScopeInfo;
    if (info.locals.has(name)) {
      const v = frame.vars.get(name);
      if (v === undefined) {
        throw pyError(
          'UnboundLocalError',
          `cannot access local variable '${name}' where it is not associated with a value`,
          span,
        );
      }
      return v;
    }
    if (info.globals.has(name)) return fallback(name, span);
  } else if (frame.kind === 'class') {
    const v = frame.vars.get(name);
    if (v !== undefined) return v;
  } else {
    return fallback(name, span);
  }
  const owner = enclosingOwner(frame, name);
  if (owner) {
    const v = owner.vars.get(name);
    if (v === undefined) {
      throw pyError(
        'NameError',
        `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`,
        span,
      );
    }
    return v;
  }
  return fallback(name, span);
}

/** The variables `name = …` in `frame` writes to. */
export function storeTarget(
  frame: Frame,
  name: string,
  globals: Map<string, unknown>,
): Map<string, unknown> {
  if (frame.kind !== 'function') return frame.kind === 'module' ? globals : frame.vars;
  const info = frame.info as ScopeInfo;
  if (info.globals.has(name)) return globals;
  if (info.nonlocals.has(name)) return enclosingOwner(frame, name)?.vars ?? globals;
  return frame.vars;
}
