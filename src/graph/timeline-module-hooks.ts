/**
 * A module's forward hooks in the timeline: `Module.__call__` runs its forward pre-hooks before
 * `forward` and its forward hooks after it (the trace keeps them on the module's group). The step
 * of the first op of the forward says which pre-hooks ran on its input; the step of the module's
 * output says which forward hooks ran on it, with whether they replaced it. (Backward hooks are
 * engine hooks: their steps show them with the gradient before and after.)
 */
import type {GroupRecord, ModuleHookRecord} from '../trace/schema.js';
import type {Localized} from './model.js';
import type {Context, Draft} from './timeline-context.js';

/** The drafts with each module forward hook told at the op step where it acts. */
export function withModuleHooks(ctx: Context, drafts: readonly Draft[]): Draft[] {
  const out = [...drafts];
  for (const group of ctx.trace.groups ?? []) {
    if (!group.hooks?.length) continue;
    const ops = out
      .map((d, i) => ({d, i}))
      .filter(
        ({d}) =>
          d.kind === 'op' && d.seq !== undefined && d.seq > group.startSeq && d.seq < group.endSeq,
      );
    for (const hook of group.hooks) {
      const at =
        hook.kind === 'forward_pre'
          ? ops.find(({d}) => (d.seq ?? 0) > hook.seq)
          : ops.findLast(({d}) => (d.seq ?? 0) < hook.seq);
      if (at === undefined) continue;
      const d = out[at.i] as Draft;
      const said = sentence(group, hook);
      out[at.i] = {
        ...d,
        narration:
          hook.kind === 'forward_pre'
            ? {en: `${said.en} ${d.narration.en}`, zh: `${said.zh}${d.narration.zh}`}
            : {en: `${d.narration.en} ${said.en}`, zh: `${d.narration.zh}${said.zh}`},
      };
    }
  }
  return out;
}

/** What a module's forward hook did, in words. */
function sentence(group: GroupRecord, hook: ModuleHookRecord): Localized {
  const who = `${hook.name} (${hook.via})`;
  if (hook.kind === 'forward_pre') {
    return {
      en: `Before ${group.name}'s forward, its forward pre-hook ${who} ran on its input${hook.replaced ? ' and returned a new input, which forward received instead' : ''}.`,
      zh: `在 ${group.name} 的 forward 之前，它的 forward pre-hook ${who} 先处理了输入${hook.replaced ? '，并返回了新的输入，forward 收到的是它' : ''}。`,
    };
  }
  return {
    en: `After ${group.name}'s forward, its forward hook ${who} ran on its output${hook.replaced ? ' and returned a new output, which the module returned instead' : ''}.`,
    zh: `在 ${group.name} 的 forward 之后，它的 forward hook ${who} 处理了输出${hook.replaced ? '，并返回了新的输出，模块返回的是它' : ''}。`,
  };
}
