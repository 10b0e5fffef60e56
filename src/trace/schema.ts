/**
 * The Trace: the ordered, JSON-serialisable record of one run of a script (or of a TypeScript
 * callback). Everything the pictures need is here, so a trace saved as JSON can be replayed
 * without running anything again.
 *
 * Ordering: every record carries `seq`, one counter shared by all records of the run, so tensors,
 * ops, prints, engine steps and accumulations can be interleaved exactly as they happened.
 *
 * Numbers: JSON has no NaN, Infinity or -0, and int64 does not fit a double. Tensor values are
 * therefore stored as {@link EncodedNumber}s, and op arguments as {@link EncodedArg}s; see
 * `numbers.ts` for the codec.
 *
 * Version 1. A reader must check `format` and `version` (the validator does) and refuse others.
 */
import type {LocalGrad} from '../../autograd/op.js';
import type {Span} from './span.js';

/** The `format` field of every trace. */
export const TRACE_FORMAT = 'grad-graph-trace';

/** The schema version this code writes and reads. */
export const TRACE_VERSION = 1;

/** The dtypes a trace can hold, by PyTorch's names without the `torch.` prefix. */
export type DtypeName =
  'float32' | 'float64' | 'float16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

/**
 * One element of a tensor, as stored in JSON:
 * - a finite number (bool elements are 0 or 1), except -0;
 * - the strings `'NaN'`, `'Infinity'`, `'-Infinity'`, `'-0'` for the values JSON cannot hold;
 * - for int64, a decimal integer string (e.g. `'9007199254740993'`) when the value is outside
 *   ±2^53, where a JSON number would lose digits.
 */
export type EncodedNumber = number | string;

/** A float JSON cannot hold, inside an op argument (where plain strings are real strings). */
export interface SpecialNumber {
  readonly special: 'NaN' | 'Infinity' | '-Infinity' | '-0';
}

/** A non-tensor op argument as stored: numbers, booleans, strings, null, lists of them. */
export type EncodedArg = number | boolean | string | null | SpecialNumber | readonly EncodedArg[];

/** A copy of a tensor's numbers at one moment. */
export interface TensorData {
  readonly shape: readonly number[];
  readonly dtype: DtypeName;
  /**
   * The elements in row-major order, `product(shape)` of them; null when the tensor was too large
   * to copy (the recorder's `valueLimit`), in which case `text` holds PyTorch's summary.
   */
  readonly values: readonly EncodedNumber[] | null;
  /** PyTorch's repr of the tensor (`tensor([[…]], requires_grad=True)`), kept when values are not. */
  readonly text?: string;
}

/** A copy of a tensor's values at a moment: when it was made, and after each in-place change. */
export interface TensorVersion {
  readonly seq: number;
  /** The op that made or changed it (index into `Trace.ops`), or null (a factory outside an op). */
  readonly opIndex: number | null;
  readonly requiresGrad: boolean;
  readonly data: TensorData;
  /**
   * The `GradFnRecord.id` of the tensor's grad_fn as of this version (an in-place op on a tensor
   * in the graph gives it a new one); null for none; absent when unknown.
   */
  readonly gradFnId?: number | null;
  /**
   * The tensor's version counter then (PyTorch's `t._version`: in-place changes so far), which the
   * index in `versions` is not when a window or a rerun recorded only part of the run; absent
   * when unknown.
   */
  readonly counter?: number;
}

/** How a tensor came to be. */
export type TensorOrigin =
  /** Made by an op (a factory such as `ones` is an op too) while the trace was recording. */
  | 'op'
  /** Made by the engine: a gradient, e.g. `x.grad`. */
  | 'grad'
  /** First seen as an input without being made under the recorder (made before it started). */
  | 'external';

/** One tensor of the run. */
export interface TensorRecord {
  /** Autograd's tensor id, unique within the run. */
  readonly id: number;
  /** When it was first seen. */
  readonly seq: number;
  /** The script names bound to it, in order (`x`, then `p` in `for p in params`); maybe none. */
  readonly names: readonly string[];
  readonly shape: readonly number[];
  readonly dtype: DtypeName;
  /** requires_grad when it was made. */
  readonly requiresGrad: boolean;
  readonly isLeaf: boolean;
  /** The `GradFnRecord.id` of its grad_fn; null for leaves and constants. */
  readonly gradFnId: number | null;
  /** Whether grad mode was on when it was made (false under `torch.no_grad()`). */
  readonly gradMode: boolean;
  /** True when made by `detach()` / `detach_()`. */
  readonly detached: boolean;
  readonly origin: TensorOrigin;
  /** Where in the source it was made, if known. */
  readonly span: Span | null;
  /** Whether `retain_grad()` was in effect (learned when a retained grad was written). */
  readonly retainsGrad: boolean;
  /** Its values when made, then after each in-place change; never empty. */
  readonly versions: readonly TensorVersion[];
}

