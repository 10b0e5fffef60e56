/**
 * The recorder's iteration window at work: it summarises every iteration as it ends, decides which
 * iterations are recorded (a counted loop's middle iterations coast: not recorded at all), forgets
 * kept ones that fall out of the window (`window.ts`'s {@link forget}), and, for a `window.only`
 * run, records just the iteration asked for and stops the script after it. The records themselves
 * stay the recorder's: this module reaches them through a {@link WindowHost}.
 */
import type {Storage} from '../../autograd/dtype.js';
import type {Tensor} from '../../autograd/tensor.js';
import type {GroupDraft, HeldDraft, IterationDraft, PassDraft, TensorDraft} from './drafts.js';
import type {EncodedNumber, GradFnRecord, OpRecord} from './schema.js';
import {capture, encodeCaptured, type Captured} from './snapshot.js';
import type {Span} from './span.js';
import {defaultWindow, forget, forgetGroups, type ValueWindow} from './window.js';

/** How many iterations past the window are forgotten at once. */
const FORGET_BATCH = 1;

/** Thrown at the first hook after the iteration a `window.only` run wanted has ended. */
export class RecordingComplete extends Error {
  constructor() {
    super('grad-graph recorded the iteration it was asked for and stopped the script');
    this.name = 'RecordingComplete';
  }
}

/** The recorder's records and the few of its actions the window needs. */
export interface WindowHost {
  readonly tensors: Map<number, TensorDraft>;
  readonly gradFns: Map<number, GradFnRecord>;
  /** The ops, passes and groups kept so far (replaced when iterations are forgotten). */
  records(): {ops: OpRecord[]; passes: PassDraft[]; groups: GroupDraft[]};
  /** Takes the records back after forgetting. */
  adopt(records: {ops: OpRecord[]; passes: PassDraft[]; groups: GroupDraft[]}): void;
  /** The next sequence number. */
  nextSeq(): number;
  /** The record of a tensor, made on first sight. */
  ensureTensor(t: Tensor): TensorDraft;
  /** `t`'s values now (see the recorder's `copy`). */
  copy(t: Tensor): Captured;
  /** Registers the tensors made since the last op. */
  flush(): void;
  /** Replaces the captures still reading their storage (after forgetting). */
  setUnsettled(map: Map<Storage, Captured[]>): void;
}

/**
 * The iterations of one run and the window over them. Without a window (`window === null`) it
 * still counts, but records everything and forgets nothing.
 */
export class IterationWindow {
  /** Whether the running iteration is being recorded (false only outside `window.only`). */
  recording: boolean;
  /** Set once `window.only` has been recorded: every later hook stops the script. */
  private complete = false;
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
  /** Whether the running iteration has recorded nothing so far (it coasts). */
  private quiet: boolean;
  /** The iterations of `recent` that recorded nothing. */
  private readonly quietOnes = new Set<IterationDraft>();
  /** Whether an iteration that recorded something has ended since the last forgetting sweep. */
  private sweepDue = false;
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
  /** The pass counts of the loop passes open now, by group id. */
  private readonly loopCounts = new Map<number, number>();
  /**
   * Set while coasting when a pass of a counted loop has ended: if the next thing to happen is not
   * the loop's next pass, the loop broke off early and recording resumes.
   */
  private leaving: {readonly span: Span | null; readonly index: number} | null = null;
  /** The tensors the records know, by id (pruned with them), to bring them up to date on resuming. */
  private readonly objects = new Map<number, Tensor>();
  /** The tensors module groups name as their parameters (kept when iterations are forgotten). */
  private readonly parameterIds = new Set<number>();

  constructor(
    private readonly window: ValueWindow | null,
    private readonly host: WindowHost,
  ) {
    this.recording = window?.only === undefined || window.only === 0;
    this.quiet = !this.recording;
  }

  /** Whether the run was stopped because the iteration `window.only` asked for is recorded. */
  get stoppedEarly(): boolean {
    return this.complete;
  }

  /** Whether the recorder has a window (and so lists every iteration in the trace). */
  get windowed(): boolean {
    return this.window !== null;
  }

