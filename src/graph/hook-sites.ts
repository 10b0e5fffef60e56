/**
 * Where a hook acts in each view: a tensor's `register_hook` (and a grad_fn's pre-hook) acts on
 * the gradient of the tensor it is registered on (in the dataflow view that tensor's box, in the
 * autograd view its grad_fn, or a leaf's AccumulateGrad); a grad_fn's `register_hook` (a module's
 * backward hook is one) acts on what the node sends on (the op in the dataflow view, the grad_fn
 * in the autograd view). The graph marks these nodes; the timeline shows the gradient before and
 * after at the step where the hook ran.
 */
import type {GradFnRecord, HookRecord, OpRecord, TensorRecord, Trace} from '../trace/schema.js';
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
  if (passes.length === 0) return graph;
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
  const nodes = graph.nodes.map((n): GraphNode => {
    const list = n.members
      ? [...new Set(n.members.flatMap((m) => names.get(m) ?? []))]
      : names.get(n.id);
    return list?.length ? {...n, hooks: list} : n;
  });
  return {...graph, nodes};
}