/** One op run forward. */
export interface OpRecord {
  /** Its position in `Trace.ops`. */
  readonly index: number;
  readonly seq: number;
  /** PyTorch's name as called: `add`, `mul`, `pow`, `mean`, `matmul`, `add_`, `ones`, `detach`. */
  readonly op: string;
  /** Tensor ids of the tensor arguments, in call order. */
  readonly inputs: readonly number[];
  /** Tensor ids of the results (the tensor itself for an in-place op). */
  readonly outputs: readonly number[];
  /** The non-tensor arguments by PyTorch's parameter names, e.g. `{other: 2}` for `x + 2`. */
  readonly args: Readonly<Record<string, EncodedArg>>;
  readonly inPlace: boolean;
  readonly gradEnabled: boolean;
  /** The grad_fn the op gave its first output, if any. */
  readonly gradFnId: number | null;
  readonly gradFnName: string | null;
  /** The source that ran it (the expression), if known. */
  readonly span: Span | null;
  /**
   * For an op a backward pass ran under `create_graph=True` (a node's formula, a custom Function's
   * backward, a hook): that pass's index. These ops build the gradient's own graph, which a later
   * pass walks. Absent for the program's own ops.
   */
  readonly pass?: number;
}

/** A next edge of a grad_fn: `(node, inputNr)` as PyTorch prints `next_functions`. */
export interface NextEdge {
  readonly gradFnId: number;
  readonly inputNr: number;
}

/** One autograd Node (a grad_fn), including AccumulateGrad for leaves. */
export interface GradFnRecord {
  /** Autograd's node id, unique within the run. */
  readonly id: number;
  readonly seq: number;
  /** PyTorch's exact name: `AddBackward0`, `MulBackward0`, `AccumulateGrad`. */
  readonly name: string;
  /** `next_functions`, in order; null where PyTorch prints `(None, 0)`. */
  readonly next: readonly (NextEdge | null)[];
  /** For AccumulateGrad the leaf it writes to; otherwise the tensor it is the grad_fn of. */
  readonly tensorId: number | null;
  /** The op that made it, if known. */
  readonly opIndex: number | null;
  /**
   * For a script's `torch.autograd.Function`: its class name (the node is `<function>Backward`,
   * and its backward is the script's own code). Absent for PyTorch's own nodes.
   */
  readonly function?: string;
  /** What the node saved for backward (a custom Function's `ctx.saved_tensors`), in order. */
  readonly saved?: readonly SavedRecord[];
}

/** One tensor a grad_fn saved for backward, by the name Python reads it with. */
export interface SavedRecord {
  /** `saved_tensors[0]`, or a built-in node's attribute (`_saved_self`). */
  readonly name: string;
  /** The tensor saved (the trace's id), or null for a saved `None`. */
  readonly tensorId: number | null;
}

/**
 * A hook that ran at an engine step, with the gradient before and after it (they are equal, or
 * `after` is the same value, when the hook returned None).
 */
export interface HookRecord {
  /**
   * `tensor`: a tensor's `register_hook` (on a leaf it runs at its AccumulateGrad); `pre`:
   * `grad_fn.register_prehook`; `post`: `grad_fn.register_hook` (module backward hooks run as one).
   */
  readonly kind: 'tensor' | 'pre' | 'post';
  /** The hook function's `__name__` (`<lambda>`, `hook_fn`). */
  readonly name: string;
  /**
   * The call that registered it, when not the kind's own (`register_full_backward_hook`,
   * `register_backward_hook`: a module's backward hook, run as a post-hook of a node).
   */
  readonly via?: string;
  /** Which gradient: the node's output number (tensor, pre), or its next edge (post). */
  readonly slot: number;
  /** True when the hook returned a replacement gradient (not None). */
  readonly replaced: boolean;
  readonly before: TensorData | null;
  readonly after: TensorData | null;
}

