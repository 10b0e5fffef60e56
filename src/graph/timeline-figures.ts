/**
 * The step where the script drew its graph with torchviz's `make_dot`: the picture lights the
 * graph make_dot would have drawn (every node the roots' grad_fns reach), so a page or notebook
 * can open the interactive picture at that point instead of torchviz's static one.
 */
import type {FigureRecord} from '../trace/schema.js';
import type {Iteration} from './iterations.js';
import type {Localized, Step, Timeline} from './model.js';
import type {Context, Draft} from './timeline-context.js';
import {tensorNodeId} from './tensors.js';

/** The graph nodes of everything the roots' grad_fns reach, in this view. */
function reached(ctx: Context, roots: readonly number[]): {nodes: string[]; fns: number} {
  const nodes: string[] = [];
  const seen = new Set<number>();
  const stack: number[] = [];
  for (const id of roots) {
    nodes.push(tensorNodeId(id, 0), `t${id}`);
    const fn = ctx.tensors.get(id)?.gradFnId;
    if (fn !== null && fn !== undefined) stack.push(fn);
  }
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (seen.has(id)) continue;
    seen.add(id);
    const fn = ctx.fns.get(id);
    if (!fn) continue;
    nodes.push(`f${id}`);
    if (fn.tensorId !== null) nodes.push(`t${fn.tensorId}`, tensorNodeId(fn.tensorId, 0));
    const op = ctx.opOf(fn);
    if (op) nodes.push(`o${op.index}`, ...op.outputs.map((t) => tensorNodeId(t, 0)));
    for (const e of fn.next) if (e !== null) stack.push(e.gradFnId);
  }
  return {nodes, fns: seen.size};
}

function narrate(code: string, roots: string, fns: number): Localized {
  return {
    en: `${code}: torchviz's make_dot draws the autograd graph of ${roots} here: this is that graph (${fns} autograd nodes), to step through and inspect.`,
    zh: `${code}：torchviz 的 make_dot 在这里画出 ${roots} 的 autograd 计算图：就是这张图（${fns} 个 autograd 节点），可以逐步查看和检查。`,
  };
}

/** The steps of the `make_dot` calls this picture's stretch of the run made. */
export function figureSteps(ctx: Context, iteration: Iteration): Draft[] {
  const figures: readonly FigureRecord[] = ctx.trace.figures ?? [];
  return figures
    .filter((f) => f.seq > iteration.from && f.seq <= iteration.to)
    .map((f) => {
      const {nodes, fns} = reached(ctx, f.roots);
      const nodeIds = ctx.keepNodes(nodes);
      const roots = f.roots.map((id) => ctx.name(id)).join(', ');
      return {
        phase: 'forward',
        pass: 0,
        kind: 'figure',
        label: 'make_dot',
        nodeIds,
        linkIds: [],
        span: f.span,
        seq: f.seq,
        reveal: {nodeIds, linkIds: []},
        narration: narrate(ctx.code(f.span, 'make_dot(…)'), roots, fns),
      };
    });
}

/** The step of the last `make_dot` call in a timeline (where a page opens the picture), or null. */
export function lastFigureStep(timeline: Timeline): Step | null {
  return timeline.steps.findLast((s) => s.kind === 'figure') ?? null;
}
