/**
 * Groups for big graphs: repeated structure collapses into one `group` node. A statement group is
 * what one statement computed on its way to a named result: `act = sum(wi*xi for …) + b` inside a
 * neuron is a few dozen ops and unnamed intermediates, and one box (`act = sum(…)`) once
 * collapsed. Statement groups never nest and contain no named tensor. Span groups (span-groups.ts)
 * are the run's function calls, module calls and loop iterations; they nest, and a collapsed one
 * stands for everything inside it. Collapsing keeps the graph a DAG.
 */
import type {OpRecord, TensorRecord, Trace} from '../trace/schema.js';
import type {Graph, GraphGroup, GraphLink, GraphNode} from './model.js';
import {boxSize} from './size.js';
import {findSpanGroups} from './span-groups.js';
import {sourceLines, sourceText} from './tensors.js';

/** Fewest nodes worth collapsing into a group. */
const MIN_MEMBERS = 3;

/** Runs of ops in program order, each ending at an op whose result got a script name. */
function statementRuns(trace: Trace, opIndices: ReadonlySet<number>): OpRecord[][] {
  const named = new Set(trace.tensors.filter((t) => t.names.length > 0).map((t) => t.id));
  const runs: OpRecord[][] = [];
  let run: OpRecord[] = [];
  for (const op of trace.ops) {
    if (!opIndices.has(op.index)) continue;
    run.push(op);
    if (op.outputs.some((id) => named.has(id))) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * The groups of a graph: its span groups (outermost first), then per statement run its op nodes
 * and the unnamed tensors they made.
 */
export function findGroups(trace: Trace, graph: Graph): GraphGroup[] {
  return [...findSpanGroups(trace, graph), ...statementGroups(trace, graph)];
}

/** Per statement run, its op nodes and the unnamed tensors they made. */
function statementGroups(trace: Trace, graph: Graph): GraphGroup[] {
  const byOp = new Map<number, GraphNode[]>();
  const opIndices = new Set<number>();
  const named = new Set(trace.tensors.filter((t) => t.names.length > 0).map((t) => t.id));
  for (const n of graph.nodes) {
    if (n.opIndex === undefined) continue;
    opIndices.add(n.opIndex);
    const list = byOp.get(n.opIndex);
    if (list) list.push(n);
    else byOp.set(n.opIndex, [n]);
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const producedBy = new Map<string, number>();
  for (const l of graph.links) {
    const src = byId.get(l.source);
    if (src?.kind === 'op' && src.opIndex !== undefined) producedBy.set(l.target, src.opIndex);
  }
  // Unnamed tensors by the op that made them.
  const madeBy = new Map<number, GraphNode[]>();
  for (const [nodeId, opIndex] of producedBy) {
    const n = byId.get(nodeId);
    if (n?.kind === 'tensor' && !(n.tensorId !== undefined && named.has(n.tensorId))) {
      const list = madeBy.get(opIndex);
      if (list) list.push(n);
      else madeBy.set(opIndex, [n]);
    }
  }
  const order = new Map<number, number>();
  trace.tensors.forEach((t, i) => {
    if (!order.has(t.id)) order.set(t.id, i);
  });
  const groups: GraphGroup[] = [];
  for (const run of statementRuns(trace, opIndices)) {
    const members = new Set<string>();
    const last = run[run.length - 1] as OpRecord;
    for (const op of run) {
      for (const n of byOp.get(op.index) ?? []) {
        const isNamedTensor =
          n.kind === 'tensor' && n.tensorId !== undefined && named.has(n.tensorId);
        // The run's result stays outside the group, so the group reads as "how it was computed".
        const isResult = op === last && n.kind !== 'op';
        if (!isNamedTensor && !isResult) members.add(n.id);
      }
      if (op !== last) for (const n of madeBy.get(op.index) ?? []) members.add(n.id);
    }
    if (members.size < MIN_MEMBERS) continue;
    // The first of the last op's outputs in trace order (looked up, not a scan per group).
    let target: TensorRecord | undefined;
    for (const id of last.outputs) {
      const at = order.get(id);
      if (at !== undefined && (target === undefined || at < (order.get(target.id) ?? 0)))
        target = trace.tensors[at];
    }
    const line = last.span
      ? ((trace.source === null
          ? undefined
          : sourceLines(trace.source)[last.span.line - 1]
        )?.trim() ?? '')
      : '';
    const text =
      sourceText(trace.source, last.span, 28) ||
      (line.length <= 28 ? line : `${line.slice(0, 27)}…`);
    const label = target?.names[0]
      ? `${target.names[0]} = ${text || '…'}`
      : text || `ops ${run[0]?.index}–${last.index}`;
    groups.push({id: `g${groups.length}`, label, nodeIds: [...members]});
  }
  return groups;
}

/**
 * The graph with the given groups collapsed: each becomes one `group` node, links merged. A
 * group inside a collapsed one is collapsed with it; a statement group that a collapsed span
 * group cuts in two stays open.
 */
export function collapseGroups(graph: Graph, ids: readonly string[]): Graph {
  const wanted = new Set(ids);
  // Outermost first: span groups are listed so, and they come before statement groups.
  const asked = (graph.groups ?? []).filter((g) => wanted.has(g.id));
  const rep = new Map<string, string>();
  const groups: GraphGroup[] = [];
  for (const g of asked) {
    const taken = g.nodeIds.filter((m) => rep.has(m)).length;
    if (taken === g.nodeIds.length) continue;
    if (taken > 0 && (g.kind ?? 'statement') === 'statement') continue;
    for (const m of g.nodeIds) if (!rep.has(m)) rep.set(m, g.id);
    groups.push(g);
  }
  const byId = new Map(groups.map((g) => [g.id, g]));
  const nodes: GraphNode[] = [];
  const placed = new Set<string>();
  for (const n of graph.nodes) {
    const gid = rep.get(n.id);
    if (gid === undefined) {
      nodes.push(n);
      continue;
    }
    if (placed.has(gid)) continue;
    placed.add(gid);
    const g = byId.get(gid) as GraphGroup;
    const count = g.nodeIds.filter((m) => rep.get(m) === gid).length;
    const sublabel = `${count} nodes`;
    nodes.push({
      id: gid,
      kind: 'group',
      label: g.label,
      sublabel,
      ...boxSize([g.label, sublabel]),
      members: g.nodeIds.filter((m) => rep.get(m) === gid),
      ...(g.span ? {span: g.span} : {}),
    });
  }
  const merged = new Map<string, {source: string; target: string; members: string[]}>();
  const links: GraphLink[] = [];
  for (const l of graph.links) {
    const source = rep.get(l.source) ?? l.source;
    const target = rep.get(l.target) ?? l.target;
    if (source === l.source && target === l.target) {
      links.push(l);
      continue;
    }
    if (source === target) continue;
    const key = `${source}>${target}`;
    const m = merged.get(key);
    if (m) m.members.push(l.id);
    else merged.set(key, {source, target, members: [l.id]});
  }
  for (const [key, m] of merged)
    links.push({id: `${key}#g`, source: m.source, target: m.target, members: m.members});
  return {...graph, nodes, links, collapsed: groups.map((g) => g.id)};
}

/** Annotates a graph with its groups (each node's `groupId`, the graph's `groups`), collapsing none. */
export function annotateGroups(trace: Trace, graph: Graph): Graph {
  const groups = findGroups(trace, graph);
  if (groups.length === 0) return graph;
  // Each node's innermost group: groups come outermost first, statement groups last.
  const member = new Map<string, string>();
  for (const g of groups) for (const m of g.nodeIds) member.set(m, g.id);
  const annotated: Graph = {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const gid = member.get(n.id);
      return gid === undefined ? n : {...n, groupId: gid};
    }),
    groups,
  };
  return annotated;
}