/** One engine step: a grad_fn ran. */
export interface EngineStep {
  readonly seq: number;
  readonly gradFnId: number;
  readonly name: string;
  /** The gradient it received for each of its outputs (already summed over all senders). */
  readonly gradsIn: readonly (TensorData | null)[];
  /** The gradient it sent along each next edge, aligned with its `next` (null: none). */
  readonly gradsOut: readonly (TensorData | null)[];
  /**
   * The hooks that ran at this step, in order (`gradsIn` is after the tensor and pre-hooks,
   * `gradsOut` after the post-hooks). Absent: none ran.
   */
  readonly hooks?: readonly HookRecord[];
}

/** A gradient written into a tensor's `.grad`. */
export interface Accumulation {
  readonly seq: number;
  readonly tensorId: number;
  readonly incoming: TensorData;
  /** `.grad` before (null the first time) and after. */
  readonly before: TensorData | null;
  readonly after: TensorData;
  /** True for a non-leaf that called `retain_grad()`. */
  readonly retained: boolean;
  /**
   * Autograd's id of the `.grad` tensor after the write. When the program later uses that tensor
   * (`w.grad.zero_()`), it is in `tensors` under this id, with its later versions.
   */
  readonly gradId: number;
}

/** One call of `backward()` (or `torch.autograd.grad`). */
export interface BackwardPass {
  /** Its position in `Trace.backwardPasses`. */
  readonly index: number;
  readonly seq: number;
  /** Tensor ids backward starts from. */
  readonly roots: readonly number[];
  /** The gradient each root starts with (the `gradient` argument, or the implicit ones). */
  readonly seeds: readonly TensorData[];
  readonly retainGraph: boolean;
  /** For `torch.autograd.grad`, the tensor ids asked for; null for `backward()`. */
  readonly inputs: readonly number[] | null;
  /** The statement that called it, if known. */
  readonly span: Span | null;
  /** Every engine step, in the order the engine ran them. */
  readonly steps: readonly EngineStep[];
  /** Every write into a `.grad`, in order. */
  readonly accumulations: readonly Accumulation[];
  /** The seq when the engine finished (or stopped). */
  readonly endSeq: number;
  /** The engine's error message if it stopped with one. */
  readonly error: string | null;
}

/** Text the script printed. */
export interface PrintRecord {
  readonly seq: number;
  /** Exactly what was written, with `sep` and `end`. */
  readonly text: string;
  readonly span: Span | null;
}

/** The script drew the autograd graph here (torchviz's `make_dot`): a picture of the run at this point. */
export interface FigureRecord {
  readonly seq: number;
  /** The tensors whose graph it drew. */
  readonly roots: readonly number[];
  /** The call, if known. */
  readonly span: Span | null;
}

/** The error that stopped the run. */
export interface TraceError {
  readonly seq: number;
  /** Python's exception name: `RuntimeError`, `NameError`, … */
  readonly type: string;
  readonly message: string;
  readonly span: Span | null;
  /** Python's traceback text, as the run printed it. */
  readonly traceback: string;
}

/**
 * What kind of unit a group is:
 * - `call`: one call of a script function (`def f(x): …`), from the call to its return;
 * - `module`: one call of an `nn.Module` (its `forward`, hooks included);
 * - `iteration`: one pass through the body of a loop (`for`, `while`, a comprehension's item);
 * - `optimizer`: one `optimizer.step()` or `optimizer.zero_grad()`.
 */
export type GroupKind = 'call' | 'module' | 'iteration' | 'optimizer';

/**
 * A stretch of the run that a reader thinks of as one unit. Every record with
 * `startSeq < seq < endSeq` happened inside it (ops, tensors, backward passes, prints, nested
 * groups). Groups nest properly: a group's parent starts before it and ends after it. A group
 * inside which nothing was recorded is not kept.
 */
export interface GroupRecord {
  /** Unique within the run; groups are listed in the order they started. */
  readonly id: number;
  readonly kind: GroupKind;
  /**
   * What the reader calls it: the function's name (`f`, `Net.forward`), the module's attribute path
   * and class (`fc1: Linear`), the loop's target (`for i in range(100)` → `i = 3`), the
   * optimizer's call (`optimizer.step()`).
   */
  readonly name: string;
  /** The enclosing group's id, or null at the top level. */
  readonly parent: number | null;
  readonly startSeq: number;
  /** The seq after its last record (the seq counter when it ended); its end is exclusive. */
  readonly endSeq: number;
  /** The call site, loop header or statement that opened it. */
  readonly span: Span | null;
  /** For iterations: 0-based index of this pass through the loop. For others: absent. */
  readonly index?: number;
  /** For modules: the class name (`Linear`); for optimizers: its class (`SGD`). */
  readonly className?: string;
  /** For modules: the ids of the parameters it owns directly, in `named_parameters()` order. */
  readonly parameters?: readonly {readonly name: string; readonly tensorId: number}[];
  /** For modules: the forward pre-hooks and forward hooks that ran in this call, in order. */
  readonly hooks?: readonly ModuleHookRecord[];
}

