/**
 * Where a hook acts in each view: a tensor's `register_hook` (and a grad_fn's pre-hook) acts on
 * the gradient of the tensor it is registered on (in the dataflow view that tensor's box, in the
 * autograd view its grad_fn, or a leaf's AccumulateGrad); a grad_fn's `register_hook` (a module's
 * backward hook is one) acts on what the node sends on (the op in the dataflow view, the grad_fn
 * in the autograd view). The graph marks these nodes; the timeline shows the gradient before and
 * after at the step where the hook ran. A module's forward pre-hook and forward hook act on the
 * input and the output of its forward, and mark its group too.
 */
import type {
  GradFnRecord,
  GroupRecord,
  HookRecord,
  ModuleHookRecord,
  OpRecord,
  TensorRecord,
  Trace,
} from '../trace/schema.js';
import type {Graph, GraphNode} from './model.js';
import {tensorIndex, tensorNodeId, versionAt} from './tensors.js';

/** What finding a hook's node needs from the trace. */
export interface HookLookup {
  readonly tensors: ReadonlyMap<number, TensorRecord>;
  readonly dataflow: boolean;
  /** The op behind a grad_fn (null for AccumulateGrad and nodes no recorded op made). */
  opOf(fn: GradFnRecord): OpRecord | null;
}

/** The graph node id where `hook`, run at `fn`'s engine step in a pass at `passSeq`, acts. */
export function hookSite(
  lookup: HookLookup,
  fn: GradFnRecord,
  hook: Pick<HookRecord, 'kind' | 'slot'>,
  passSeq: number,
): string | null {
  if (!lookup.dataflow) return `f${fn.id}`;
  const op = lookup.opOf(fn);
  if (hook.kind === 'post') return op ? `o${op.index}` : null;
  const tensorId =
    fn.name === 'AccumulateGrad' ? fn.tensorId : (op?.outputs[hook.slot] ?? fn.tensorId);
  const t = tensorId === null ? undefined : lookup.tensors.get(tensorId);
  if (!t) return null;
  // The tensor as the op made it (a later in-place change is another box).
  return tensorNodeId(t.id, versionAt(t, op ? op.seq + 1 : passSeq));
}

/**
 * The graph with each node where a hook acted in any of the trace's passes marked with its names
 * (a collapsed group, such as a module's, with those of the nodes it stands for).
 */
export function markHooks(trace: Trace, graph: Graph): Graph {
  const passes = trace.backwardPasses.filter((p) => p.steps.some((s) => s.hooks?.length));
  const hooked = (trace.groups ?? []).filter((g) => g.hooks?.length);
  if (passes.length === 0 && hooked.length === 0) return graph;
  const fns = new Map(trace.gradFns.map((f) => [f.id, f]));
  const opOfFn = new Map<number, OpRecord>();
  for (const op of trace.ops)
    if (op.gradFnId !== null && !opOfFn.has(op.gradFnId)) opOfFn.set(op.gradFnId, op);
  const lookup: HookLookup = {
    tensors: tensorIndex(trace),
    dataflow: graph.view === 'dataflow',
    opOf: (fn) =>
      (fn.opIndex !== null ? trace.ops[fn.opIndex] : undefined) ?? opOfFn.get(fn.id) ?? null,
  };
  const names = new Map<string, string[]>();
  for (const pass of passes) {
    for (const step of pass.steps) {
      const fn = fns.get(step.gradFnId);
      if (!fn) continue;
      for (const h of step.hooks ?? []) {
        const id = hookSite(lookup, fn, h, pass.seq);
        if (id === null) continue;
        const list = names.get(id) ?? [];
        const title = h.via === undefined ? h.name : `${h.name} (${h.via})`;
        if (!list.includes(title)) list.push(title);
        names.set(id, list);
      }
    }
  }
  // A module's forward hooks: at what they see, inside the module's group.
  const groupHooks = new Map<number, string[]>();
  for (const group of hooked) {
    for (const h of group.hooks ?? []) {
      const title = `${h.name} (${h.via})`;
      const at = groupHooks.get(group.startSeq) ?? [];
      if (!at.includes(title)) at.push(title);
      groupHooks.set(group.startSeq, at);
      const id = moduleHookSite(trace, lookup, group, h);
      if (id === null) continue;
      const list = names.get(id) ?? [];
      if (!list.includes(title)) list.push(title);
      names.set(id, list);
    }
  }
  const nodes = graph.nodes.map((n): GraphNode => {
    const list = n.members
      ? [...new Set(n.members.flatMap((m) => names.get(m) ?? []))]
      : names.get(n.id);
    return list?.length ? {...n, hooks: list} : n;
  });
  const groups = graph.groups?.map((g) => {
    const list =
      g.kind === 'module' && g.startSeq !== undefined ? groupHooks.get(g.startSeq) : undefined;
    return list ? {...g, hooks: list} : g;
  });
  return {...graph, nodes, ...(groups ? {groups} : {})};
}

/**
 * The graph node where a module's forward hook acts: a pre-hook on the input of the first op of
 * the forward it precedes (that op, in the dataflow view; its grad_fn in the autograd view), a
 * forward hook on the output of the last op before it (that tensor's box; its grad_fn).
 */
export function moduleHookSite(
  trace: Trace,
  lookup: HookLookup,
  group: GroupRecord,
  hook: ModuleHookRecord,
): string | null {
  const inside = trace.ops.filter((o) => o.seq > group.startSeq && o.seq < group.endSeq);
  const op =
    hook.kind === 'forward_pre'
      ? inside.find((o) => o.seq > hook.seq)
      : inside.findLast((o) => o.seq < hook.seq);
  if (op === undefined) return null;
  if (!lookup.dataflow) return op.gradFnId === null ? null : `f${op.gradFnId}`;
  if (hook.kind === 'forward_pre') return `o${op.index}`;
  const out = lookup.tensors.get(op.outputs[0] ?? -1);
  return out ? tensorNodeId(out.id, versionAt(out, op.seq + 1)) : null;
}
