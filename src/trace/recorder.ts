/**
 * TraceRecorder: listens to autograd (as its observer) and to the script runner (as its hooks)
 * and builds the Trace of one run. It only copies what it is told; it never changes a tensor.
 */
import type {
  AccumulateEvent,
  AutogradObserver,
  BackwardEvent,
  EngineStepEvent,
  OpEvent,
} from '../../autograd/observer.js';
import type {Node} from '../../autograd/node.js';
import type {Tensor} from '../../autograd/tensor.js';
import {isGradEnabled} from '../../autograd/gradmode.js';
import {runtimeError} from '../../autograd/errors.js';
import {encodeArg, thrownMessage} from './numbers.js';
import type {
  Accumulation,
  BackwardPass,
  EncodedArg,
  EngineStep,
  GradFnRecord,
  GroupKind,
  GroupRecord,
  OpRecord,
  PrintRecord,
  TensorData,
  TensorOrigin,
  TensorRecord,
  TensorVersion,
  Trace,
  TraceError,
} from './schema.js';
import {TRACE_FORMAT, TRACE_VERSION} from './schema.js';
import {isTensor, snapshot} from './snapshot.js';
import type {Span} from './span.js';

/** How the recorder is set up. */
export interface RecorderOptions {
  /** The script's text (null for a callback). */
  readonly source?: string | null;
  readonly filename?: string | null;
  /**
   * Tensors with more elements than this keep PyTorch's printed summary instead of every value,
   * so a trace of a big model stays small. Default 10,000.
   */
  readonly valueLimit?: number;
  /**
   * The most ops one trace records (default {@link defaultMaxOps}); one more stops the script with
   * a RuntimeError at that op's line, so a runaway loop cannot grow a trace without bound.
   */
  readonly maxOps?: number;
}

/** The default cap on ops recorded in one trace: far above any teaching script. */
export const defaultMaxOps = 200_000;

/** The error that stopped a run, as the recorder is told of it. */
export interface RecordedError {
  readonly type: string;
  readonly message: string;
  readonly span: Span | null;
  readonly traceback: string;
}

type Mutable<T> = {-readonly [K in keyof T]: T[K]};

/** A tensor record under construction. */
interface TensorDraft extends Mutable<Omit<TensorRecord, 'names' | 'versions'>> {
  names: string[];
  versions: TensorVersion[];
}

/** A group under construction (its end is set when it closes). */
type GroupDraft = Mutable<GroupRecord>;

/** What opens a group; see {@link GroupRecord}. */
export interface GroupStart {
  readonly kind: GroupKind;
  readonly name: string;
  readonly span: Span | null;
  readonly index?: number;
  readonly className?: string;
  readonly parameters?: readonly {readonly name: string; readonly tensorId: number}[];
}

/** A backward pass under construction. */
interface PassDraft extends Omit<BackwardPass, 'steps' | 'accumulations' | 'endSeq' | 'error'> {
  steps: EngineStep[];
  accumulations: Accumulation[];
  endSeq: number;
  error: string | null;
}

/**
 * Records one run into a Trace. Attach it as the autograd observer (and as the script hooks),
 * run, then call {@link TraceRecorder.finish}.
 */
export class TraceRecorder implements AutogradObserver {
  private seq = 0;
  private readonly tensors = new Map<number, TensorDraft>();
  private readonly ops: OpRecord[] = [];
  private readonly gradFns = new Map<number, GradFnRecord>();
  private readonly passes: PassDraft[] = [];
  private readonly prints: PrintRecord[] = [];
  private readonly groups: GroupDraft[] = [];
  /** The groups open now, innermost last. */
  private readonly openGroups: GroupDraft[] = [];
  private output = '';
  private pass: PassDraft | null = null;
  /** Tensors made but not yet copied: their op (reported next) copies them once, complete. */
  private pending: Tensor[] = [];
  /** Tensors the engine made (gradients); registered only if the program later uses them. */
  private readonly engineMade = new WeakSet<Tensor>();
  private statementSpan: Span | null = null;
  private operationSpan: Span | null = null;
  private readonly valueLimit: number;
  private readonly maxOps: number;
  private readonly source: string | null;
  private readonly filename: string | null;

