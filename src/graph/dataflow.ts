/**
 * The dataflow view: tensors as boxes (name, shape, values, later grad), ops as small round nodes
 * labelled with the operation. An in-place change makes a new box for the tensor's next version,
 * so the picture stays a DAG (`p` → `−=` → `p′`).
 */
import type {OpRecord, TensorRecord, Trace} from '../trace/schema.js';
import {displayTensor} from './display.js';
import type {Iteration} from './iterations.js';
import {opLabel} from './labels.js';
import type {Graph, GraphLink, GraphNode, TensorRole} from './model.js';
import {boxSize, opSize} from './size.js';
import {
  gradTexts,
  shapeText,
  sourceText,
  tensorIndex,
  tensorLabel,
  tensorNodeId,
  versionAt,
} from './tensors.js';

/** When a tensor's version came to be: its record's seq for the first, the version's own after. */
export function versionSeq(t: TensorRecord, version: number): number {
  return version === 0
    ? Math.min(t.seq, t.versions[0]?.seq ?? t.seq)
    : (t.versions[version]?.seq ?? t.seq);
}

/** Whether an op is drawn as a node: factories (no tensor inputs, not in place) are just their tensor. */
export function drawsOpNode(op: OpRecord): boolean {
  return op.inputs.length > 0 || op.inPlace;
}

/** The role of a tensor in one iteration. */
export function tensorRole(t: TensorRecord, roots: ReadonlySet<number>): TensorRole {
  if (t.detached || !t.gradMode) return 'detached';
  if (roots.has(t.id)) return 'output';
  if (!t.isLeaf) return 'intermediate';
  return t.requiresGrad ? 'leaf' : 'constant';
}

/** Builds the dataflow graph of one iteration of a trace. */
export function buildDataflow(trace: Trace, iteration: Iteration): Graph {
  const tensors = tensorIndex(trace);
  const roots = new Set(iteration.passes.flatMap((p) => p.roots));
  const grads = gradTexts(trace);
  const nodes: GraphNode[] = [];
  const links: GraphLink[] = [];
  const have = new Set<string>();

  const addTensor = (t: TensorRecord, version: number, fallbackLabel: string): string => {
    const id = tensorNodeId(t.id, version);
    if (have.has(id)) return id;
    have.add(id);
    const v = t.versions[version] ?? t.versions[0];
    // PyTorch's version counter when the trace has it: a window or a rerun keeps only some versions.
    const label = tensorLabel(t, v?.counter ?? version, fallbackLabel);
    const sublabel = shapeText(t.shape, t.dtype);
    const value = v ? displayTensor(v.data).text : '';
    const grad = grads.get(t.id) ?? '';
    nodes.push({
      id,
      kind: 'tensor',
      label,
      sublabel,
      role: tensorRole(t, roots),
      ...boxSize([label, sublabel, value, grad]),
      tensorId: t.id,
      version,
      span: t.span,
    });
    return id;
  };

  for (const index of iteration.opIndices) {
    const op = trace.ops[index] as OpRecord;
    const expr = sourceText(trace.source, op.span);
    if (!drawsOpNode(op)) {
      for (const out of op.outputs) {
        const t = tensors.get(out);
        if (t) addTensor(t, 0, expr);
      }
      continue;
    }
    const opId = `o${op.index}`;
    const label = opLabel(op);
    const outside = !op.gradEnabled || op.op === 'detach' || op.op === 'detach_';
    nodes.push({
      id: opId,
      kind: 'op',
      label,
      ...(outside ? {role: 'detached' as const} : {}),
      ...opSize(label),
      opIndex: op.index,
      ...(op.gradFnId !== null ? {gradFnId: op.gradFnId} : {}),
      span: op.span,
    });
    have.add(opId);
    // Links only run forward in time (an input older than the op, an output no older), so the
    // picture is a DAG even for a trace that claims otherwise; an op that returns an existing
    // tensor unchanged (`x.float()` on a float) simply has no output link.
    op.inputs.forEach((tid, slot) => {
      const t = tensors.get(tid);
      if (!t) return;
      const version = versionAt(t, op.seq);
      if (versionSeq(t, version) >= op.seq) return;
      const source = addTensor(t, version, '');
      links.push({id: `${source}>${opId}#${slot}`, source, target: opId, slot});
    });
    op.outputs.forEach((tid, slot) => {
      const t = tensors.get(tid);
      if (!t) return;
      const version = op.inPlace ? versionAt(t, op.seq + 1) : 0;
      if (versionSeq(t, version) < op.seq) return;
      const target = addTensor(t, version, expr);
      links.push({id: `${opId}>${target}#${slot}`, source: opId, target, slot});
    });
  }

  for (const pass of iteration.passes) {
    pass.roots.forEach((rid, i) => {
      const t = tensors.get(rid);
      const seed = pass.seeds[i];
      if (!t || !seed) return;
      const source = addTensor(t, versionAt(t, pass.seq), '');
      const id = pass.roots.length === 1 ? `s${pass.index}` : `s${pass.index}.${i}`;
      const value = displayTensor(seed).text;
      nodes.push({
        id,
        kind: 'seed',
        label: 'seed',
        sublabel: shapeText(seed.shape, seed.dtype),
        ...boxSize(['seed', value]),
      });
      links.push({id: `${source}>${id}#0`, source, target: id, slot: 0});
    });
  }

  return {
    view: 'dataflow',
    nodes,
    links,
    ...(iteration.count > 1 ? {iteration: {index: iteration.index, count: iteration.count}} : {}),
  };
}
