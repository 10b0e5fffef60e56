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
  BackwardPass,
  EncodedArg,
  EncodedNumber,
  GradFnRecord,
  GroupKind,
  GroupRecord,
  HookRecord,
  IterationRecord,
  OpRecord,
  FigureRecord,
  PrintRecord,
  TensorData,
  TensorOrigin,
  TensorRecord,
  Trace,
  TraceError,
} from './schema.js';
import {TRACE_FORMAT, TRACE_VERSION} from './schema.js';
import type {Storage} from '../../autograd/dtype.js';
import {capture, encodeCaptured, isTensor, type Captured} from './snapshot.js';
import type {Span} from './span.js';
import {defaultWindow, forget, type ValueWindow, type VersionDraft} from './window.js';
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

/** How many iterations past the window are forgotten at once. */
const FORGET_BATCH = 1;

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
  versions: VersionDraft[];
}

/** An engine step under construction (its gradients not yet encoded). */
interface StepDraft {
  readonly seq: number;
  readonly gradFnId: number;
  readonly name: string;
  readonly gradsIn: readonly (Captured | null)[];
  readonly gradsOut: readonly (Captured | null)[];
  readonly hooks?: readonly HookDraft[];
}

/** A hook that ran at an engine step, under construction. */
interface HookDraft extends Omit<HookRecord, 'before' | 'after'> {
  readonly before: Captured | null;
  readonly after: Captured | null;
}

/** A `.grad` write under construction. */
interface AccumulationDraft {
  readonly seq: number;
  readonly tensorId: number;
  readonly incoming: Captured;
  readonly before: Captured | null;
  readonly after: Captured;
  readonly retained: boolean;
  readonly gradId: number;
}

/** A `.grad` held at an iteration's start, its value not yet encoded. */
interface HeldDraft {
  readonly tensorId: number;
  readonly gradId: number;
  readonly data: Captured;
}

/** An iteration's summary under construction: `pass` is the pass's position in `passes` when kept. */
interface IterationDraft extends Omit<IterationRecord, 'passIndex' | 'held'> {
  readonly pass: PassDraft | null;
  readonly held: readonly HeldDraft[];
}

/** Thrown at the first hook after the iteration a `window.only` run wanted has ended. */
export class RecordingComplete extends Error {
  constructor() {
    super('grad-graph recorded the iteration it was asked for and stopped the script');
    this.name = 'RecordingComplete';
  }
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
  /** For a loop pass: how many passes the loop makes, when known as it starts (not recorded). */
  readonly count?: number;
}

/** A backward pass under construction. */
interface PassDraft extends Omit<
  BackwardPass,
  'seeds' | 'steps' | 'accumulations' | 'endSeq' | 'error'