  constructor(options: RecorderOptions = {}) {
    this.source = options.source ?? null;
    this.filename = options.filename ?? null;
    this.valueLimit = options.valueLimit ?? 10_000;
    this.maxOps = options.maxOps ?? defaultMaxOps;
  }

  // ── script hooks ──────────────────────────────────────────────────────────────────────────

  /** A statement is about to run: later records without a narrower span get this one. */
  statement(span: Span): void {
    this.statementSpan = span;
    this.operationSpan = null;
  }

  /** An op that may call torch is about to run: ops recorded now belong to this span. */
  operation(span: Span): void {
    this.operationSpan = span;
  }

  /** A script name was bound: a tensor gets it as one of its names. */
  assigned(name: string, value: unknown, _span: Span | null): void {
    this.flush();
    if (!isTensor(value)) return;
    const draft = this.ensureTensor(value);
    if (!draft.names.includes(name)) draft.names.push(name);
  }

  /** print() wrote `text`. */
  printed(text: string, span: Span): void {
    this.flush();
    this.prints.push({seq: this.seq++, text, span});
    this.output += text;
  }

  /**
   * A unit the reader thinks in starts (a function or module call, a loop iteration, an optimizer
   * step); returns its id for {@link groupEnded}. Groups nest: the open one is the parent.
   */
  groupStarted(start: GroupStart): number {
    this.flush();
    const parent = this.openGroups.at(-1);
    const group: GroupDraft = {
      id: this.groups.length,
      ...start,
      parent: parent === undefined ? null : parent.id,
      startSeq: this.seq++,
      endSeq: -1,
    };
    this.groups.push(group);
    this.openGroups.push(group);
    return group.id;
  }

  /**
   * The group `id` ended (normally or by an exception). Groups opened inside it and not yet closed
   * end with it.
   */
  groupEnded(id: number): void {
    this.flush();
    const at = this.openGroups.findIndex((g) => g.id === id);
    if (at < 0) return;
    for (const g of this.openGroups.splice(at)) g.endSeq = this.seq;
    this.seq++;
  }

  // ── autograd observer ─────────────────────────────────────────────────────────────────────

  /** A tensor was made; gradients made by the engine wait until the program uses them. */
  tensorCreated(tensor: Tensor): void {
    if (this.pass !== null) {
      this.engineMade.add(tensor);
      return;
    }
    this.pending.push(tensor);
  }

  /** An op ran: record it, its outputs' values and the grad_fns it made. */
  op(event: OpEvent): void {
    if (this.ops.length >= this.maxOps) {
      // The runner turns this into a RuntimeError located at the op being applied.
      throw runtimeError(
        `grad-graph stopped the script after recording ${this.maxOps} ops (limit maxOps)`,
      );
    }
    const span = this.span();
    const index = this.ops.length;
    this.flush(new Set(event.outputs));
    // Inputs first seen now are older than the op: they get their seq before it.
    const inputs = event.inputs.map((t) => this.ensureTensor(t).id);
    const seq = this.seq++;
    const outputs: number[] = [];
    for (const t of event.outputs) {
      const isNew = !this.tensors.has(t.id);
      const draft = this.ensureTensor(t, 'op');
      outputs.push(draft.id);
      if (event.inPlace) {
        draft.versions.push({
          seq,
          opIndex: index,
          requiresGrad: t.requiresGrad,
          data: this.copy(t),
        });
      } else if (isNew) {
        // The op made this tensor: its first version is the op's result, from this span.
        const first = draft.versions[0] as TensorVersion;
        draft.versions[0] = {...first, opIndex: index};
        draft.gradMode = event.gradEnabled;
        draft.detached = event.op === 'detach';
      }
      if (event.op === 'detach_') draft.detached = true;
      const fn = t.gradFn;
      draft.gradFnId = fn === null ? null : this.ensureGradFn(fn, index, draft.id);
      draft.isLeaf = t.isLeaf;
      // An in-place op gives the tensor a new grad_fn; each version keeps the one it had.
      const last = draft.versions.length - 1;
      draft.versions[last] = {...(draft.versions[last] as TensorVersion), gradFnId: draft.gradFnId};
    }
    const first = event.outputs[0];
    const fn = first?.gradFn ?? null;
    const args: Record<string, EncodedArg> = Object.fromEntries(
      Object.entries(event.args).map(([k, v]) => [k, encodeArg(v)]),
    );
    this.ops.push({
      index,
      seq,
      op: event.op,
      inputs,
      outputs,
      args,
      inPlace: event.inPlace,
      gradEnabled: event.gradEnabled,
      gradFnId: fn === null ? null : fn.id,
      gradFnName: fn === null ? null : gradFnName(fn),
      span,
    });
  }

