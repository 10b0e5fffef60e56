/**
 * Narration of autograd's extension points at a backward step, in English and in Chinese: the
 * hooks that ran (with the gradient before and after each), and a custom `autograd.Function`
 * whose backward is the script's own code. The timeline gathers the facts; this file words them.
 */
import type {Localized} from './model.js';

/** One hook that ran at a step, over the gradients it saw. */
export interface HookFacts {
  readonly kind: 'tensor' | 'pre' | 'post';
  /** The hook function's name (`<lambda>`, `hook_fn`). */
  readonly name: string;
  /** The tensor it is registered on (tensor hooks), or the grad_fn's name (pre and post). */
  readonly on: string;
  /** For a module's backward hook (a BackwardHookFunctionBackward node): the module (`fc1: Linear`). */
  readonly module: string | null;
  /** The call that registered it, when not the kind's own (`register_backward_hook`). */
  readonly via: string | null;
  /** It returned a replacement (else None). */
  readonly replaced: boolean;
  /** Each gradient it saw: whose, and its value before and after (as narration writes numbers). */
  readonly grads: readonly {
    readonly who: string;
    readonly before: string;
    readonly after: string;
  }[];
}

function changesEn(h: HookFacts): string {
  if (!h.replaced) {
    const values = h.grads.map((g) => g.before).join(', ');
    return `it returns None, so the gradient goes on unchanged (${values})`;
  }
  const parts = h.grads.map((g) =>
    h.kind === 'post' ? `for ${g.who}: ${g.before} → ${g.after}` : `${g.before} → ${g.after}`,
  );
  return `it returns a new gradient, ${parts.join('; ')}`;
}

function changesZh(h: HookFacts): string {
  if (!h.replaced) {
    const values = h.grads.map((g) => g.before).join('，');
    return `它返回 None，梯度不变（${values}）`;
  }
  const parts = h.grads.map((g) =>
    h.kind === 'post' ? `给 ${g.who} 的：${g.before} → ${g.after}` : `${g.before} → ${g.after}`,
  );
  return `它返回新的梯度，${parts.join('；')}`;
}

/** The sentence for one hook. */
function narrateHook(h: HookFacts): Localized {
  if (h.module !== null) {
    return {
      en: `Here, at the edge of ${h.module}, PyTorch hands the module's backward hook ${h.name} (${h.via ?? 'register_full_backward_hook'}) its gradients; ${changesEn(h)}.`,
      zh: `这里是 ${h.module} 的边界，PyTorch 把梯度交给该模块的反向钩子 ${h.name}（${h.via ?? 'register_full_backward_hook'}）；${changesZh(h)}。`,
    };
  }
  if (h.kind === 'tensor') {
    return {
      en: `First the hook ${h.name} on ${h.on} (${h.on}.register_hook) runs: ${changesEn(h)}.`,
      zh: `首先运行 ${h.on} 上的钩子 ${h.name}（${h.on}.register_hook）：${changesZh(h)}。`,
    };
  }
  if (h.kind === 'pre') {
    return {
      en: `First the pre-hook ${h.name} of ${h.on} (register_prehook) runs: ${changesEn(h)}.`,
      zh: `首先运行 ${h.on} 的前置钩子 ${h.name}（register_prehook）：${changesZh(h)}。`,
    };
  }
  return {
    en: `Then the hook ${h.name} on ${h.on} (${h.via ?? 'grad_fn.register_hook'}) sees what it computed: ${changesEn(h)}.`,
    zh: `然后 ${h.on} 上的钩子 ${h.name}（${h.via ?? 'grad_fn.register_hook'}）看到它算出的梯度：${changesZh(h)}。`,
  };
}

/**
 * The step's narration with its hooks: those that run before the node (tensor hooks, pre-hooks)
 * first, then what the node did, then those that see its results (post-hooks).
 */
export function withHookNarration(text: Localized, hooks: readonly HookFacts[]): Localized {
  const before = hooks.filter((h) => h.kind !== 'post').map(narrateHook);
  const after = hooks.filter((h) => h.kind === 'post').map(narrateHook);
  return {
    en: [...before.map((b) => b.en), text.en, ...after.map((a) => a.en)].join(' '),
    zh: [...before.map((b) => b.zh), text.zh, ...after.map((a) => a.zh)].join(''),
  };
}

/** What a custom Function's backward (the script's own code) was called with and returned. */
export interface UserBackwardFacts {
  /** The Function's class name (`LegendrePolynomial3`). */
  readonly function: string;
  /** The gradient it was called with, as narration writes numbers. */
  readonly gradIn: string;
  /** What it returned for each tensor input, in order (`None` where it gave none). */
  readonly returned: readonly string[];
}

/** The sentence after a custom Function's step: the script's backward ran, and what it returned. */
export function narrateUserBackward(f: UserBackwardFacts): Localized {
  const returned = f.returned.length === 1 ? f.returned[0] : `(${f.returned.join(', ')})`;
  const call = `${f.function}.backward(ctx, ${f.gradIn})`;
  return {
    en: `The script's own ${call} ran and returned ${returned}.`,
    zh: `脚本自己写的 ${call} 运行了，返回 ${returned}。`,
  };
}