/**
 * A module's forward pre-hook or forward hook that ran (`Module._call_impl` runs them around
 * `forward`); its backward hooks are engine hooks (`HookRecord.via`).
 */
export interface ModuleHookRecord {
  /** `forward_pre` runs before `forward` (sees the input), `forward` after it (sees the output). */
  readonly kind: 'forward_pre' | 'forward';
  /** The hook function's `__name__` (`<lambda>` for a lambda). */
  readonly name: string;
  /** The call that registered it: `register_forward_hook`, `register_module_forward_hook`, … */
  readonly via: string;
  /** When it ran (between the records of the forward it wraps). */
  readonly seq: number;
  /** It returned a value, which replaced the input (pre-hook) or the output (forward hook). */
  readonly replaced: boolean;
}

/**
 * One iteration of the run (the records after backward pass i-1 ended, up to the end of pass i),
 * whether or not the trace keeps its records: a trace of a long training loop keeps a window of
 * iterations whole and summarises the rest here (see `src/trace/window.ts`).
 */
export interface IterationRecord {
  /** 0-based: the run's backward pass number. */
  readonly index: number;
  /** Its records have `startSeq <= seq <= endSeq`. */
  readonly startSeq: number;
  /** Its backward pass's `endSeq`. */
  readonly endSeq: number;
  /** Its pass's position in `Trace.backwardPasses` when the trace keeps it; null when forgotten. */
  readonly passIndex: number | null;
  /** How many ops it ran, and how many engine steps its pass ran. */
  readonly ops: number;
  readonly steps: number;
  /** The value of its pass's (first) root when that has one element, e.g. the loss; else null. */
  readonly loss: EncodedNumber | null;
  /**
   * The `.grad` each leaf already held when the iteration started (from earlier passes), for the
   * iterations the trace keeps: what a picture of it shows before its first step.
   */
  readonly held?: readonly HeldGrad[];
}

/** A `.grad` a leaf holds: the leaf, the `.grad` tensor's id and its value. */
export interface HeldGrad {
  readonly tensorId: number;
  readonly gradId: number;
  readonly data: TensorData;
}

/** The ordered record of one run. */
export interface Trace {
  readonly format: typeof TRACE_FORMAT;
  readonly version: typeof TRACE_VERSION;
  /** The script's text, or null for a TypeScript callback. */
  readonly source: string | null;
  readonly filename: string | null;
  readonly tensors: readonly TensorRecord[];
  readonly ops: readonly OpRecord[];
  readonly gradFns: readonly GradFnRecord[];
  readonly backwardPasses: readonly BackwardPass[];
  readonly prints: readonly PrintRecord[];
  /**
   * Function calls, module calls, loop iterations and optimizer steps, in the order they started.
   * Absent in traces written before groups existed (read it as empty).
   */
  readonly groups?: readonly GroupRecord[];
  /**
   * Every iteration of the run, kept or not, when the recorder kept a window of them (a forgotten
   * one is recorded again by rerunning the script). Absent: every iteration is kept.
   */
  readonly iterations?: readonly IterationRecord[];
  /**
   * The seed of the default random generator when the run started (a decimal integer), so that a
   * rerun draws the same numbers even where the script never calls `torch.manual_seed`.
   */
  readonly randomSeed?: string;
  /** Where the script drew the graph (`make_dot`), in order. Absent: it never did. */
  readonly figures?: readonly FigureRecord[];
  /**
   * ∂output/∂input of the grad_fns the trace names, by name, as their ops declare them (autograd's
   * `LocalGrad`, one per input slot, null where there is no simple formula): the narration reads
   * them here, so a page that plays a trace needs no engine. Absent in traces written before
   * (read it as empty: the narration then gives the numbers without their formulas).
   */
  readonly derivatives?: Readonly<Record<string, readonly (LocalGrad | null)[]>>;
  /** Everything printed, concatenated. */
  readonly output: string;
  readonly error: TraceError | null;
}
