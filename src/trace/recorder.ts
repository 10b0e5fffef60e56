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
import {CustomFunctionNode} from '../../autograd/function.js';
import type {Node} from '../../autograd/node.js';
import type {Tensor} from '../../autograd/tensor.js';
import {isGradEnabled} from '../../autograd/gradmode.js';
import {runtimeError} from '../../autograd/errors.js';
import {encodeArg, thrownMessage} from './numbers.js';
import type {
  EncodedArg,
  GradFnRecord,
  GroupKind,
  GroupRecord,
  ModuleHookRecord,
  OpRecord,
  FigureRecord,
  PrintRecord,
  TensorOrigin,
  Trace,
  TraceError,
} from './schema.js';
import type {Storage} from '../../autograd/dtype.js';
import {capture, isTensor, type Captured} from './snapshot.js';
import type {Span} from './span.js';
import type {ValueWindow, VersionDraft} from './window.js';
import type {GroupDraft, PassDraft, TensorDraft} from './drafts.js';
import {encodeTrace} from './encode.js';
import {IterationWindow} from './iteration-window.js';
import {defaultMaxOps} from './limits.js';
import type {LocalGrad} from '../../autograd/op.js';
import {nodeDeclaration} from '../../autograd/registry.js';

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
  /**
   * Which iterations (backward passes) to keep whole; unset: all of them. The trace then lists
   * every iteration in `iterations`, and the forgotten ones can be recorded again with `only`.
   */
  readonly window?: ValueWindow;
  /** The random seed the run started with (written into the trace so a rerun matches it). */
  readonly randomSeed?: string;
}

/** The error that stopped a run, as the recorder is told of it. */
export interface RecordedError {
  readonly type: string;
  readonly message: string;
  readonly span: Span | null;
  readonly traceback: string;
}

/** What opens a group; see {@link GroupRecord}. */
export interface GroupStart {
  readonly kind: GroupKind;
  readonly name: string;
  readonly span: Span | null;
  readonly index?: number;
  readonly className?: string;
  readonly parameters?: readonly {readonly name: string; readonly tensorId: number}[];
  /** For a loop pass: how many passes the loop makes, when known as it starts (not recorded). */
  readonly count?: number;
}

/**
 * Records one run into a Trace. Attach it as the autograd observer (and as the script hooks),
 * run, then call {@link TraceRecorder.finish}.
 */
export class TraceRecorder implements AutogradObserver {
  private seq = 0;
  private readonly tensors = new Map<number, TensorDraft>();
  private ops: OpRecord[] = [];
  /** Ops run so far, kept or not: the next op's index before the trace is renumbered. */
  private opCount = 0;
  private readonly gradFns = new Map<number, GradFnRecord>();
  private passes: PassDraft[] = [];
  private passCount = 0;
  private readonly prints: PrintRecord[] = [];
  private readonly figures: FigureRecord[] = [];
  private groups: GroupDraft[] = [];
  /** The groups open now, innermost last. */
  private readonly openGroups: GroupDraft[] = [];
  private output = '';
  private pass: PassDraft | null = null;
  /** Tensors made but not yet copied: their op (reported next) copies them once, complete. */
  private pending: Tensor[] = [];
  /** Tensors the engine made (gradients); registered only if the program later uses them. */
  private readonly engineMade = new WeakSet<Tensor>();
  /** The script names each tensor was bound to, kept even while its records are not. */
  private readonly names = new WeakMap<Tensor, string[]>();
  /**
   * Captures still reading their tensor's storage, by storage: settled (copied) when it is about to
   * be written. Rebuilt from the records when iterations are forgotten, so it holds only theirs.
   */
  private unsettled = new Map<Storage, Captured[]>();
  private statementSpan: Span | null = null;
  private operationSpan: Span | null = null;
  private readonly valueLimit: number;
  private readonly maxOps: number;
  private readonly source: string | null;
  private readonly filename: string | null;
  private readonly randomSeed: string | null;
  private groupCount = 0;

