/**
 * The hooks of a backward step: each hook that ran at an engine step is shown at the node where
 * it acts, with the gradient before and after it, and told in the step's narration.
 */
import type {BackwardPass, EngineStep, GradFnRecord, HookRecord} from '../trace/schema.js';
import {hookSite} from './hook-sites.js';
import type {StepHook} from './model.js';
import type {HookFacts} from './narration-hooks.js';
import {withHookNarration} from './narration-hooks.js';
import {quantity} from './quantity.js';
import type {Context, Draft} from './timeline-context.js';
import {shown} from './timeline-context.js';

/** The module a BackwardHookFunctionBackward node belongs to (`fc1: Linear`), if it was recorded. */
function moduleOf(ctx: Context, fn: GradFnRecord): string | null {
  if (fn.name !== 'BackwardHookFunctionBackward') return null;
  const op = ctx.opOf(fn);
  if (!op) return 'a module';
  let best: {name: string; start: number} | null = null;
  for (const g of ctx.trace.groups ?? []) {
    if (g.kind !== 'module' || g.startSeq > op.seq || g.endSeq < op.seq) continue;
    if (best === null || g.startSeq > best.start) best = {name: g.name, start: g.startSeq};
  }
  return best?.name ?? 'a module';
}

/** Whose gradient a hook saw at `slot`: the tensor's (tensor, pre) or the receiver's (post). */
function whose(ctx: Context, fn: GradFnRecord, h: HookRecord): string {
  if (h.kind !== 'post') {
    const op = ctx.opOf(fn);
    const id = fn.name === 'AccumulateGrad' ? fn.tensorId : (op?.outputs[h.slot] ?? fn.tensorId);
    return ctx.name(id);
  }
  const edge = fn.next[h.slot];
  const target = edge ? ctx.fns.get(edge.gradFnId) : undefined;
  return ctx.name(target?.tensorId ?? null);
}

/** The hooks of one step as narration facts: one entry per hook, over the gradients it saw. */
function hookFacts(ctx: Context, fn: GradFnRecord, hooks: readonly HookRecord[]): HookFacts[] {
  const facts: {
    kind: HookRecord['kind'];
    name: string;
    on: string;
    module: string | null;
    via: string | null;
    replaced: boolean;
    grads: {who: string; before: string; after: string}[];
  }[] = [];
  const module = moduleOf(ctx, fn);
  for (const h of hooks) {
    const who = whose(ctx, fn, h);
    const last = facts.at(-1);
    const grad = {who, before: quantity(h.before), after: quantity(h.after)};
    // A node hook reports each gradient it saw: they are one call of the hook.
    if (last && h.kind !== 'tensor' && last.kind === h.kind && last.name === h.name) {
      last.grads.push(grad);
      last.replaced ||= h.replaced;
      continue;
    }
    facts.push({
      kind: h.kind,
      name: h.name,
      on: h.kind === 'tensor' ? who : fn.name,
      module,
      via: h.via ?? null,
      replaced: h.replaced,
      grads: [grad],
    });
  }
  return facts;
}

/** A backward step's draft with the hooks that ran at it: shown where they act, and told. */
export function withHooks(
  ctx: Context,
  pass: BackwardPass,
  step: EngineStep | null,
  fn: GradFnRecord | null,
  draft: Draft,
): Draft {
  const hooks = step?.hooks ?? [];
  if (fn === null || hooks.length === 0) return draft;
  const shownHooks: StepHook[] = [];
  for (const h of hooks) {
    const site = hookSite(ctx, fn, h, pass.seq);
    const [nodeId] = site === null ? [] : ctx.keepNodes([site]);
    if (nodeId === undefined) continue;
    shownHooks.push({
      nodeId,
      name: h.name,
      kind: h.kind,
      ...(h.via === undefined ? {} : {via: h.via}),
      replaced: h.replaced,
      before: h.before === null ? null : shown(h.before),
      after: h.after === null ? null : shown(h.after),
    });
  }
  const nodeIds = [...new Set([...draft.nodeIds, ...shownHooks.map((h) => h.nodeId)])];
  return {
    ...draft,
    nodeIds,
    narration: withHookNarration(draft.narration, hookFacts(ctx, fn, hooks)),
    ...(shownHooks.length > 0 ? {hooks: shownHooks} : {}),
  };
}
