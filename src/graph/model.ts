/**
 * The picture side's model: a Graph (nodes and links for one view of a trace), its Layout, and
 * the Timeline of Steps with the State at each step. Pure data, JSON-friendly, no DOM.
 *
 * This file is a contract between src/graph/ (views, timeline, layout), src/render/ and
 * components/: extend it, do not break it. Never call a picture element "Node": that word is
 * autograd's.
 */
import type {Span} from '../trace/span.js';

/** Which picture of a trace: tensors and ops, or PyTorch's grad_fn graph (as torchviz draws it). */
export type ViewKind = 'dataflow' | 'autograd';

/** Layers run left to right or top to bottom. */
export type Direction = 'LR' | 'TB';

/** Narration and other reader-facing text come in these languages. */
export type Lang = 'en' | 'zh';

/** Text in every supported language. */
export type Localized = Readonly<Record<Lang, string>>;

/**
 * What a graph node stands for:
 * - `tensor`: a tensor box (dataflow view);
 * - `op`: a small round op node (dataflow view), labelled `+ 2`, `×`, `mean`;
 * - `gradfn`: a grad_fn Node such as `MulBackward0` (autograd view);
 * - `accumulate`: an AccumulateGrad Node for a leaf (autograd view);
 * - `seed`: the gradient a backward pass starts from;
 * - `group`: a collapsed group of repeated structure (a neuron, a loop iteration), see GraphGroup.
 */
export type GraphNodeKind = 'tensor' | 'op' | 'gradfn' | 'accumulate' | 'seed' | 'group';

/**
 * A tensor's role, so leaves, parameters and outputs look different:
 * `leaf` requires grad and was made by the user; `constant` is a leaf that does not require grad;
 * `output` is a root of a backward pass; `detached` was made under no_grad or by detach().
 */
export type TensorRole = 'leaf' | 'constant' | 'intermediate' | 'output' | 'detached';

/** One node of the picture. Sizes are in SVG user units and are set by the view, so layout is pure. */
export interface GraphNode {
  /** Stable within a graph: `t<tensorId>`, `o<opIndex>`, `f<nodeId>`, `s<passIndex>`. */
  readonly id: string;
  readonly kind: GraphNodeKind;
  /** The main text: a variable name (`x`), an op label (`+ 2`), a grad_fn name (`AddBackward0`). */
  readonly label: string;
  /** A second line, e.g. the shape `2×2` and dtype for a tensor. */
  readonly sublabel?: string;
  readonly role?: TensorRole;
  readonly width: number;
  readonly height: number;
  /** Back-references into the trace. */
  readonly tensorId?: number;
  readonly opIndex?: number;
  readonly gradFnId?: number;
  /** Where in the source this node was made. */
  readonly span?: Span | null;
  /** For a tensor box: which of the tensor's versions (0 when made, +1 per in-place change). */
  readonly version?: number;
  /** The group (GraphGroup id) this node belongs to, if the graph is grouped. */
  readonly groupId?: string;
  /** For a `group` node: the ids of the nodes it stands for. */
  readonly members?: readonly string[];
  /**
   * The hooks that act here (a tensor's `register_hook`, a grad_fn's hooks, a module's backward
   * hook), by name: where the picture marks them.
   */
  readonly hooks?: readonly string[];
}

/** A directed link, from `source` to `target` (graph node ids), drawn in the forward direction. */
export interface GraphLink {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** For a link into an op or out of a grad_fn: which input (PyTorch's `inputNr` / argument slot). */
  readonly slot?: number;
  /** For a link standing for several links inside a collapsed group: their ids. */
  readonly members?: readonly string[];
}

/**
 * Repeated structure (a neuron, a loop iteration, a function or module call) that a big graph can
 * show collapsed as one `group` node. A statement's group holds what one statement computed on
 * its way to a named result; a span group holds what a stretch of the run made (the trace's
 * function calls, module calls and loop iterations, or the run's iterations between backward
 * passes). Span groups nest as the run did (`parent`); a statement group never crosses a span
 * group it is not inside.
 */
export interface GraphGroup {
  readonly id: string;
  /** E.g. `neuron 3`, `iteration 2`, `h = tanh(…)`. */
  readonly label: string;
  /** The ids of the nodes inside (a span group: its nested groups' nodes too). */
  readonly nodeIds: readonly string[];
  /** `statement` when absent. */
  readonly kind?: 'statement' | 'call' | 'module' | 'iteration';
  /** A span group: the run's records with `startSeq < seq < endSeq` are inside it. */
  readonly startSeq?: number;
  readonly endSeq?: number;
  /** The span group it is nested in. */
  readonly parent?: string;
  /** The source that opened it (a call site, a loop header), for the code panel. */
  readonly span?: Span | null;
  /** For a module's group: the forward hooks that ran in its call (`log_output (register_forward_hook)`). */
  readonly hooks?: readonly string[];
}

/** One view of one trace (or of one iteration of a training loop). */
export interface Graph {
  readonly view: ViewKind;
  readonly nodes: readonly GraphNode[];
  readonly links: readonly GraphLink[];
  /** Set when the trace holds several passes (a training loop): which one this graph shows. */
  readonly iteration?: {readonly index: number; readonly count: number};
  /** True when it shows the whole run: every op and every backward pass. */
  readonly whole?: boolean;
  /** Repeated structure that may be collapsed (set for big graphs); see `collapseGroups`. */
  readonly groups?: readonly GraphGroup[];
  /** The ids of the groups shown collapsed in this graph (their members are not in `nodes`). */
  readonly collapsed?: readonly string[];
}

/** Where one node sits: its centre and size. */
export interface GraphNodeBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The layer (rank) it was placed in. */
  readonly layer: number;
}

