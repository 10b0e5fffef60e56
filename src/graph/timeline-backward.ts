/**
 * The backward steps of a pass: the seed, then each engine step in the order the engine ran it,
 * with the gradients sent along each link, the running sum at a tensor that fed several ops
 * (the engine's own total once all have arrived), and the writes into `.grad`.
 */
import type {
  Accumulation,
  BackwardPass,
  EngineStep,
  GradFnRecord,
  OpRecord,
  TensorData,
} from '../trace/schema.js';
import {localDerivative} from './chain.js';
import type {ChainContext} from './chain.js';
import type {Localized, StepChange} from './model.js';
import type {EngineFacts, ReceiverFacts} from './narration.js';
import {narrateAccumulate, narrateEngine, narrateSeed} from './narration.js';
import type {RuleFacts} from './narration.js';
import {chainRule, resultSymbol} from './rules.js';
import {bare} from './tensors.js';
import {narrateUserBackward} from './narration-hooks.js';
import {numel, quantity} from './quantity.js';
import {addData} from './sum.js';
import {versionAt} from './tensors.js';
import type {Contribution, Context, Draft} from './timeline-context.js';
import {eachElement, linkId, shown} from './timeline-context.js';
import {withHooks} from './timeline-hooks.js';

/** Tracks the gradients each tensor receives during one pass, to show sums. */
class Receipts {
  private readonly expected = new Map<string, number>();
  private readonly received = new Map<string, Contribution[]>();
  /** The engine step of each grad_fn in this pass (its gradsIn is the exact total). */
  readonly stepOf = new Map<number, EngineStep>();

  constructor(ctx: Context, pass: BackwardPass) {
    const bump = (key: string) => this.expected.set(key, (this.expected.get(key) ?? 0) + 1);
    for (const rid of pass.roots) {
      const fn = ctx.tensors.get(rid)?.gradFnId;
      if (fn !== null && fn !== undefined) bump(`${fn}:0`);
    }
    for (const step of pass.steps) {
      if (!this.stepOf.has(step.gradFnId)) this.stepOf.set(step.gradFnId, step);
      const fn = ctx.fns.get(step.gradFnId);
      fn?.next.forEach((e, j) => {
        if (e !== null && step.gradsOut[j]) bump(`${e.gradFnId}:${e.inputNr}`);
      });
    }
  }

  /** Adds a contribution; returns all so far, how many are expected, and the total once complete. */
  add(
    gradFnId: number,
    inputNr: number,
    c: Contribution,
  ): {all: Contribution[]; expected: number; total: TensorData | null} {
    const key = `${gradFnId}:${inputNr}`;
    const all = [...(this.received.get(key) ?? []), c];
    this.received.set(key, all);
    const expected = this.expected.get(key) ?? all.length;
    if (all.length < expected) return {all, expected, total: null};
    // The engine's own total, as it arrived: before any hook on it ran (the hook's step shows after).
    const step = this.stepOf.get(gradFnId);
    const hooked = step?.hooks?.find((h) => h.kind !== 'post' && h.slot === inputNr);
    const exact = hooked ? hooked.before : step?.gradsIn[inputNr];
    return {all, expected, total: exact ?? sumOf(all.map((x) => x.data))};
  }
}

function sumOf(parts: readonly TensorData[]): TensorData {
  return parts.slice(1).reduce((a, b) => addData(a, b), parts[0] as TensorData);
}

/** The accumulations of a pass not yet shown, by tensor and kind, first come first served. */
class Pending {
  private readonly queues = new Map<string, Accumulation[]>();
  constructor(accumulations: readonly Accumulation[]) {
    for (const a of accumulations) {
      const key = `${a.tensorId}:${a.retained}`;
      const q = this.queues.get(key);
      if (q) q.push(a);
      else this.queues.set(key, [a]);
    }
  }

  /** The next accumulation into `tensorId` (retained or a leaf's), removed from the queue. */
  take(tensorId: number | null, retained: boolean): Accumulation | undefined {
    return tensorId === null ? undefined : this.queues.get(`${tensorId}:${retained}`)?.shift();
  }
}