> {
  readonly seeds: readonly Captured[];
  steps: StepDraft[];
  accumulations: AccumulationDraft[];
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
   * The tensor each name was last bound to. When recording starts in the middle of a run (or
   * after forgetting), these are registered first, with their values then: an in-place update of
   * `w` must find `w`'s value before it, which an op reports only after the fact.
   */
  private readonly bound = new Map<string, Tensor>();
  /**
   * The tensors gradients were written into (by id) that may hold a `.grad` now: those written
   * into by the latest pass, and older ones a name still holds. (No WeakRef: a run is one job,
   * and every target a WeakRef is made for or read from stays alive until the job ends.)
   */
  private readonly leaves = new Map<number, Tensor>();
  /** The `.grad`s held when the running iteration started. */
  private held: HeldDraft[] = [];
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
  private readonly window: ValueWindow | null;
  private readonly randomSeed: string | null;
  /** Finished iterations, and where the running one started, how many ops and steps it has run. */
  private readonly iterations: IterationDraft[] = [];
  private iterationStart = 0;
  private iterationOps = 0;
  private iterationSteps = 0;
  /** The value of the running pass's first root, when it has one element. */
  private passLoss: EncodedNumber | null = null;
  /** Kept iterations past the first ones, oldest first, waiting to be forgotten. */
  private readonly recent: IterationDraft[] = [];
  /** Where the forgotten part of the run starts (the end of the first kept iterations). */
  private forgetSince = -1;
  /** Whether the running iteration is being recorded (false only outside `window.only`). */
  private recording: boolean;
  /** Set once `window.only` has been recorded: every later hook stops the script. */
  private complete = false;

  constructor(options: RecorderOptions = {}) {
    this.source = options.source ?? null;
    this.filename = options.filename ?? null;
    this.valueLimit = options.valueLimit ?? 10_000;
    this.maxOps = options.maxOps ?? defaultMaxOps;
    this.window = options.window ?? null;
    this.randomSeed = options.randomSeed ?? null;
    this.recording = this.window?.only === undefined || this.window.only === 0;
  }

  // ── script hooks ──────────────────────────────────────────────────────────────────────────

  /** A statement is about to run: later records without a narrower span get this one. */
  statement(span: Span): void {
    if (this.complete) throw new RecordingComplete();
    if (this.leaving !== null) this.leftLoop();
    this.statementSpan = span;
    this.operationSpan = null;
  }

  /** An op that may call torch is about to run: ops recorded now belong to this span. */
  operation(span: Span): void {
    if (this.complete) throw new RecordingComplete();
    this.operationSpan = span;
  }

  /** A script name was bound: a tensor gets it as one of its names. */
  assigned(name: string, value: unknown, _span: Span | null): void {
    this.flush();
    if (!isTensor(value)) {
      this.bound.delete(name);
      return;
    }
    const names = this.names.get(value) ?? [];
    if (!names.includes(name)) names.push(name);
    this.names.set(value, names);
    if (this.window !== null) this.bound.set(name, value);
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
    const leaving = this.leaving;
    if (leaving !== null) {
      // The next pass of the loop a coasting run was in: it goes on. Anything else: it has left.
      const next = rest.kind === 'iteration' && rest.span === leaving.span;
      if (next && rest.index === leaving.index + 1) this.leaving = null;
      else this.leftLoop();
    }
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
    for (const q of start.parameters ?? []) this.parameterIds.add(q.tensorId);
    if (count !== undefined) this.loopCounts.set(group.id, count);
    return group.id;
  }

  /** The pass counts of the loop passes open now, by group id. */
  private readonly loopCounts = new Map<number, number>();
  /**
   * Set while coasting when a pass of a counted loop has ended: if the next thing to happen is not
   * the loop's next pass, the loop broke off early and recording resumes.
   */
  private leaving: {readonly span: Span | null; readonly index: number} | null = null;

  /**
   * Whether a loop running now has more than `last` passes to go after this one: the iterations
   * ending before the last ones are then left out as they run (coasting), not recorded and
   * forgotten. A loop that breaks off early leaves its last iterations to be recorded again.
   */
  private loopRunsOn(last: number): boolean {
    for (const g of this.openGroups) {
      const n = this.loopCounts.get(g.id);
      if (n !== undefined && n - (g.index ?? 0) - 1 > last) return true;
    }
    return false;
  }

  /**
   * Starts recording in the middle of the run: what the names hold is registered first, and every
   * tensor the records know that changed in place while coasting gets its value now as a version.
   */
  private resume(): void {
    this.recording = true;
    for (const [id, t] of this.objects) {
      const draft = this.tensors.get(id);
      const latest = draft?.versions.at(-1);
      if (draft === undefined || latest === undefined) continue;
      if (latest.data.version === t.version.value) continue;
      draft.versions.push({
        seq: this.seq++,
        opIndex: null,
        requiresGrad: t.requiresGrad,
        data: this.copy(t),
      });
    }
    for (const t of this.boundTensors()) this.ensureTensor(t);
  }

  /** The tensors the records know, by id (pruned with them), to bring them up to date on resuming. */
  private readonly objects = new Map<number, Tensor>();

  /** A counted loop broke off while coasting: recording resumes here. */
  private leftLoop(): void {
    this.leaving = null;
    if (!this.recording) this.resume();
  }

  private groupCount = 0;
  /** The tensors module groups name as their parameters (kept when iterations are forgotten). */
  private readonly parameterIds = new Set<number>();

  /**
   * The group `id` ended (normally or by an exception). Groups opened inside it and not yet closed
   * end with it.
   */
  groupEnded(id: number): void {
    this.flush();
    const at = this.openGroups.findIndex((g) => g.id === id);
    if (at < 0) return;
    const group = this.openGroups[at] as GroupDraft;
    if (this.leaving !== null) this.leftLoop();
    const count = this.loopCounts.get(group.id);
    if (count !== undefined && !this.recording && (group.index ?? 0) + 1 < count) {
      this.leaving = {span: group.span, index: group.index ?? 0};
    }
    for (const g of this.openGroups.slice(at)) this.loopCounts.delete(g.id);
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
    if (this.complete) throw new RecordingComplete();
    this.iterationOps++;
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
    });
  }

  /** backward() was called: open a pass. */
  backwardStarted(event: BackwardEvent): void {
    const root = event.roots[0];
    this.passLoss = root !== undefined && root.numel() === 1 ? oneValue(root) : null;
    const index = this.passCount++;
    if (!this.recording) return;
    // Seeds the engine made (the implicit ones) are part of the pass, not of the program.
    this.flush(new Set(event.seeds));
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
    this.iterationSteps++;
    const pass = this.pass;
    if (pass === null) return;
    const id = this.ensureGradFn(event.node, null, null);
    const copy = (g: Tensor | null) => (g === null ? null : this.copy(g));
    const hooks = (event.hooks ?? []).map((h) => ({
      kind: h.kind,
      name: h.name,
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
    if (this.window !== null) this.leaves.set(event.tensor.id, event.tensor);
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
    this.decideCoasting();
    const endSeq = this.seq++;
    if (pass !== null) {
      pass.endSeq = endSeq;
      if (error !== undefined && error !== null) pass.error = thrownMessage(error);
    }
    this.iterationEnded(pass, endSeq);
  }

  /**
   * Whether the next iteration is recorded: not while a counted loop has more than the window's
   * last iterations to go (past the first ones). Decided before the ending iteration's end, so what
   * resuming registers belongs to the iteration that ends, as a forgotten iteration's survivors do.
   */
  private decideCoasting(): void {
    const window = this.window;
    if (window === null || window.only !== undefined) return;
    const coast =
      this.iterations.length + 1 >= (window.first ?? defaultWindow.first) &&
      this.loopRunsOn(Math.max(1, window.last ?? defaultWindow.last));
    if (coast) this.recording = false;
    else if (!this.recording) this.resume();
  }

  /** Summarises the iteration a pass ended; forgets an older one when the window says so. */
  private iterationEnded(pass: PassDraft | null, endSeq: number): void {
    const iteration: IterationDraft = {
      index: this.iterations.length,
      startSeq: this.iterationStart,
      endSeq,
      ops: this.iterationOps,
      steps: this.iterationSteps,
      loss: this.passLoss,
      pass,
      held: this.held,
    };
    this.iterations.push(iteration);
    this.iterationStart = endSeq + 1;
    this.iterationOps = 0;
    this.iterationSteps = 0;
    this.passLoss = null;
    const window = this.window;
    if (window === null) return;
    if (window.only !== undefined) {
      if (iteration.index === window.only) this.complete = true;
      this.recording = iteration.index + 1 === window.only;
      if (this.recording) for (const t of this.boundTensors()) this.ensureTensor(t);
    }
    this.held = this.recording ? this.heldGrads() : [];
    // Leaves the next pass writes into are followed again then; named ones stay in `bound`.
    this.leaves.clear();
    if (window.only !== undefined) return;
    if (iteration.index < (window.first ?? defaultWindow.first)) {
      this.forgetSince = endSeq;
      return;
    }
    this.recent.push(iteration);
    // The latest finished iteration is always kept: the one still running continues it. Older
    // ones are forgotten in batches, so the sweep's cost is shared by many iterations.
    const last = Math.max(1, window.last ?? defaultWindow.last);
    if (this.recent.length < last + Math.max(last, FORGET_BATCH)) return;
    const old = this.recent.splice(0, this.recent.length - last);
    for (const it of old) this.iterations[it.index] = {...it, pass: null, held: []};
    this.flush();
    const records = {
      tensors: this.tensors,
      ops: this.ops,
      gradFns: this.gradFns,
      passes: this.passes,
      groups: this.groups,
      live: [...this.boundTensors().map((t) => t.id), ...this.parameterIds],
    };
    const from = (old[0] as IterationDraft).startSeq - 1;
    const to = (old.at(-1) as IterationDraft).endSeq;
    forget(records, this.forgetSince, from, to);
    this.ops = records.ops;
    this.passes = records.passes;
    this.groups = records.groups;
    this.collectUnsettled();
    for (const id of this.objects.keys()) if (!this.tensors.has(id)) this.objects.delete(id);
  }

  /** Rebuilds {@link unsettled} from the captures the records still hold. */
  private collectUnsettled(): void {
    const map = new Map<Storage, Captured[]>();
    const add = (c: Captured | null) => {
      if (c === null) return;
      const storage = c.storage;
      if (storage === null) return;
      const list = map.get(storage);
      if (list) list.push(c);
      else map.set(storage, [c]);
    };
    for (const t of this.tensors.values()) for (const v of t.versions) add(v.data);
    for (const p of this.passes) {
      p.seeds.forEach(add);
      for (const s of p.steps) {
        s.gradsIn.forEach(add);
        s.gradsOut.forEach(add);
        for (const h of s.hooks ?? []) {
          add(h.before);
          add(h.after);
        }
      }
      for (const a of p.accumulations) {
        add(a.incoming);
        add(a.before);
        add(a.after);
      }
    }
    // Only kept iterations hold values (the first ones and the recent ones): a forgotten or
    // coasted one holds none, and walking all of a 20,000-step run's would make forgetting O(n²).
    const first = this.window?.first ?? defaultWindow.first;
    for (const it of this.iterations.slice(0, first)) for (const h of it.held) add(h.data);
    for (const it of this.recent) for (const h of it.held) add(h.data);
    for (const h of this.held) add(h.data);
    this.unsettled = map;
  }

  /**
   * The `.grad` of every leaf the latest pass wrote into (in the engine's order, as a trace of
   * everything lists them) and of every named tensor, now: their values,
   * without registering the `.grad` tensors (a trace of everything registers a gradient the engine
   * made when the program first uses it, and so does a window).
   */
  private heldGrads(): HeldDraft[] {
    const held: HeldDraft[] = [];
    const seen = new Set<number>();
    for (const t of [...this.leaves.values(), ...this.boundTensors()]) {
      const grad = t.grad;
      if (grad === null || seen.has(t.id)) continue;
      seen.add(t.id);
      const known = this.tensors.get(grad.id)?.versions.at(-1);
      held.push({
        tensorId: this.ensureTensor(t).id,
        gradId: grad.id,
        data: known?.data ?? this.copy(grad),
      });
    }
    return held;
  }

  /** The tensors the script's names are bound to now. */
  private boundTensors(): Tensor[] {
    return [...this.bound.values()];
  }

  /** Whether the run was stopped because the iteration `window.only` asked for is recorded. */
  get stoppedEarly(): boolean {
    return this.complete;
  }

  // ── result ────────────────────────────────────────────────────────────────────────────────

  /** The trace so far, with the run's error (if any) and, when given, its complete output. */
  finish(end: {readonly error?: RecordedError | null; readonly output?: string} = {}): Trace {
    this.flush();
    if (this.leaving !== null) this.leftLoop();
    const e = end.error ?? null;
    const error: TraceError | null =
      e === null
        ? null
        : {seq: this.seq++, type: e.type, message: e.message, span: e.span, traceback: e.traceback};
    // Ops and passes are numbered by position; forgotten ones leave no gap.
    const opAt = new Map<number, number>(this.ops.map((op, i) => [op.index, i]));
    const renumber = (i: number | null): number | null =>
      i === null ? null : (opAt.get(i) ?? null);
    const passAt = new Map<PassDraft, number>(this.passes.map((p, i) => [p, i]));
    const encode = (c: Captured | null): TensorData | null =>
      c === null ? null : encodeCaptured(c);
    return {
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      source: this.source,
      filename: this.filename,
      tensors: [...this.tensors.values()].map((d) => ({
        ...d,
        names: [...d.names],
        versions: d.versions.map((v) => ({
          ...v,
          opIndex: renumber(v.opIndex),
          data: encodeCaptured(v.data),
        })),
      })),
      ops: this.ops.map((op, index) => ({...op, index})),
      gradFns: [...this.gradFns.values()].map((f) =>
        f.opIndex === null ? f : {...f, opIndex: renumber(f.opIndex)},
      ),
      backwardPasses: this.passes.map((p, index) => ({
        ...p,
        index,
        seeds: p.seeds.map((s) => encodeCaptured(s)),
        steps: p.steps.map(({hooks, ...s}) => ({
          ...s,
          gradsIn: s.gradsIn.map(encode),
          gradsOut: s.gradsOut.map(encode),
          ...(hooks === undefined
            ? {}
            : {
                hooks: hooks.map((h) => ({...h, before: encode(h.before), after: encode(h.after)})),
              }),
        })),
        accumulations: p.accumulations.map((a) => ({
          ...a,
          incoming: encodeCaptured(a.incoming),
          before: encode(a.before),
          after: encodeCaptured(a.after),
        })),
      })),
      prints: [...this.prints],
      groups: this.closedGroups(),
      ...(this.figures.length === 0
        ? {}
        : {
            // Only tensors the trace still has (a forgotten stretch may have dropped one).
            figures: this.figures.map((f) => ({
              ...f,
              roots: f.roots.filter((id) => this.tensors.has(id)),
            })),
          }),
      ...(this.window === null
        ? {}
        : {
            iterations: this.iterations.map(
              ({pass, held, index, startSeq, endSeq, ops, steps, loss}) => ({
                index,
                startSeq,
                endSeq,
                ops,
                steps,
                loss,
                passIndex: pass === null ? null : (passAt.get(pass) ?? null),
                // What a kept iteration's picture shows before its first step.
                ...(pass === null
                  ? {}
                  : {
                      // Only tensors the trace still has (a forgotten stretch may have dropped one).
                      held: held
                        .filter((h) => this.tensors.has(h.tensorId))
                        .map((h) => ({...h, data: encodeCaptured(h.data)})),
                    }),
              }),
            ),
          }),
      ...(this.randomSeed === null ? {} : {randomSeed: this.randomSeed}),
      derivatives: this.derivatives(),
      output: end.output ?? this.output,
      error,
    };
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
    if (this.window !== null) this.objects.set(t.id, t);
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

/** The one element of a one-element tensor, encoded (a pass's loss in the iteration summary). */
function oneValue(t: Tensor): EncodedNumber | null {
  return encodeCaptured(capture(t, 1)).values?.[0] ?? null;
}