  constructor(options: RecorderOptions = {}) {
    this.source = options.source ?? null;
    this.filename = options.filename ?? null;
    this.valueLimit = options.valueLimit ?? 10_000;
    this.maxOps = options.maxOps ?? defaultMaxOps;
    this.randomSeed = options.randomSeed ?? null;
    this.iterations = new IterationWindow(options.window ?? null, {
      tensors: this.tensors,
      gradFns: this.gradFns,
      records: () => ({ops: this.ops, passes: this.passes, groups: this.groups}),
      adopt: (records) => {
        this.ops = records.ops;
        this.passes = records.passes;
        this.groups = records.groups;
      },
      nextSeq: () => this.seq++,
      ensureTensor: (t) => this.ensureTensor(t),
      copy: (t) => this.copy(t),
      flush: () => {
        this.flush();
      },
      setUnsettled: (map) => {
        this.unsettled = map;
      },
    });
  }

  /** The iterations of the run and the window over them (which are recorded, which forgotten). */
  private readonly iterations: IterationWindow;

  /** Whether the running iteration is being recorded (false only outside `window.only`). */
  private get recording(): boolean {
    return this.iterations.recording;
  }

  // ── script hooks ──────────────────────────────────────────────────────────────────────────

  /** A statement is about to run: later records without a narrower span get this one. */
  statement(span: Span): void {
    this.iterations.checkComplete();
    this.iterations.statement();
    this.statementSpan = span;
    this.operationSpan = null;
  }

  /** An op that may call torch is about to run: ops recorded now belong to this span. */
  operation(span: Span): void {
    this.iterations.checkComplete();
    this.operationSpan = span;
  }

  /** A script name was bound: a tensor gets it as one of its names. */
  assigned(name: string, value: unknown, _span: Span | null): void {
    this.flush();
    if (!isTensor(value)) {
      this.iterations.assigned(name, null);
      return;
    }
    const names = this.names.get(value) ?? [];
    if (!names.includes(name)) names.push(name);
    this.names.set(value, names);
    this.iterations.assigned(name, value);
    if (!this.recording) return;
    const draft = this.ensureTensor(value);
    if (!draft.names.includes(name)) draft.names.push(name);
  }

  /** The script drew the graph of `roots` (torchviz's `make_dot`). */
  drew(roots: readonly Tensor[], span: Span | null): void {
    this.flush();
    if (!this.recording) return;
    this.figures.push({seq: this.seq++, roots: roots.map((t) => this.ensureTensor(t).id), span});
  }

  /** A module's forward pre-hook or forward hook ran: the module call's group keeps it. */
  moduleHookRan(hook: Omit<ModuleHookRecord, 'seq'>): void {
    this.flush();
    if (!this.recording) return;
    const group = this.openGroups.findLast((g) => g.kind === 'module');
    if (group === undefined) return;
    group.hooks = [...(group.hooks ?? []), {...hook, seq: this.seq++}];
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
    const {count, ...rest} = start;
    this.iterations.groupStarting(rest.kind, rest.span, rest.index);
    const parent = this.openGroups.at(-1);
    const group: GroupDraft = {
      id: this.groupCount++,
      ...rest,
      parent: parent === undefined ? null : parent.id,
      startSeq: this.seq++,
      endSeq: -1,
    };
    this.groups.push(group);
    this.openGroups.push(group);
    this.iterations.groupOpened(group.id, start.parameters, count);
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
    const group = this.openGroups[at] as GroupDraft;
    this.iterations.groupEnding(group, this.openGroups.slice(at));
    if (at === this.openGroups.length - 1 && group.startSeq === this.seq - 1) {
      // Nothing happened inside (a pure-Python loop pass, a call that made no tensor): a reader has
      // nothing to see there, and a 3-million-pass loop must not carry 3 million groups.
      this.openGroups.pop();
      this.groups.pop();
      this.groupCount = group.id;
      this.seq = group.startSeq;
      return;
    }
    for (const g of this.openGroups.splice(at)) g.endSeq = this.seq;
    this.seq++;
  }