/** backward() without a gradient on one one-element root: its seed is ∂root/∂root = 1. */
function implicitSeed(ctx: Context, pass: BackwardPass): boolean {
  const seed = pass.seeds[0];
  const root = ctx.tensors.get(pass.roots[0] ?? -1);
  return (
    pass.roots.length === 1 && !!seed && !!root && numel(root.shape) === 1 && quantity(seed) === '1'
  );
}

/** The steps of one backward pass. */
export function backwardSteps(ctx: Context, pass: BackwardPass): Draft[] {
  const drafts: Draft[] = [];
  const receipts = new Receipts(ctx, pass);
  const consumed = new Set<Accumulation>();
  const pending = new Pending(pass.accumulations);
  const rootName = ctx.name(pass.roots[0] ?? null);
  const noted = new Set<number>();
  const implicit = implicitSeed(ctx, pass);

  // The seed step.
  {
    const nodeIds: string[] = [];
    const linkIds: string[] = [];
    const changes: StepChange[] = [];
    pass.roots.forEach((rid, i) => {
      const seed = pass.seeds[i];
      const root = ctx.tensors.get(rid);
      if (!seed || !root) return;
      const sid = pass.roots.length === 1 ? `s${pass.index}` : `s${pass.index}.${i}`;
      const rnode = ctx.dataflow ? ctx.tensorNode(rid, pass.seq) : `t${rid}`;
      nodeIds.push(sid, rnode);
      linkIds.push(linkId(rnode, sid, 0));
      if (!ctx.dataflow && root.gradFnId !== null) {
        nodeIds.push(`f${root.gradFnId}`);
        linkIds.push(linkId(`f${root.gradFnId}`, rnode, 0));
      }
      changes.push(
        {id: sid, value: shown(seed)},
        {id: rnode, grad: shown(seed), gradStored: false},
      );
      changes.push({id: linkId(rnode, sid, 0), link: true, grad: shown(seed)});
      if (root.gradFnId !== null)
        receipts.add(root.gradFnId, 0, {data: seed, stepSeq: pass.seq, product: null});
    });
    const seed = pass.seeds[0];
    const kept = ctx.keepNodes(nodeIds);
    const keptLinks = ctx.keepLinks(linkIds);
    drafts.push({
      phase: 'backward',
      kind: 'seed',
      label: 'backward()',
      pass: pass.index,
      nodeIds: kept,
      linkIds: keptLinks,
      span: pass.span,
      narration: narrateSeed({
        code: ctx.code(pass.span, `${rootName}.backward()`),
        root: rootName,
        seed: quantity(seed),
        implicit,
      }),
      seq: pass.seq,
      reveal: {nodeIds: kept, linkIds: keptLinks},
      changes: ctx.keepChanges(changes),
    });
  }

  for (const step of pass.steps) {
    const fn = ctx.fns.get(step.gradFnId);
    if (!fn) continue;
    if (fn.name === 'AccumulateGrad') {
      const acc = pending.take(fn.tensorId, false);
      if (acc) consumed.add(acc);
      drafts.push(withHooks(ctx, pass, step, fn, accumulateStep(ctx, pass, step, fn, acc ?? null)));
      continue;
    }
    drafts.push(
      withHooks(
        ctx,
        pass,
        step,
        fn,
        engineStep(ctx, pass, step, fn, receipts, {rootName, implicit}, noted, consumed, pending),
      ),
    );
  }

  for (const acc of pass.accumulations) {
    if (consumed.has(acc)) continue;
    drafts.push(accumulateStep(ctx, pass, null, null, acc));
  }
  return drafts.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}