  /** Stops the script once `window.only` has been recorded. */
  checkComplete(): void {
    if (this.complete) throw new RecordingComplete();
  }

  /** A statement is about to run: a coasting loop that broke off resumes recording. */
  statement(): void {
    if (this.leaving !== null) this.leftLoop();
  }

  /** A script name was bound (`value` null: to something that is not a tensor). */
  assigned(name: string, value: Tensor | null): void {
    if (value === null) this.bound.delete(name);
    else if (this.window !== null) this.bound.set(name, value);
  }

  /** The recorder registered a tensor. */
  registered(t: Tensor): void {
    if (this.window !== null) this.objects.set(t.id, t);
  }

  /**
   * A group is about to open: a coasting loop's next pass goes on, anything else means the loop
   * has left. Returns nothing; {@link groupOpened} follows with the group.
   */
  groupStarting(kind: string, span: Span | null, index: number | undefined): void {
    const leaving = this.leaving;
    if (leaving === null) return;
    // The next pass of the loop a coasting run was in: it goes on. Anything else: it has left.
    const next = kind === 'iteration' && span === leaving.span;
    if (next && index === leaving.index + 1) this.leaving = null;
    else this.leftLoop();
  }

  /** A group opened: its parameters are kept, a loop pass's count is remembered. */
  groupOpened(
    id: number,
    parameters: readonly {readonly tensorId: number}[] | undefined,
    count: number | undefined,
  ): void {
    for (const q of parameters ?? []) this.parameterIds.add(q.tensorId);
    if (count !== undefined) this.loopCounts.set(id, count);
  }

  /** The group `group` ends, with `closing` (it and the groups open inside it). */
  groupEnding(group: GroupDraft, closing: readonly GroupDraft[]): void {
    if (this.leaving !== null) this.leftLoop();
    const count = this.loopCounts.get(group.id);
    if (count !== undefined && !this.recording && (group.index ?? 0) + 1 < count) {
      this.leaving = {span: group.span, index: group.index ?? 0};
    }
    for (const g of closing) this.loopCounts.delete(g.id);
  }

  /** An op ran (recorded or not). */
  opRan(): void {
    this.iterationOps++;
  }

  /** The engine ran a node (recorded or not). */
  stepRan(): void {
    this.iterationSteps++;
  }

  /** backward() was called on `root` first: its value is the iteration's loss when a scalar. */
  passStarted(root: Tensor | undefined): void {
    this.passLoss = root !== undefined && root.numel() === 1 ? oneValue(root) : null;
  }

  /** A gradient was written into `tensor.grad`. */
  gradWritten(tensor: Tensor): void {
    if (this.window !== null) this.leaves.set(tensor.id, tensor);
  }

  /** The run ends: a coasting loop that broke off resumes recording, to record what is left. */
  finishing(): void {
    if (this.leaving !== null) this.leftLoop();
  }

  /** Every iteration's summary, or null without a window. */
  drafts(): readonly IterationDraft[] | null {
    return this.window === null ? null : this.iterations;
  }

