/**
 * Trace groups opened by library code written in TypeScript (an optimizer's `step()`, a module's
 * call), not by the interpreter's own calls and loops: the running interpreter installs its hooks
 * here for the duration of a run, as it installs the warning sink.
 */
import type {Tensor} from '../../autograd/tensor.js';
import type {Span} from '../trace/span.js';

/** A group of the trace: a function or module call, a loop iteration, an optimizer step. */
export interface ScriptGroup {
  readonly kind: 'call' | 'iteration' | 'module' | 'optimizer';
  /** What the reader calls it: `f`, `Net.forward`, `i = 3`, `fc1: Linear`, `optimizer.step()`. */
  readonly name: string;
  /** The call site or the loop header. */
  readonly span: Span | null;
  /** For iterations: the 0-based pass through the loop. */
  readonly index?: number;
  /** For modules: the class name (`Linear`); for optimizers: theirs (`SGD`). */
  readonly className?: string;
  /** For modules: the parameters it owns directly, in `named_parameters()` order. */
  readonly parameters?: readonly {readonly name: string; readonly tensorId: number}[];
}

/** Opens and closes groups: the running interpreter's hooks. */
export interface GroupSink {
  started(group: ScriptGroup): number | null;
  ended(id: number): void;
  /** The span of the operation being applied now (the call that reached the library). */
  site(): Span | null;
  /**
   * The operation at `span` goes on after script code it called (a Function's forward): ops
   * recorded now, and errors, belong to it again.
   */
  resume?(span: Span | null): void;
  /** Gives a tensor a name in the trace (a module's parameter: `fc1.weight`). */
  named(name: string, value: unknown, span: Span | null): void;
  /** The name the script bound `value` to (running frame first, then globals), or null. */
  nameOf(value: unknown): string | null;
  /** The script drew the graph of these tensors (torchviz's `make_dot`): a figure of the run. */
  drew?(roots: readonly Tensor[]): void;
  /** A module's forward pre-hook or forward hook ran (in the module call's group). */
  moduleHookRan?(hook: ScriptModuleHook): void;
}

/** A module's forward pre-hook or forward hook that ran; see the trace's `ModuleHookRecord`. */
export interface ScriptModuleHook {
  readonly kind: 'forward_pre' | 'forward';
  readonly name: string;
  readonly via: string;
  readonly replaced: boolean;
}

let sink: GroupSink | null = null;

/** Installs the sink for a run; returns the previous one so it can be restored. */
export function setGroupSink(next: GroupSink | null): GroupSink | null {
  const previous = sink;
  sink = next;
  return previous;
}

/** The running interpreter's sink (null outside a run, or when the run records no groups). */
export function groupSink(): GroupSink | null {
  return sink;
}

/**
 * Runs `body` inside a group of the trace (`name` at the current call's span); outside a run, or
 * when the run records no groups, it just runs `body`. The group ends however `body` ends.
 */
export function inGroup<T>(group: Omit<ScriptGroup, 'span'>, body: () => T): T {
  const s = sink;
  const id = s === null ? null : s.started({...group, span: s.site()});
  try {
    return body();
  } finally {
    if (id !== null) s?.ended(id);
  }
}

let quiet: unknown = null;

/**
 * Runs `body`, which calls `fn` at once (a module's `forward`), without a `call` group for it:
 * the module group already stands for that call.
 */
export function withoutCallGroup<T>(fn: unknown, body: () => T): T {
  quiet = fn;
  try {
    return body();
  } finally {
    quiet = null;
  }
}

/** Is `fn`'s call the one `withoutCallGroup` announced? (Asked once, when the call starts.) */
export function takeQuietCall(fn: unknown): boolean {
  if (quiet === null || quiet !== fn) return false;
  quiet = null;
  return true;
}