/** An AccumulateGrad step (or a lone accumulation): the leaf's `.grad` is written. */
function accumulateStep(
  ctx: Context,
  pass: BackwardPass,
  step: EngineStep | null,
  fn: GradFnRecord | null,
  acc: Accumulation | null,
): Draft {
  const tensorId = acc?.tensorId ?? fn?.tensorId ?? null;
  const tnode =
    tensorId === null ? '' : ctx.dataflow ? ctx.tensorNode(tensorId, pass.seq) : `t${tensorId}`;
  const nodeIds = [tnode];
  const linkIds: string[] = [];
  const changes: StepChange[] = [];
  const incoming = acc?.incoming ?? step?.gradsIn[0] ?? null;
  if (fn && !ctx.dataflow) {
    nodeIds.unshift(`f${fn.id}`);
    linkIds.push(linkId(tnode, `f${fn.id}`, 0));
    if (incoming) changes.push({id: `f${fn.id}`, grad: shown(incoming), gradStored: false});
    if (incoming)
      changes.push({id: linkId(tnode, `f${fn.id}`, 0), link: true, grad: shown(incoming)});
  }
  const name = ctx.name(tensorId);
  let narration: Localized;
  if (acc) {
    changes.push({id: tnode, grad: shown(acc.after), gradStored: true});
    const before = acc.before;
    narration = narrateAccumulate({
      name,
      incoming: quantity(acc.incoming),
      before: before === null ? null : quantity(before),
      after: quantity(acc.after),
      retained: acc.retained,
      each: eachElement(acc.after),
    });
  } else {
    narration = {
      en: `AccumulateGrad: ${name} receives ${quantity(incoming)}; it is not written to ${name}.grad in this pass.`,
      zh: `AccumulateGrad：${name} 收到 ${quantity(incoming)}；这次不写入 ${name}.grad。`,
    };
  }
  const kept = ctx.keepNodes(nodeIds);
  const keptLinks = ctx.keepLinks(linkIds);
  return {
    phase: 'backward',
    kind: 'accumulate',
    label: fn?.name ?? (acc?.retained ? 'retain_grad' : 'AccumulateGrad'),
    pass: pass.index,
    nodeIds: kept,
    linkIds: keptLinks,
    // The line that made the leaf: where its .grad belongs.
    span: tensorId === null ? null : (ctx.tensors.get(tensorId)?.span ?? null),
    narration,
    seq: step?.seq ?? acc?.seq ?? pass.seq,
    reveal: {nodeIds: kept, linkIds: keptLinks},
    changes: ctx.keepChanges(changes),
  };
}

/** Which input slot of the op each next edge of its grad_fn feeds (-1: none). */
function edgeSlots(ctx: Context, fn: GradFnRecord, op: OpRecord | null): number[] {
  if (!op) return fn.next.map(() => -1);
  const used = new Set<number>();
  return fn.next.map((e) => {
    if (e === null) return -1;
    const target = ctx.fns.get(e.gradFnId);
    for (let s = 0; s < op.inputs.length; s++) {
      if (used.has(s)) continue;
      const t = ctx.tensors.get(op.inputs[s] as number);
      if (!t) continue;
      // The grad_fn the input had when the op used it (an in-place op may have replaced it since).
      const version = t.versions[versionAt(t, op.seq)];
      const fnThen = version?.gradFnId !== undefined ? version.gradFnId : t.gradFnId;
      const matches =
        target?.name === 'AccumulateGrad' ? target.tensorId === t.id : fnThen === e.gradFnId;
      if (matches) {
        used.add(s);
        return s;
      }
    }
    return -1;
  });
}

