/**
 * The autograd view: the graph PyTorch builds, drawn as torchviz draws it. grad_fn nodes carry
 * PyTorch's exact names, each leaf that requires grad hangs off its AccumulateGrad node, links
 * follow `next_functions` (from the next function to the node that feeds it), and `(None, 0)`
 * entries are left out. The root tensor sits after its grad_fn; the seed after the root.
 */
import type {GradFnRecord, TensorRecord, Trace} from '../trace/schema.js';
import {displayTensor} from './display.js';
import type {Iteration} from './iterations.js';
import type {Graph, GraphLink, GraphNode} from './model.js';
import {tensorRole} from './dataflow.js';
import {boxSize} from './size.js';
import {
  firstData,
  gradTexts,
  shapeText,
  sizeText,
  sourceText,
  tensorIndex,
  tensorLabel,
} from './tensors.js';

/**
 * The grad_fns an iteration starts from: its pass's roots and what make_dot drew, else the unused
 * outputs of its ops.
 */
function startingPoints(trace: Trace, iteration: Iteration): number[] {
  const tensors = tensorIndex(trace);
  if (iteration.passes.length > 0) {
    const drawn = (trace.figures ?? []).filter(
      (f) => f.seq > iteration.from && f.seq <= iteration.to,
    );
    return [...iteration.passes.flatMap((p) => p.roots), ...drawn.flatMap((f) => f.roots)].flatMap(
      (id) => {
        const fn = tensors.get(id)?.gradFnId;
        return fn === null || fn === undefined ? [] : [fn];
      },
    );
  }
  const used = new Set<number>();
  const made: number[] = [];
  for (const i of iteration.opIndices) {
    const op = trace.ops[i];
    if (!op) continue;
    for (const t of op.inputs) used.add(t);
    for (const t of op.outputs) made.push(t);
  }
  const out: number[] = [];
  for (const id of made) {
    const fn = tensors.get(id)?.gradFnId;
    if (!used.has(id) && fn !== null && fn !== undefined && !out.includes(fn)) out.push(fn);
  }
  if (made.length === 0 && trace.ops.length === 0) return builtRoots(trace);
  return out;
}

/**
 * The roots of a graph recorded after it was built (no ops ran under the recorder, as with the
 * exporter's `from_output`, torchviz's `make_dot`): the grad_fns of its tensors that no other
 * grad_fn feeds.
 */
function builtRoots(trace: Trace): number[] {
  const fed = new Set<number>();
  for (const f of trace.gradFns) for (const e of f.next) if (e !== null) fed.add(e.gradFnId);
  const out: number[] = [];
  for (const t of trace.tensors) {
    const fn = t.gradFnId;
    if (fn !== null && !fed.has(fn) && !out.includes(fn)) out.push(fn);
  }
  return out;
}

/**
 * The longest text of a tensor's values over its versions: a leaf's box is sized for every value
 * it will show (a module's weight is zeros until its init writes it in place).
 */
function widestValue(t: TensorRecord): string {
  let widest = '';
  for (const v of t.versions) {
    const text = displayTensor(v.data).text;
    if (text.length > widest.length) widest = text;
  }
  return widest;
}

/** Builds the autograd (grad_fn) graph of one iteration of a trace. */
export function buildAutogradView(trace: Trace, iteration: Iteration): Graph {
  const tensors = tensorIndex(trace);
  const fns = new Map(trace.gradFns.map((f) => [f.id, f]));
  const grads = gradTexts(trace);
  const roots = new Set(iteration.passes.flatMap((p) => p.roots));
  const nodes: GraphNode[] = [];
  const links: GraphLink[] = [];

  // Every grad_fn reachable from the starting points, in the order first reached.
  const order: GradFnRecord[] = [];
  const seen = new Set<number>();
  const stack = startingPoints(trace, iteration).reverse();
  while (stack.length > 0) {
    const id = stack.pop() as number;
    const fn = fns.get(id);
    if (seen.has(id) || !fn) continue;
    seen.add(id);
    order.push(fn);
    for (let i = fn.next.length - 1; i >= 0; i--) {
      const e = fn.next[i];
      if (e) stack.push(e.gradFnId);
    }
  }

  for (const fn of order) {
    const isAccumulate = fn.name === 'AccumulateGrad';
    nodes.push({
      id: `f${fn.id}`,
      kind: isAccumulate ? 'accumulate' : 'gradfn',
      label: fn.name,
      ...boxSize([fn.name]),
      gradFnId: fn.id,
      ...(fn.opIndex !== null
        ? {opIndex: fn.opIndex, span: trace.ops[fn.opIndex]?.span ?? null}
        : {}),
    });
    fn.next.forEach((e, slot) => {
      if (e === null || !seen.has(e.gradFnId)) return;
      links.push({
        id: `f${e.gradFnId}>f${fn.id}#${slot}`,
        source: `f${e.gradFnId}`,
        target: `f${fn.id}`,
        slot,
      });
    });
    if (isAccumulate && fn.tensorId !== null) {
      const t = tensors.get(fn.tensorId);
      if (t) {
        const label = tensorLabel(t, 0, '');
        const sublabel = sizeText(t.shape);
        nodes.push({
          id: `t${t.id}`,
          kind: 'tensor',
          label,
          sublabel,
          role: tensorRole(t, roots),
          ...boxSize([label, sublabel, widestValue(t), grads.get(t.id) ?? '']),
          tensorId: t.id,
          version: 0,
          span: t.span,
        });
        links.push({id: `t${t.id}>f${fn.id}#0`, source: `t${t.id}`, target: `f${fn.id}`, slot: 0});
      }
    }
  }

  // A root drawn for an earlier pass (backward twice with retain_graph) gets one more seed.
  const drawnRoots = new Set<string>();
  for (const pass of iteration.passes) {
    pass.roots.forEach((rid, i) => {
      const t = tensors.get(rid);
      const seed = pass.seeds[i];
      if (!t || !seed || t.gradFnId === null || !seen.has(t.gradFnId)) return;
      const id = `t${t.id}`;
      // A root that is also a leaf of its own graph could only come from a forged trace.
      if (!drawnRoots.has(id) && nodes.some((n) => n.id === id)) return;
      if (!drawnRoots.has(id)) {
        drawnRoots.add(id);
        const label = tensorLabel(t, 0, sourceText(trace.source, t.span));
        const sublabel = sizeText(t.shape);
        const value = displayTensor(firstData(t)).text;
        nodes.push({
          id,
          kind: 'tensor',
          label,
          sublabel,
          role: 'output',
          ...boxSize([label, sublabel, value]),
          tensorId: t.id,
          version: 0,
          span: t.span,
        });
        links.push({id: `f${t.gradFnId}>${id}#0`, source: `f${t.gradFnId}`, target: id, slot: 0});
      }
      const seedId = pass.roots.length === 1 ? `s${pass.index}` : `s${pass.index}.${i}`;
      const value = displayTensor(seed).text;
      nodes.push({
        id: seedId,
        kind: 'seed',
        label: 'seed',
        sublabel: shapeText(seed.shape, seed.dtype),
        ...boxSize(['seed', value]),
      });
      links.push({id: `${id}>${seedId}#0`, source: id, target: seedId, slot: 0});
    });
  }

  return {
    view: 'autograd',
    nodes,
    links,
    ...(iteration.count > 1 ? {iteration: {index: iteration.index, count: iteration.count}} : {}),
  };
}