  // ── autograd observer ─────────────────────────────────────────────────────────────────────

  /** A tensor was made; gradients made by the engine wait until the program uses them. */
  tensorCreated(tensor: Tensor): void {
    if (!this.recording) return;
    if (this.pass !== null) {
      this.engineMade.add(tensor);
      return;
    }
    this.pending.push(tensor);
  }

  /** An op ran: record it, its outputs' values and the grad_fns it made. */
  op(event: OpEvent): void {
    this.iterations.checkComplete();
    this.iterations.opRan();
    if (!this.recording) {
      this.opCount++;
      return;
    }
    if (this.ops.length >= this.maxOps) {
      // The runner turns this into a RuntimeError located at the op being applied.
      throw runtimeError(
        `grad-graph stopped the script after recording ${this.maxOps} ops (limit maxOps)`,
      );
    }
    const span = this.span();
    const index = this.opCount++;
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
        const first = draft.versions[0] as VersionDraft;
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
      draft.versions[last] = {...(draft.versions[last] as VersionDraft), gradFnId: draft.gradFnId};
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
      ...(this.pass === null ? {} : {pass: this.pass.index}),
    });
  }

  /** backward() was called: open a pass. */
  backwardStarted(event: BackwardEvent): void {
    this.iterations.passStarted(event.roots[0]);
    const index = this.passCount++;
    if (!this.recording) return;
    // Seeds the engine made (the implicit ones) are part of the pass, not of the program.
    this.flush(new Set(event.seeds));
    for (const s of event.seeds) if (!this.tensors.has(s.id)) this.engineMade.add(s);
    const seq = this.seq++;
    const roots = event.roots.map((t) => this.ensureTensor(t).id);
    for (const t of event.roots) if (t.gradFn) this.ensureGradFn(t.gradFn, null, t.id);
    this.pass = {
      index,
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
    this.iterations.stepRan();
    const pass = this.pass;
    if (pass === null) return;
    const id = this.ensureGradFn(event.node, null, null);
    const copy = (g: Tensor | null) => (g === null ? null : this.copy(g));
    const hooks = (event.hooks ?? []).map((h) => ({
      kind: h.kind,
      name: h.label?.name ?? h.name,
      ...(h.label ? {via: h.label.via} : {}),
      slot: h.slot,
      replaced: h.replaced,
      before: copy(h.before),
      after: copy(h.after),
    }));
    pass.steps.push({
      seq: this.seq++,
      gradFnId: id,
      name: gradFnName(event.node),
      gradsIn: event.gradsIn.map(copy),
      gradsOut: event.gradsOut.map(copy),
      ...(hooks.length > 0 ? {hooks} : {}),
    });
  }

  /** A gradient was written into a `.grad`. */
  gradAccumulated(event: AccumulateEvent): void {
    this.iterations.gradWritten(event.tensor);
    if (!this.recording) return;
    const draft = this.ensureTensor(event.tensor);
    if (event.retained) draft.retainsGrad = true;
    const seq = this.seq++;
    // A .grad tensor the program already uses changes in place: it gets a new version. The
    // engine reports `before` as that same tensor, already changed: its last version is the value.
    const known = this.tensors.get(event.after.id);
    const inPlace = event.before !== null && event.before === event.after;
    const before = inPlace && known ? (known.versions.at(-1) as VersionDraft).data : null;
    const after = this.copy(event.after);
    if (known)
      known.versions.push({
        seq,
        opIndex: null,
        requiresGrad: event.after.requiresGrad,
        data: after,
      });
    this.engineMade.add(event.after);
    this.pass?.accumulations.push({
      seq,
      tensorId: draft.id,
      incoming: this.copy(event.incoming),
      before: before ?? (event.before === null ? null : this.copy(event.before)),
      after,
      retained: event.retained,
      gradId: event.after.id,
    });
  }

  /** A tensor's storage is about to be written in place: what was captured of it is copied now. */
  storageWillChange(tensor: Tensor): void {
    const list = this.unsettled.get(tensor.data);
    if (list === undefined) return;
    this.unsettled.delete(tensor.data);
    for (const c of list) c.settle();
  }

  /** The engine finished or stopped: the iteration it ends is complete. */
  backwardFinished(error: unknown): void {
    const pass = this.pass;
    this.pass = null;
    this.iterations.decideCoasting(this.openGroups);
    const endSeq = this.seq++;
    if (pass !== null) {
      pass.endSeq = endSeq;
      if (error !== undefined && error !== null) pass.error = thrownMessage(error);
    }
    this.iterations.ended(pass, endSeq);
  }

  /** Whether the run was stopped because the iteration `window.only` asked for is recorded. */
  get stoppedEarly(): boolean {
    return this.iterations.stoppedEarly;
  }

  // ── result ────────────────────────────────────────────────────────────────────────────────

  /** The trace so far, with the run's error (if any) and, when given, its complete output. */
  finish(end: {readonly error?: RecordedError | null; readonly output?: string} = {}): Trace {
    this.flush();
    this.iterations.finishing();
    const e = end.error ?? null;
    const error: TraceError | null =
      e === null
        ? null
        : {seq: this.seq++, type: e.type, message: e.message, span: e.span, traceback: e.traceback};
    return encodeTrace({
      source: this.source,
      filename: this.filename,
      tensors: this.tensors,
      ops: this.ops,
      gradFns: this.gradFns.values(),
      passes: this.passes,
      prints: this.prints,
      groups: this.closedGroups(),
      figures: this.figures,
      iterations: this.iterations.drafts(),
      randomSeed: this.randomSeed,
      derivatives: this.derivatives(),
      output: end.output ?? this.output,
      error,
    });
  }

  /** The declared ∂output/∂input of each grad_fn name the trace keeps, for the narration. */
  private derivatives(): Record<string, readonly (LocalGrad | null)[]> {
    const table = new Map<string, readonly (LocalGrad | null)[]>();
    for (const {name} of this.gradFns.values()) {
      const derivative = table.has(name) ? undefined : nodeDeclaration(name)?.derivative;
      if (derivative) table.set(name, derivative);
    }
    return Object.fromEntries(table);
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

  /** `t`'s values now, read from its storage until that is written (see {@link storageWillChange}). */
  private copy(t: Tensor): Captured {
    const c = capture(t, this.valueLimit);
    const list = this.unsettled.get(t.data);
    if (list) list.push(c);
    else this.unsettled.set(t.data, [c]);
    return c;
  }

  /** The record of a tensor, made on first sight. */
  private ensureTensor(t: Tensor, origin?: TensorOrigin): TensorDraft {
    const known = this.tensors.get(t.id);
    if (known) return known;
    const seq = this.seq++;
    const draft: TensorDraft = {
      id: t.id,
      seq,
      names: [...(this.names.get(t) ?? [])],
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
    this.iterations.registered(t);
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
        ...this.customFunction(n),
      });
    }
    return root.id;
  }

  /** A script's autograd.Function node: its class name and what its ctx saved. */
  private customFunction(n: Node): Pick<GradFnRecord, 'function' | 'saved'> {
    if (!(n instanceof CustomFunctionNode)) return {};
    const saved = n.savedForPicture().map((t, i) => ({
      name: `saved_tensors[${i}]`,
      tensorId: t === null ? null : this.ensureTensor(t).id,
    }));
    return {
      ...(n.fromLibrary ? {} : {function: n.functionName}),
      ...(saved.length > 0 ? {saved} : {}),
    };
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
