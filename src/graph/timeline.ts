/**
 * The Timeline of a graph: forward, one step per op in program order; then the backward pass,
 * a seed step where its gradient enters, then one step per engine step in the order the engine
 * ran them (timeline-backward.ts); an optimizer's `step()` or `zero_grad()` is one step
 * (timeline-optimizer.ts). Both views get the same steps, so a reader can switch view
 * and stay at step k; only what each step lights differs.
 */
import type {Accumulation, OpRecord, Trace} from '../trace/schema.js';
import {inGradientGraph, narrateGradientOp} from './gradient-graph.js';
import {drawsOpNode} from './dataflow.js';
import {iterationOf, iterationSpans, wholeRun} from './iterations.js';
import {opLabel} from './labels.js';
import type {Graph, StepChange, Timeline, TimelineMark} from './model.js';
import {narrateForward} from './narration.js';
import type {ForwardFacts} from './narration.js';
import {quantity} from './quantity.js';
import {sizeText, tensorNodeId, versionAt} from './tensors.js';
import {figureSteps} from './timeline-figures.js';
import {backwardSteps} from './timeline-backward.js';
import {mergeCollapsed} from './timeline-groups.js';
import {mergeOptimizerCalls} from './timeline-optimizer.js';
import {withModuleHooks} from './timeline-module-hooks.js';
import type {Draft} from './timeline-context.js';
import {Context, eachElement, linkId, shown} from './timeline-context.js';

/** The forward step of one op (`iteration`: which iteration of the run it belongs to). */
function forwardStep(ctx: Context, op: OpRecord, iteration: number): Draft {
  const out = ctx.tensors.get(op.outputs[0] ?? -1);
  const version = out ? (op.inPlace ? versionAt(out, op.seq + 1) : 0) : 0;
  const data = out?.versions[version]?.data ?? null;
  const nodeIds: string[] = [];
  const linkIds: string[] = [];
  const revealNodes: string[] = [];
  const changes: StepChange[] = [];
  if (ctx.dataflow) {
    const opId = `o${op.index}`;
    const outIds = op.outputs.map((id) => {
      const t = ctx.tensors.get(id);
      return tensorNodeId(id, t && op.inPlace ? versionAt(t, op.seq + 1) : 0);
    });
    if (drawsOpNode(op)) {
      nodeIds.push(opId);
      op.inputs.forEach((id, slot) => {
        const source = ctx.tensorNode(id, op.seq);
        revealNodes.push(source);
        linkIds.push(linkId(source, opId, slot));
      });
      outIds.forEach((target, slot) => linkIds.push(linkId(opId, target, slot)));
    }
    nodeIds.push(...outIds);
    op.outputs.forEach((id, i) => {
      const t = ctx.tensors.get(id);
      const d = t?.versions[op.inPlace ? versionAt(t, op.seq + 1) : 0]?.data;
      if (d) changes.push({id: outIds[i] as string, value: shown(d)});
    });
  } else if (op.gradFnId === null) {
    // A factory, or an op under no_grad: its result shows where this view draws it (a leaf's box).
    for (const id of op.outputs) {
      const t = ctx.tensors.get(id);
      const d = t?.versions[op.inPlace ? versionAt(t, op.seq + 1) : 0]?.data;
      nodeIds.push(`t${id}`);
      if (d) changes.push({id: `t${id}`, value: shown(d)});
    }
  } else {
    // The grad_fn appears with the edges to what it will send gradients to.
    const fn = ctx.fns.get(op.gradFnId);
    const fid = `f${op.gradFnId}`;
    nodeIds.push(fid);
    fn?.next.forEach((e, slot) => {
      if (e === null) return;
      const target = ctx.fns.get(e.gradFnId);
      revealNodes.push(`f${e.gradFnId}`);
      linkIds.push(linkId(`f${e.gradFnId}`, fid, slot));
      if (target?.name === 'AccumulateGrad' && target.tensorId !== null) {
        const leaf = ctx.tensors.get(target.tensorId);
        revealNodes.push(`t${target.tensorId}`);
        linkIds.push(linkId(`t${target.tensorId}`, `f${e.gradFnId}`, 0));
        // The leaf as this op read it (nn.Linear's weight is zeros until its init writes it).
        const d = leaf?.versions[versionAt(leaf, op.seq)]?.data;
        if (d) changes.push({id: `t${target.tensorId}`, value: shown(d)});
      }
    });
    if (out) {
      const tid = `t${out.id}`;
      revealNodes.push(tid);
      linkIds.push(linkId(fid, tid, 0));
      if (data) changes.push({id: tid, value: shown(data)});
    }
  }
  // An op on a `.grad` (`w.grad.zero_()`) changes what the leaf's box shows as its grad.
  for (const id of op.outputs) {
    const owner = ctx.gradOwner.get(id);
    const t = ctx.tensors.get(id);
    const d = t?.versions[versionAt(t, op.seq + 1)]?.data;
    if (owner === undefined || !d) continue;
    changes.push({
      id: ctx.dataflow ? ctx.tensorNode(owner, op.seq) : `t${owner}`,
      grad: shown(d),
      gradStored: true,
    });
  }
  const label = opLabel(op);
  const outputs = op.outputs.length > 1 && !op.inPlace ? forwardOutputs(ctx, op) : undefined;
  const inside = inGradientGraph(op) ? backwardOfOp(ctx, op) : null;
  const narration = narrateForward({
    ...(outputs ? {outputs} : {}),
    code: inside?.code ?? (op.op === 't' ? ctx.opCode(op) : ctx.code(op.span, label)),
    out: out ? ctx.name(out.id) : '?',
    value: quantity(data),
    each: eachElement(data),
    named: (out?.names.length ?? 0) > 0,
    shape: out ? sizeText(out.shape) : '',
    gradFn: op.gradFnName,
    factory: !drawsOpNode(op),
    inPlace: op.inPlace,
    noGrad: !op.gradEnabled,
    detach: op.op === 'detach' || op.op === 'detach_',
    requiresGrad: out?.requiresGrad ?? false,
  });
  const keptNodes = ctx.keepNodes(nodeIds);
  const keptLinks = ctx.keepLinks(linkIds);
  return {
    // An op a create_graph backward ran is a step of that pass (the gradient's graph growing).
    phase: inside ? 'backward' : 'forward',
    kind: 'op',
    label,
    pass: inside ? inside.pass : iteration,
    nodeIds: keptNodes,
    linkIds: keptLinks,
    span: op.span,
    narration: inside
      ? {en: inside.intro.en + narration.en, zh: inside.intro.zh + narration.zh}
      : narration,
    seq: op.seq,
    reveal: {nodeIds: ctx.keepNodes([...revealNodes, ...keptNodes]), linkIds: keptLinks},
    changes: ctx.keepChanges(changes),
  };
}