/** The route of one link: points from source to target, to be drawn as a smooth curve. */
export interface LinkRoute {
  readonly points: readonly (readonly [number, number])[];
}

/** Positions for every node and link of a graph; computed once per graph, deterministic. */
export interface Layout {
  readonly direction: Direction;
  readonly width: number;
  readonly height: number;
  readonly nodes: Readonly<Record<string, GraphNodeBox>>;
  readonly links: Readonly<Record<string, LinkRoute>>;
}

/** A tensor's numbers as a picture shows them: shape, dtype, and the text PyTorch would print. */
export interface DisplayTensor {
  readonly shape: readonly number[];
  readonly dtype: string;
  /** Short text for a box (small tensors in full, large ones summarised like PyTorch). */
  readonly text: string;
}

/** One step of the timeline: data, not an animation. */
export interface Step {
  readonly index: number;
  readonly phase: 'forward' | 'backward';
  /** Which backward pass (0, 1, …) for a backward step; which iteration for a forward one. */
  readonly pass: number;
  /** The graph nodes and links this step lights up. */
  readonly nodeIds: readonly string[];
  readonly linkIds: readonly string[];
  /** The source this step ran (null where there is none, e.g. an engine step). */
  readonly span: Span | null;
  readonly narration: Localized;
  /**
   * What kind of step: an op run forward, the seed of a backward pass, an engine step of a
   * grad_fn, a write into `.grad` (an AccumulateGrad step, or a lone retained grad), a collapsed
   * group, an optimizer's `step()` / `zero_grad()`, or a `make_dot` call that drew the graph.
   */
  readonly kind?: 'op' | 'seed' | 'engine' | 'accumulate' | 'group' | 'optimizer' | 'figure';
  /** A short name for the step: the op's label (`+ 2`), `backward()`, or the grad_fn's name. */
  readonly label?: string;
  /** The trace's `seq` of what this step shows, so records (prints) can be placed between steps. */
  readonly seq?: number;
  /** Nodes and links that become visible at this step (and stay visible after it). */
  readonly reveal?: {readonly nodeIds: readonly string[]; readonly linkIds: readonly string[]};
  /** What this step changes: a node's value or grad, a link's travelling grad. */
  readonly changes?: readonly StepChange[];
  /** The hooks that ran at this step, each at the node where it acts. */
  readonly hooks?: readonly StepHook[];
}

/** A hook that ran at a step: the gradient before and after it. */
export interface HookShown {
  /** The hook function's name (`<lambda>`, `hook_fn`). */
  readonly name: string;
  /** `tensor` (register_hook), `pre` (grad_fn.register_prehook), `post` (grad_fn.register_hook). */
  readonly kind: 'tensor' | 'pre' | 'post';
  /** The call that registered it when not the kind's own (`register_full_backward_hook`). */
  readonly via?: string;
  /** It returned a replacement gradient (else None: the gradient went on as it was). */
  readonly replaced: boolean;
  readonly before: DisplayTensor | null;
  readonly after: DisplayTensor | null;
}

/** A hook of a step, at the graph node where it acts. */
export interface StepHook extends HookShown {
  readonly nodeId: string;
}

/** One change a step makes to what a node or link shows. */
export interface StepChange {
  /** A graph node id, or a link id when `link` is true. */
  readonly id: string;
  readonly link?: boolean;
  readonly value?: DisplayTensor;
  /** The grad shown; null clears it. */
  readonly grad?: DisplayTensor | null;
  /** True when `grad` is the tensor's `.grad` attribute (a leaf, or retain_grad()). */
  readonly gradStored?: boolean;
}

/**
 * Where a part of the run starts among the steps: an iteration (what ran after the previous
 * backward pass) or a backward pass (its seed step), for a pass list or scrubber markers.
 */
export interface TimelineMark {
  readonly kind: 'iteration' | 'pass';
  /** The iteration's or the pass's index (0-based). */
  readonly index: number;
  /** The first step of it. */
  readonly step: number;
  /** `3` for an iteration; the statement (`loss.backward()`) for a pass. */
  readonly label: string;
}

/** The steps of one graph, in order. */
export interface Timeline {
  readonly graph: Graph;
  readonly steps: readonly Step[];
  /** The whole run's timeline: where each iteration and each backward pass starts. */
  readonly marks?: readonly TimelineMark[];
  /** What the script printed, each with the `seq` it was printed at (for `State.output`). */
  readonly prints?: readonly {readonly seq: number; readonly text: string}[];
}

/** What one node shows at a step. */
export interface GraphNodeState {
  readonly visible: boolean;
  /** Lit up by this step. */
  readonly active: boolean;
  readonly value?: DisplayTensor;
  readonly grad?: DisplayTensor;
  /**
   * True when `grad` is the tensor's `.grad` (a leaf, or a non-leaf after retain_grad());
   * false when it is the gradient flowing through a non-leaf, which PyTorch does not keep.
   */
  readonly gradStored?: boolean;
  /** The hooks that ran here at this step, with the gradient before and after each. */
  readonly hooks?: readonly HookShown[];
}

/** What one link shows at a step. */
export interface LinkState {
  readonly visible: boolean;
  readonly active: boolean;
  /** Which way something is flowing along it at this step, if anything. */
  readonly flow: 'forward' | 'backward' | null;
  /** The gradient travelling along it (backward steps). */
  readonly grad?: DisplayTensor;
}

/** The whole picture at step k: `stateAt(timeline, k)`. */
export interface State {
  readonly step: number;
  readonly nodes: Readonly<Record<string, GraphNodeState>>;
  readonly links: Readonly<Record<string, LinkState>>;
  /** The source span to highlight. */
  readonly span: Span | null;
  readonly narration: Localized;
  /** What the script had printed by this step. */
  readonly output: string;
}