  /** backward() was called: open a pass. */
  backwardStarted(event: BackwardEvent): void {
    // Seeds the engine made (the implicit ones) are part of the pass, not of the program.
    this.flush(new Set(event.seeds));
    const seq = this.seq++;
    const roots = event.roots.map((t) => this.ensureTensor(t).id);
    for (const t of event.roots) if (t.gradFn) this.ensureGradFn(t.gradFn, null, t.id);
    this.pass = {
      index: this.passes.length,
      seq,
      roots,
      seeds: event.seeds.map((s) => this.copy(s)),
      retainGraph: event.retainGraph,
      inputs: event.inputs === null ? null : event.inputs.map((t) => this.ensureTensor(t).id),
      span: this.statementSpan,
      steps: [],
      accumulations: [],
      endSeq: seq,
      error: null,
    };
    this.passes.push(this.pass);
  }

  /** The engine ran a node. */
  engineStep(event: EngineStepEvent): void {
    const pass = this.pass;
    if (pass === null) return;
    const id = this.ensureGradFn(event.node, null, null);
    pass.steps.push({
      seq: this.seq++,
      gradFnId: id,
      name: gradFnName(event.node),
      gradsIn: event.gradsIn.map((g) => (g === null ? null : this.copy(g))),
      gradsOut: event.gradsOut.map((g) => (g === null ? null : this.copy(g))),
    });
  }

  /** A gradient was written into a `.grad`. */
  gradAccumulated(event: AccumulateEvent): void {
    const draft = this.ensureTensor(event.tensor);
    if (event.retained) draft.retainsGrad = true;
    const seq = this.seq++;
    const after = this.copy(event.after);
    // A .grad tensor the program already uses changes in place: it gets a new version.
    const known = this.tensors.get(event.after.id);
    if (known)
      known.versions.push({
        seq,
        opIndex: null,
        requiresGrad: event.after.requiresGrad,
        data: after,
      });
    this.engineMade.add(event.after);
    const accumulation: Accumulation = {
      seq,
      tensorId: draft.id,
      incoming: this.copy(event.incoming),
      before: event.before === null ? null : this.copy(event.before),
      after,
      retained: event.retained,
      gradId: event.after.id,
    };
    this.pass?.accumulations.push(accumulation);
  }

  /** The engine finished or stopped. */
  backwardFinished(error: unknown): void {
    const pass = this.pass;
    if (pass === null) return;
    pass.endSeq = this.seq++;
    if (error !== undefined && error !== null) {
      pass.error = thrownMessage(error);
    }
    this.pass = null;
  }

  // ── result ────────────────────────────────────────────────────────────────────────────────

  /** The trace so far, with the run's error (if any) and, when given, its complete output. */
  finish(end: {readonly error?: RecordedError | null; readonly output?: string} = {}): Trace {
    this.flush();
    const e = end.error ?? null;
    const error: TraceError | null =
      e === null
        ? null
        : {seq: this.seq++, type: e.type, message: e.message, span: e.span, traceback: e.traceback};
    return {
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      source: this.source,
      filename: this.filename,
      tensors: [...this.tensors.values()].map((d) => ({
        ...d,
        names: [...d.names],
        versions: [...d.versions],
      })),
      ops: [...this.ops],
      gradFns: [...this.gradFns.values()],
      backwardPasses: this.passes.map((p) => ({
        ...p,
        steps: [...p.steps],
        accumulations: [...p.accumulations],
      })),
      prints: [...this.prints],
      groups: this.closedGroups(),
      output: end.output ?? this.output,
      error,
    };
  }