/**
 * For an op a create_graph backward ran: its pass, and the grad_fn whose backward ran it (the
 * pass's next engine step), said first in its narration.
 */
function backwardOfOp(ctx: Context, op: OpRecord & {pass: number}) {
  const step = ctx.trace.backwardPasses[op.pass]?.steps.find((s) => s.seq > op.seq);
  const fn = step ? ctx.fns.get(step.gradFnId) : undefined;
  return {
    pass: op.pass,
    intro: narrateGradientOp(fn?.name ?? null, fn?.function !== undefined),
    code: ctx.opCode(op),
  };
}

/** The fields of the named tuples PyTorch returns (`torch.max(x, 1).values`), by op. */
const TUPLE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  max: ['values', 'indices'],
  min: ['values', 'indices'],
  sort: ['values', 'indices'],
  topk: ['values', 'indices'],
  kthvalue: ['values', 'indices'],
  median: ['values', 'indices'],
  mode: ['values', 'indices'],
  cummax: ['values', 'indices'],
  cummin: ['values', 'indices'],
  aminmax: ['min', 'max'],
};

/** Each result of an op with several (`a, b = x.split(2)`, `v, i = x.max(1)`), as narration names them. */
function forwardOutputs(ctx: Context, op: OpRecord): ForwardFacts['outputs'] {
  const shared = op.outputs.filter((id) => ctx.tensors.get(id)?.gradFnId === op.gradFnId);
  const named = op.outputs.every((id) => (ctx.tensors.get(id)?.names.length ?? 0) > 0);
  // An op whose extra results the script never sees (max_pool2d's indices) reads as one result.
  if (!(op.op in TUPLE_FIELDS) && shared.length < 2 && !named) return undefined;
  return op.outputs.map((id, k) => {
    const t = ctx.tensors.get(id);
    const field = TUPLE_FIELDS[op.op]?.[k];
    const name = t && t.names.length === 0 && field !== undefined ? field : ctx.name(id);
    const data = t?.versions[0]?.data ?? null;
    return {name, value: quantity(data), gradFn: t?.gradFnId !== null && t?.gradFnId !== undefined};
  });
}