/** An engine step of a grad_fn other than AccumulateGrad. */
function engineStep(
  ctx: Context,
  pass: BackwardPass,
  step: EngineStep,
  fn: GradFnRecord,
  receipts: Receipts,
  {rootName, implicit}: {rootName: string; implicit: boolean},
  noted: Set<number>,
  consumed: Set<Accumulation>,
  pending: Pending,
): Draft {
  const op = ctx.opOf(fn);
  const outId = fn.tensorId ?? op?.outputs[0] ?? null;
  // A node with several outputs (split, unbind) receives one gradient for each.
  const outs = ctx.outputs(fn);
  const several = outs.length > 1;
  const outName = several ? outs.map((id) => ctx.name(id)).join(', ') : ctx.name(outId);
  const gradIn = step.gradsIn[0] ?? null;
  const slots = edgeSlots(ctx, fn, op);
  const opNode = op ? `o${op.index}` : '';
  const outNode =
    outId === null ? '' : ctx.dataflow && op ? ctx.tensorNode(outId, op.seq + 1) : `t${outId}`;
  const fid = `f${fn.id}`;
  const nodeIds: string[] = ctx.dataflow ? [opNode, outNode] : [fid];
  const linkIds: string[] = ctx.dataflow && op ? [linkId(opNode, outNode, 0)] : [];
  const changes: StepChange[] = [];
  if (ctx.dataflow && op && several) {
    outs.forEach((id, nr) => {
      const g = step.gradsIn[nr];
      const slot = op.outputs.indexOf(id);
      const l = linkId(opNode, ctx.tensorNode(id, op.seq + 1), slot);
      nodeIds.push(ctx.tensorNode(id, op.seq + 1));
      linkIds.push(l);
      if (g) changes.push({id: l, link: true, grad: shown(g)});
    });
  } else if (gradIn) {
    if (ctx.dataflow)
      changes.push({id: linkId(opNode, outNode, 0), link: true, grad: shown(gradIn)});
    else changes.push({id: fid, grad: shown(gradIn), gradStored: false});
  }

  const chainCtx = op
    ? {
        derivatives: ctx.trace.derivatives,
        op,
        inputName: (s: number) => ctx.name(op.inputs[s] ?? null),
        inputData: (s: number) => {
          const t = ctx.tensors.get(op.inputs[s] ?? -1);
          return t ? (t.versions[versionAt(t, op.seq)]?.data ?? null) : null;
        },
        outData: outId === null ? null : (ctx.tensors.get(outId)?.versions[0]?.data ?? null),
      }
    : null;
  const derivatives: string[] = [];
  const receivers = new Map<string, {facts: ReceiverFacts; order: number}>();
  const gText = quantity(gradIn);
  const rule = engineRule(ctx, fn.name, chainCtx, outName, `∂${rootName}/∂${bare(outName)}`);

  fn.next.forEach((e, j) => {
    const g = step.gradsOut[j];
    if (e === null || !g) return;
    const target = ctx.fns.get(e.gradFnId);
    // A piece of a split is its node's output e.inputNr, not the node's first tensor.
    const receiverId = ctx.outputOf(target, e.inputNr);
    const slot = slots[j] ?? -1;
    const local =
      chainCtx && !rule ? localDerivative(fn.name, slot >= 0 ? slot : j, chainCtx) : null;
    const rName = ctx.name(receiverId);
    if (local) {
      // Each symbol's number where the formula uses it: `∂(y * y)/∂y = y = 3`.
      const number =
        local.value !== null && local.value !== local.text && !local.matrix
          ? ` = ${local.value}`
          : '';
      const d = `∂${outName}/∂${rName} = ${local.text}${number}`;
      if (!derivatives.includes(d)) derivatives.push(d);
    }
    // This step's share, as the chain rule computes it: `0.25 · 3`, `1 · b`, `grad @ Wᵀ`.
    const incoming = gText.startsWith('(') ? 'grad' : gText;
    const factor = local ? (local.value ?? local.text) : '';
    const shownFactor = /^[-−]/.test(factor) ? `(${factor})` : factor;
    const product = local ? (local.matrix ?? `${incoming} · ${shownFactor}`) : null;
    const got = receipts.add(e.gradFnId, e.inputNr, {data: g, stepSeq: step.seq, product});
    // This step's contributions show how they were computed; earlier ones show their value.
    const terms = got.all.map((c) =>
      c.stepSeq === step.seq && c.product !== null ? c.product : quantity(c.data),
    );
    const fromThisStep = got.all.filter((c) => c.stepSeq === step.seq).length;
    const receiver = receiverId === null ? undefined : ctx.tensors.get(receiverId);
    const isRoot = receiverId !== null && pass.roots.includes(receiverId);
    const notKept =
      got.total !== null &&
      !!receiver &&
      !receiver.isLeaf &&
      !receiver.retainsGrad &&
      receiver.names.length > 0 &&
      !isRoot &&
      !noted.has(receiver.id);
    if (notKept) noted.add(receiver.id);
    receivers.set(`${e.gradFnId}:${e.inputNr}`, {
      facts: {
        name: rName,
        terms,
        fromThisStep,
        total: got.total === null ? null : quantity(got.total),
        each: eachElement(got.total ?? g),
        expected: got.expected,
        notKept,
      },
      order: receivers.get(`${e.gradFnId}:${e.inputNr}`)?.order ?? receivers.size,
    });

    const shownGrad = got.total ?? sumOf(got.all.map((c) => c.data));
    if (ctx.dataflow && op && slot >= 0 && receiverId !== null) {
      const rnode = ctx.tensorNode(op.inputs[slot] as number, op.seq);
      const l = linkId(rnode, opNode, slot);
      nodeIds.push(rnode);
      linkIds.push(l);
      changes.push(
        {id: l, link: true, grad: shown(g)},
        {id: rnode, grad: shown(shownGrad), gradStored: false},
      );
    } else if (!ctx.dataflow) {
      const l = linkId(`f${e.gradFnId}`, fid, j);
      nodeIds.push(`f${e.gradFnId}`);
      linkIds.push(l);
      changes.push(
        {id: l, link: true, grad: shown(g)},
        {id: `f${e.gradFnId}`, grad: shown(shownGrad), gradStored: false},
      );
    }
  });

  const ordered = [...receivers.values()].sort((a, b) => a.order - b.order).map((r) => r.facts);
  const facts: EngineFacts = {
    fn: fn.name,
    out: outName,
    named: outs.length > 0 && outs.every((id) => (ctx.tensors.get(id)?.names.length ?? 0) > 0),
    code: op ? ctx.opCode(op) : '',
    root: rootName,
    implicit,
    isRoot: outId !== null && pass.roots.includes(outId),
    gradIn: gText,
    ...(several
      ? {
          gradsIn: outs.map((id, nr) => ({
            name: ctx.name(id),
            grad: step.gradsIn[nr] ? quantity(step.gradsIn[nr]) : null,
          })),
        }
      : {}),
    derivatives,
    rule,
    receivers: ordered,
  };
  // A custom Function's backward is the script's own code: say what it returned.
  const engine = narrateEngine(facts);
  const user =
    fn.function === undefined
      ? null
      : narrateUserBackward({
          function: fn.function,
          gradIn: gText,
          returned: fn.next.map((_, j) => {
            const g = step.gradsOut[j];
            return g ? quantity(g) : 'None';
          }),
        });
  const narration = user ? {en: `${engine.en} ${user.en}`, zh: `${engine.zh}${user.zh}`} : engine;

  // A non-leaf that called retain_grad() gets its .grad when its grad_fn runs.
  const retained = pending.take(outId, true);
  let text = narration;
  if (retained && outId !== null) {
    consumed.add(retained);
    const before = retained.before;
    const extra = narrateAccumulate({
      name: outName,
      incoming: quantity(retained.incoming),
      before: before === null ? null : quantity(before),
      after: quantity(retained.after),
      retained: true,
      each: eachElement(retained.after),
    });
    changes.push({
      id: ctx.dataflow ? outNode : `t${outId}`,
      grad: shown(retained.after),
      gradStored: true,
    });
    text = {en: `${narration.en} ${extra.en}`, zh: `${narration.zh}${extra.zh}`};
  }

  const kept = ctx.keepNodes(nodeIds);
  const keptLinks = ctx.keepLinks(linkIds);
  return {
    phase: 'backward',
    kind: 'engine',
    label: fn.name,
    pass: pass.index,
    nodeIds: kept,
    linkIds: keptLinks,
    span: op?.span ?? null,
    narration: text,
    seq: step.seq,
    reveal: {nodeIds: kept, linkIds: keptLinks},
    changes: ctx.keepChanges(changes),
  };
}

/** A grad_fn's chain rule in words (rules.ts), with the values of the symbols it uses. */
function engineRule(
  ctx: Context,
  fn: string,
  chain: ChainContext | null,
  outName: string,
  grad: string,
): RuleFacts | null {
  const inputs = chain?.op.inputs.map((id) => ctx.name(id)) ?? [];
  // PyTorch names a custom Function's node `<Name>Backward`; its own nodes end in a digit.
  const custom = /[^0-9]Backward$/.test(fn);
  const rule = chainRule(fn, {out: outName, inputs, grad, args: chain?.op.args ?? {}}, custom);
  if (!rule) return null;
  const values: string[] = [];
  for (const r of rule.reads ?? []) {
    const name = r === 'out' ? resultSymbol(outName) : (inputs[r] ?? null);
    const data = r === 'out' ? (chain?.outData ?? null) : (chain?.inputData(r) ?? null);
    const text = name === null || !data ? null : `${bare(name)} = ${quantity(data)}`;
    if (text !== null && !values.includes(text)) values.push(text);
  }
  return {en: rule.en, zh: rule.zh, values};
}