  /** The groups, those still open (the run stopped inside them) ending now. */
  private closedGroups(): GroupRecord[] {
    return this.groups.map((g) => ({...g, endSeq: g.endSeq < 0 ? this.seq : g.endSeq}));
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────

  /** Registers the tensors made since the last op (except `skip`, which the caller registers). */
  private flush(skip?: ReadonlySet<Tensor>): void {
    if (this.pending.length === 0) return;
    const made = this.pending;
    this.pending = [];
    for (const t of made) if (!skip?.has(t)) this.ensureTensor(t, 'op');
  }

  private span(): Span | null {
    return this.operationSpan ?? this.statementSpan;
  }

  private copy(t: Tensor): TensorData {
    return snapshot(t, this.valueLimit);
  }

  /** The record of a tensor, made on first sight. */
  private ensureTensor(t: Tensor, origin?: TensorOrigin): TensorDraft {
    const known = this.tensors.get(t.id);
    if (known) return known;
    const seq = this.seq++;
    const draft: TensorDraft = {
      id: t.id,
      seq,
      names: [],
      shape: [...t.shape],
      dtype: t.dtype,
      requiresGrad: t.requiresGrad,
      isLeaf: t.isLeaf,
      gradFnId: null,
      gradMode: isGradEnabled(),
      detached: false,
      origin: origin ?? (this.engineMade.has(t) ? 'grad' : 'external'),
      span: origin === 'op' ? this.span() : null,
      retainsGrad: false,
      versions: [{seq, opIndex: null, requiresGrad: t.requiresGrad, data: this.copy(t)}],
    };
    this.tensors.set(t.id, draft);
    if (t.gradFn) draft.gradFnId = this.ensureGradFn(t.gradFn, null, t.id);
    return draft;
  }

  /** Records a grad_fn and everything reachable through its next edges (iteratively: graphs are deep). */
  private ensureGradFn(root: Node, opIndex: number | null, tensorId: number | null): number {
    const existing = this.gradFns.get(root.id);
    if (existing) {
      if (
        (existing.opIndex === null && opIndex !== null) ||
        (existing.tensorId === null && tensorId !== null)
      ) {
        this.gradFns.set(root.id, {
          ...existing,
          opIndex: existing.opIndex ?? opIndex,
          tensorId: existing.tensorId ?? tensorId,
        });
      }
      return root.id;
    }
    // Post-order (children first), iteratively: autograd graphs can be thousands of nodes deep.
    const order: Node[] = [];
    const seen = new Set<number>([root.id]);
    const stack: {node: Node; next: number}[] = [{node: root, next: 0}];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as {node: Node; next: number};
      const edge = top.node.nextFunctions[top.next++];
      if (edge === undefined) {
        order.push(top.node);
        stack.pop();
        continue;
      }
      const child = edge[0];
      if (child !== null && !seen.has(child.id) && !this.gradFns.has(child.id)) {
        seen.add(child.id);
        stack.push({node: child, next: 0});
      }
    }
    // Children first, so every record's next edges point at records that already exist.
    for (const n of order) {
      const variable = accumulateVariable(n);
      this.gradFns.set(n.id, {
        id: n.id,
        seq: this.seq++,
        name: gradFnName(n),
        next: n.nextFunctions.map(([next, inputNr]) =>
          next === null ? null : {gradFnId: next.id, inputNr},
        ),
        tensorId: variable !== null ? this.ensureTensor(variable).id : n === root ? tensorId : null,
        opIndex: n === root ? opIndex : null,
      });
    }
    return root.id;
  }
}

/** The name torchviz shows: the class name (`AccumulateGrad`, not `torch::autograd::AccumulateGrad`). */
export function gradFnName(node: Node): string {
  return node.className();
}

/** The leaf an AccumulateGrad writes to, or null for any other node. */
function accumulateVariable(node: Node): Tensor | null {
  const v = (node as Node & {variable?: unknown}).variable;
  return isTensor(v) ? v : null;
}