  /**
   * Whether a loop running now has more than `last` passes to go after this one: the iterations
   * ending before the last ones are then left out as they run (coasting), not recorded and
   * forgotten. A loop that breaks off early leaves its last iterations to be recorded again.
   */
  private loopRunsOn(openGroups: readonly GroupDraft[], last: number): boolean {
    for (const g of openGroups) {
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
    this.quiet = false;
    for (const [id, t] of this.objects) {
      const draft = this.host.tensors.get(id);
      const latest = draft?.versions.at(-1);
      if (draft === undefined || latest === undefined) continue;
      if (latest.data.version === t.version.value) continue;
      draft.versions.push({
        seq: this.host.nextSeq(),
        opIndex: null,
        requiresGrad: t.requiresGrad,
        data: this.host.copy(t),
      });
    }
    for (const t of this.boundTensors()) this.host.ensureTensor(t);
  }

  /** A counted loop broke off while coasting: recording resumes here. */
  private leftLoop(): void {
    this.leaving = null;
    if (!this.recording) this.resume();
  }

  /**
   * Whether the next iteration is recorded: not while a counted loop (one of `openGroups`) has
   * more than the window's last iterations to go (past the first ones). Decided before the ending
   * iteration's end, so what resuming registers belongs to the iteration that ends, as a forgotten
   * iteration's survivors do.
   */
  decideCoasting(openGroups: readonly GroupDraft[]): void {
    const window = this.window;
    if (window === null || window.only !== undefined) return;
    const coast =
      this.iterations.length + 1 >= (window.first ?? defaultWindow.first) &&
      this.loopRunsOn(openGroups, Math.max(1, window.last ?? defaultWindow.last));
    if (coast) this.recording = false;
    else if (!this.recording) this.resume();
  }

  /** Summarises the iteration a pass ended; forgets an older one when the window says so. */
  ended(pass: PassDraft | null, endSeq: number): void {
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
      if (this.recording) for (const t of this.boundTensors()) this.host.ensureTensor(t);
    }
    this.held = this.recording ? this.heldGrads() : [];
    // Leaves the next pass writes into are followed again then; named ones stay in `bound`.
    this.leaves.clear();
    const quiet = this.quiet;
    this.quiet = !this.recording;
    if (window.only !== undefined) return;
    if (iteration.index < (window.first ?? defaultWindow.first)) {
      this.forgetSince = endSeq;
      return;
    }
    this.recent.push(iteration);
    if (quiet) this.quietOnes.add(iteration);
    else this.sweepDue = true;
    // The latest finished iteration is always kept: the one still running continues it. Older
    // ones are forgotten in batches, so the sweep's cost is shared by many iterations.
    const last = Math.max(1, window.last ?? defaultWindow.last);
    if (this.recent.length < last + Math.max(last, FORGET_BATCH)) return;
    const old = this.recent.splice(0, this.recent.length - last);
    for (const it of old) this.iterations[it.index] = {...it, pass: null, held: []};
    let allQuiet = true;
    for (const it of old) if (!this.quietOnes.delete(it)) allQuiet = false;
    const from = (old[0] as IterationDraft).startSeq - 1;
    const to = (old.at(-1) as IterationDraft).endSeq;
    this.host.flush();
    if (allQuiet && !this.sweepDue) {
      // Coasting iterations recorded no tensor, op or pass: once a sweep has followed the last
      // iteration that did, a batch of them has only its calls' groups to forget (a 20,000-step
      // loop would otherwise sweep the kept records thousands of times).
      const records = this.host.records();
      forgetGroups(records, from, to);
      this.host.adopt(records);
      return;
    }
    this.sweepDue = false;
    const records = {
      tensors: this.host.tensors,
      gradFns: this.host.gradFns,
      ...this.host.records(),
      live: [...this.boundTensors().map((t) => t.id), ...this.parameterIds],
    };
    forget(records, this.forgetSince, from, to);
    this.host.adopt(records);
    this.host.setUnsettled(this.collectUnsettled());
    for (const id of this.objects.keys()) if (!this.host.tensors.has(id)) this.objects.delete(id);
  }

  /** The captures the records still hold, by the storage they read. */
  private collectUnsettled(): Map<Storage, Captured[]> {
    const map = new Map<Storage, Captured[]>();
    const add = (c: Captured | null) => {
      if (c === null) return;
      const storage = c.storage;
      if (storage === null) return;
      const list = map.get(storage);
      if (list) list.push(c);
      else map.set(storage, [c]);
    };
    for (const t of this.host.tensors.values()) for (const v of t.versions) add(v.data);
    for (const p of this.host.records().passes) {
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
    return map;
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
      const known = this.host.tensors.get(grad.id)?.versions.at(-1);
      held.push({
        tensorId: this.host.ensureTensor(t).id,
        gradId: grad.id,
        data: known?.data ?? this.host.copy(grad),
      });
    }
    return held;
  }

  /** The tensors the script's names are bound to now. */
  private boundTensors(): Tensor[] {
    return [...this.bound.values()];
  }
}

/** The one element of a one-element tensor, encoded (a pass's loss in the iteration summary). */
function oneValue(t: Tensor): EncodedNumber | null {
  return encodeCaptured(capture(t, 1)).values?.[0] ?? null;
}