/** `.grad` values leaves already hold when the iteration starts (from earlier passes). */
function heldGrads(ctx: Context): StepChange[] {
  const from = ctx.iteration.from;
  // A windowed trace says what was held (the passes before may be forgotten).
  const held = ctx.trace.iterations?.[ctx.iteration.index]?.held;
  if (held !== undefined) {
    return ctx.keepChanges(
      held.map((h) => {
        // The program may have changed .grad since (`w.grad.zero_()`): its latest version counts.
        const versions = ctx.tensors.get(h.gradId)?.versions.filter((v) => v.seq <= from) ?? [];
        return {
          id: ctx.dataflow ? ctx.tensorNode(h.tensorId, from + 1) : `t${h.tensorId}`,
          grad: shown(versions.at(-1)?.data ?? h.data),
          gradStored: true,
        };
      }),
    );
  }
  const last = new Map<number, Accumulation>();
  for (const pass of ctx.trace.backwardPasses) {
    for (const a of pass.accumulations) if (a.seq <= from) last.set(a.tensorId, a);
  }
  const out: StepChange[] = [];
  for (const [tensorId, acc] of last) {
    // The program may have changed .grad since (`w.grad.zero_()`): its latest version counts.
    const gradTensor = ctx.tensors.get(acc.gradId);
    const versions = gradTensor?.versions.filter((v) => v.seq <= from) ?? [];
    const data = versions.at(-1)?.data ?? acc.after;
    const id = ctx.dataflow ? ctx.tensorNode(tensorId, from + 1) : `t${tensorId}`;
    out.push({id, grad: shown(data), gradStored: true});
  }
  return ctx.keepChanges(out);
}

/** Which iteration (of `spans`, in order) a seq falls in; the last for anything after. */
function iterationAt(spans: readonly {endSeq: number}[], seq: number, from: number): number {
  let i = from;
  while (i < spans.length - 1 && seq >= (spans[i]?.endSeq ?? Infinity)) i++;
  return i;
}

/** Where each iteration and each backward pass starts among the steps (the whole run's timeline). */
function marksOf(ctx: Context, steps: readonly Draft[]): TimelineMark[] {
  const marks: TimelineMark[] = [];
  const spans = iterationSpans(ctx.trace);
  let iteration = -1;
  steps.forEach((s, step) => {
    const seq = s.seq ?? 0;
    const at = spans.length === 0 ? 0 : iterationAt(spans, seq, Math.max(0, iteration));
    if (spans.length > 1 && at !== iteration) {
      iteration = at;
      marks.push({kind: 'iteration', index: at, step, label: `${at + 1}`});
    }
    if (s.kind === 'seed') {
      const pass = ctx.trace.backwardPasses[s.pass];
      const code = pass ? ctx.code(pass.span, 'backward()') : 'backward()';
      marks.push({kind: 'pass', index: s.pass, step, label: code});
    }
  });
  return marks;
}

/**
 * The one step of a graph recorded after it was built (no op ran under the recorder: the
 * exporter's `from_output`, like torchviz's `make_dot`): the whole graph, as PyTorch built it.
 */
function builtGraphStep(graph: Graph): Draft {
  const nodeIds = graph.nodes.map((n) => n.id);
  const linkIds = graph.links.map((l) => l.id);
  const fns = graph.nodes.filter((n) => n.kind === 'gradfn' || n.kind === 'accumulate').length;
  return {
    phase: 'forward',
    pass: 0,
    nodeIds,
    linkIds,
    span: null,
    kind: 'group',
    label: 'graph',
    reveal: {nodeIds, linkIds},
    narration: {
      en: `The graph as PyTorch built it: ${fns} autograd nodes, recorded after the code ran (its ops and values were not recorded).`,
      zh: `PyTorch 构建好的计算图：${fns} 个 autograd 节点，在代码运行之后记录（没有记录其运算和数值）。`,
    },
  };
}

/** Builds the timeline of a graph (one iteration of the trace, or the whole run). */
export function buildTimeline(trace: Trace, graph: Graph): Timeline {
  const iteration = graph.whole ? wholeRun(trace) : iterationOf(trace, graph.iteration?.index ?? 0);
  const ctx = new Context(trace, graph, iteration);
  const spans = iterationSpans(trace);
  let at = 0;
  const drafts: Draft[] = iteration.opIndices.map((i) => {
    const op = trace.ops[i] as OpRecord;
    if (iteration.whole) at = iterationAt(spans, op.seq, at);
    return forwardStep(ctx, op, iteration.whole ? at : iteration.index);
  });
  for (const pass of iteration.passes) drafts.push(...backwardSteps(ctx, pass));
  drafts.push(...figureSteps(ctx, iteration));
  if (drafts.length === 0 && trace.ops.length === 0 && graph.nodes.length > 0) {
    drafts.push(builtGraphStep(graph));
  }
  // In the order they ran: what ran after a pass comes after its steps.
  drafts.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  // An optimizer's step() or zero_grad() is one step, whatever it ran inside.
  const ordered = mergeOptimizerCalls(ctx, withModuleHooks(ctx, drafts));
  const held = heldGrads(ctx);
  if (held.length > 0 && ordered[0])
    ordered[0] = {...ordered[0], changes: [...held, ...(ordered[0].changes ?? [])]};
  const steps = mergeCollapsed(ctx, ordered);
  return {
    graph,
    steps: steps.map((d, index) => ({index, ...d})),
    ...(iteration.whole ? {marks: marksOf(ctx, steps)} : {}),
    prints: trace.prints
      .filter((p) => p.seq <= iteration.to)
      .map((p) => ({seq: p.seq, text: p.text})),
  };
}
