/**
 * Narration: what a step did and the chain rule with the step's own numbers, in English and in
 * Chinese. The timeline gathers the facts (names, numbers as text); this file only words them.
 */
import type {Localized} from './model.js';

/** A forward step: an op ran (or a factory made a tensor). */
export interface ForwardFacts {
  /** The source of the op (`x + 2`), or its label when there is no source. */
  readonly code: string;
  /** The tensor it made or changed (`y`, `(y * y)`). */
  readonly out: string;
  /** Its value, as narration writes numbers. */
  readonly value: string;
  /** The value is one number shared by several elements. */
  readonly each: boolean;
  /** `out` is a script name (not the expression in parentheses). */
  readonly named: boolean;
  /** PyTorch's size: `(2, 2)`, `(3,)`, `()`. */
  readonly shape: string;
  /** The grad_fn the result got, if any. */
  readonly gradFn: string | null;
  readonly factory: boolean;
  readonly inPlace: boolean;
  readonly noGrad: boolean;
  readonly detach: boolean;
  /** A factory's result requires grad (a leaf the user will differentiate). */
  readonly requiresGrad: boolean;
  /** Every result of an op with several (split, unbind, max with a dim), in order. */
  readonly outputs?: readonly {
    readonly name: string;
    readonly value: string;
    /** It got the op's grad_fn (a max's indices get none). */
    readonly gradFn: boolean;
  }[];
}

/** The first backward step of a pass: the seed gradient enters at the root. */
export interface SeedFacts {
  /** The statement (`out.backward()`). */
  readonly code: string;
  readonly root: string;
  readonly seed: string;
  /** backward() without a gradient on a one-element root: the seed is ∂root/∂root = 1. */
  readonly implicit: boolean;
}

/** One tensor receiving gradient at an engine step. */
export interface ReceiverFacts {
  readonly name: string;
  /** Every contribution so far (this step's as `g · factor`, earlier ones as their value). */
  readonly terms: readonly string[];
  /** How many this step sent. */
  readonly fromThisStep: number;
  /** The total, once every contribution has arrived; null while more are coming. */
  readonly total: string | null;
  /** How many contributions it gets in the whole pass. */
  readonly expected: number;
  /** The numbers are per element of a tensor with several elements. */
  readonly each: boolean;
  /** Say that PyTorch does not keep this non-leaf's grad (said once, for named tensors). */
  readonly notKept: boolean;
}

/** An engine step: a grad_fn ran. */
export interface EngineFacts {
  /** PyTorch's name: `MulBackward0`. */
  readonly fn: string;
  /** The tensor whose grad_fn it is, and the expression that made it. */
  readonly out: string;
  readonly code: string;
  /** `out` is a script name (not the expression in parentheses). */
  readonly named: boolean;
  /** The root of the pass, for ∂root/∂out. */
  readonly root: string;
  /** The pass started from ∂root/∂root = 1 (else its gradient was given, and is no ∂root/∂…). */
  readonly implicit: boolean;
  /** `out` is the root itself. */
  readonly isRoot: boolean;
  /** The gradient it received. */
  readonly gradIn: string;
  /** The gradient received for each output, for a node with several (split, unbind); null: none came. */
  readonly gradsIn?: readonly {readonly name: string; readonly grad: string | null}[];
  /** The local derivatives, e.g. `∂z/∂(y * y) = 3`. */
  readonly derivatives: readonly string[];
  /** The chain rule in words, for a node no per-input formula explains (rules.ts). */
  readonly rule?: RuleFacts | null;
  readonly receivers: readonly ReceiverFacts[];
}

/** A grad_fn's chain rule in words, and the values of the symbols it uses (`y = [0.5, 0.5]`). */
export interface RuleFacts {
  readonly en: string;
  readonly zh: string;
  readonly values: readonly string[];
}

/** An AccumulateGrad step, or a retained non-leaf grad. */
export interface AccumulateFacts {
  readonly name: string;
  readonly incoming: string;
  readonly before: string | null;
  readonly after: string;
  readonly retained: boolean;
  /** The numbers are per element of a tensor with several elements. */
  readonly each: boolean;
}

/** An expression's name without its parentheses, where the narration puts its own. */
function bareName(name: string): string {
  return name.startsWith('(') && name.endsWith(')') ? name.slice(1, -1) : name;
}

const EVERY = {en: ' (every element)', zh: '（每个元素）'};

/** Narration of a forward step. */
export function narrateForward(f: ForwardFacts): Localized {
  const value = {
    en: `${f.value}${f.each ? EVERY.en : ''}`,
    zh: `${f.value}${f.each ? EVERY.zh : ''}`,
  };
  if (f.factory) {
    const leaf = f.requiresGrad;
    const what = {
      en: `a tensor of shape ${f.shape}${leaf ? ' that requires grad (a leaf)' : ''}`,
      zh: `形状 ${f.shape}${leaf ? '，requires_grad=True 的叶子节点' : ''}`,
    };
    if (!f.named) {
      return {
        en: `${f.code}: makes ${what.en} = ${value.en}.`,
        zh: `${f.code}：创建张量，${what.zh}，值为 ${value.zh}。`,
      };
    }
    return {
      en: `${f.code}: makes ${f.out}, ${what.en}: ${f.out} = ${value.en}.`,
      zh: `${f.code}：创建 ${f.out}，${what.zh}：${f.out} = ${value.zh}。`,
    };
  }
  if (f.inPlace) {
    return {
      en: `${f.code}: changes ${f.out} in place; it is now ${value.en}.${f.noGrad ? ' (under torch.no_grad(): not recorded for backward)' : ''}`,
      zh: `${f.code}：原地修改 ${f.out}，现在是 ${value.zh}。${f.noGrad ? '（在 torch.no_grad() 下：不记录到计算图）' : ''}`,
    };
  }
  if (f.outputs && f.outputs.length > 1 && !f.noGrad && !f.detach)
    return narrateOutputs(f, f.outputs);
  const en = [f.named ? `${f.code}: ${f.out} = ${value.en}` : `${f.code} = ${value.en}`];
  const zh = [f.named ? `${f.code}：${f.out} = ${value.zh}` : `${f.code} = ${value.zh}`];
  const its = {
    en: f.named ? `${f.out}.grad_fn` : 'its grad_fn',
    zh: f.named ? `${f.out}.grad_fn` : '它的 grad_fn',
  };
  if (f.detach) {
    en.push(`; detach() makes ${f.out} share the data but stay outside the graph.`);
    zh.push(`；detach() 让 ${f.out} 共享数据，但不在计算图中。`);
  } else if (f.noGrad) {
    en.push(`; under torch.no_grad(), so ${f.out} does not require grad and is outside the graph.`);
    zh.push(`；在 torch.no_grad() 下计算，${f.out} 不需要梯度，不在计算图中。`);
  } else if (f.gradFn !== null) {
    en.push(`; ${its.en} = ${f.gradFn}, recorded for backward.`);
    zh.push(`；${its.zh} = ${f.gradFn}，记录下来供反向传播使用。`);
  } else {
    en.push('.');
    zh.push('。');
  }
  return {en: en.join(''), zh: zh.join('')};
}

/** A forward step that made several tensors: each with its value, and the one node they share. */
function narrateOutputs(f: ForwardFacts, outs: NonNullable<ForwardFacts['outputs']>): Localized {
  const values = outs.map((o) => `${o.name} = ${o.value}`).join(', ');
  const head = {en: `${f.code}: ${values}`, zh: `${f.code}：${values}`};
  const withFn = outs.filter((o) => o.gradFn).map((o) => o.name);
  const without = outs.filter((o) => !o.gradFn).map((o) => o.name);
  if (f.gradFn === null || withFn.length === 0) return {en: `${head.en}.`, zh: `${head.zh}。`};
  if (withFn.length > 1) {
    const list = withFn.join(' and ');
    return {
      en: `${head.en}; ${list} share one grad_fn, ${f.gradFn}, one node with ${withFn.length} outputs, recorded for backward.`,
      zh: `${head.zh}；${withFn.join(' 和 ')} 共用一个 grad_fn：${f.gradFn}，一个节点、${withFn.length} 个输出，记录下来供反向传播使用。`,
    };
  }
  const first = withFn[0] as string;
  const rest = without.join(', ');
  return {
    en: `${head.en}; ${first}.grad_fn = ${f.gradFn}, recorded for backward${rest ? ` (${rest}: integers, no gradient)` : ''}.`,
    zh: `${head.zh}；${first}.grad_fn = ${f.gradFn}，记录下来供反向传播使用${rest ? `（${without.join('、')}：整数，没有梯度）` : ''}。`,
  };
}

/** Narration of the seed step. */
export function narrateSeed(f: SeedFacts): Localized {
  if (f.implicit) {
    return {
      en: `${f.code}: backward starts at ${f.root} with the seed gradient ∂${f.root}/∂${f.root} = ${f.seed}.`,
      zh: `${f.code}：反向传播从 ${f.root} 开始，种子梯度 ∂${f.root}/∂${f.root} = ${f.seed}。`,
    };
  }
  return {
    en: `${f.code}: backward starts at ${f.root} with the given gradient ${f.seed}.`,
    zh: `${f.code}：反向传播从 ${f.root} 开始，使用传入的梯度 ${f.seed}。`,
  };
}

/** A term of a sum: a negative number in parentheses (`0 + (-0.5)`, not `0 + -0.5`). */
function term(t: string): string {
  return t.startsWith('-') ? `(${t})` : t;
}

function receiverEn(r: ReceiverFacts): string {
  const sum = r.terms.map(term).join(' + ');
  const who = r.each ? `each element of ${r.name}` : r.name;
  if (r.total === null) {
    return `${who} gets ${sum} so far (${r.name} was used ${r.expected} times: more is coming)`;
  }
  if (r.terms.length === 1) {
    return r.terms[0] === r.total ? `${who} gets ${r.total}` : `${who} gets ${sum} = ${r.total}`;
  }
  return `${who} receives ${sum} = ${r.total} (${r.name} was used ${r.expected} times, so the gradients add up)`;
}

function receiverZh(r: ReceiverFacts): string {
  const sum = r.terms.map(term).join(' + ');
  const who = r.each ? `${r.name} 的每个元素` : `${r.name} `;
  if (r.total === null)
    return `${who}先得到 ${sum}（${r.name} 被使用了 ${r.expected} 次，还会收到更多）`;
  if (r.terms.length === 1) {
    return r.terms[0] === r.total ? `${who}得到 ${r.total}` : `${who}得到 ${sum} = ${r.total}`;
  }
  return `${who}得到 ${sum} = ${r.total}（${r.name} 被使用了 ${r.expected} 次，梯度相加）`;
}

/** What a node with several outputs received: `∂L/∂a = [3, 4], ∂L/∂b = [1, 2]`. */
function gradsInEn(f: EngineFacts, outs: NonNullable<EngineFacts['gradsIn']>): string {
  const d = (name: string) =>
    f.implicit ? `∂${f.root}/∂${bareName(name)}` : `the gradient for ${name}`;
  return outs
    .map((o) => (o.grad === null ? `nothing for ${o.name} (zeros)` : `${d(o.name)} = ${o.grad}`))
    .join(', ');
}

function gradsInZh(f: EngineFacts, outs: NonNullable<EngineFacts['gradsIn']>): string {
  const d = (name: string) => (f.implicit ? `∂${f.root}/∂${bareName(name)}` : `${name} 的梯度`);
  return outs
    .map((o) => (o.grad === null ? `${o.name} 没有梯度（按零计）` : `${d(o.name)} = ${o.grad}`))
    .join('，');
}

/** Narration of an engine step, with the chain rule and its numbers. */
export function narrateEngine(f: EngineFacts): Localized {
  const made = f.code && f.named ? `${f.out} = ${f.code}` : bareName(f.out);
  const received = f.implicit
    ? {en: `∂${f.root}/∂${f.out} = ${f.gradIn}`, zh: ` ∂${f.root}/∂${f.out} = ${f.gradIn}`}
    : f.isRoot
      ? {
          en: `the gradient given to backward(), ${f.gradIn}`,
          zh: `传给 backward() 的梯度 ${f.gradIn}`,
        }
      : {en: `the gradient for ${f.out}, ${f.gradIn}`, zh: ` ${f.out} 的梯度 ${f.gradIn}`};
  const several = f.gradsIn && f.gradsIn.length > 1 ? f.gradsIn : null;
  const en = several
    ? [
        `${f.fn} (${made}, one node with ${several.length} outputs) receives ${gradsInEn(f, several)}.`,
      ]
    : [`${f.fn} (${made}) receives ${received.en}.`];
  const zh = several
    ? [`${f.fn}（${made}，一个节点，${several.length} 个输出）收到 ${gradsInZh(f, several)}。`]
    : [`${f.fn}（${made}）收到${received.zh}。`];
  if (f.rule) {
    const values = f.rule.values.length > 0 ? f.rule.values.join(', ') : '';
    en.push(` Chain rule: ${f.rule.en}${values ? ` (${values})` : ''}, so`);
    zh.push(`链式法则：${f.rule.zh}${values ? `（${f.rule.values.join('，')}）` : ''}，所以 `);
  } else if (f.derivatives.length > 0) {
    en.push(` Chain rule: ${f.derivatives.join(', ')}, so`);
    zh.push(`链式法则：${f.derivatives.join('，')}，所以 `);
  } else if (f.receivers.length > 0) {
    // No formula to show: still the chain rule, in words, with the numbers the engine sent.
    en.push(
      ` Chain rule: each input gets ∂${f.root}/∂${bareName(f.out)} times ${f.fn}'s local derivative, so`,
    );
    zh.push(`链式法则：每个输入得到 ∂${f.root}/∂${bareName(f.out)} 乘以 ${f.fn} 的局部导数，所以 `);
  }
  en.push(` ${f.receivers.map(receiverEn).join('; ')}.`);
  zh.push(`${f.receivers.map(receiverZh).join('；')}。`.trimStart());
  if (f.receivers.length === 0) {
    en.splice(1);
    zh.splice(1);
    en.push(' No input needs a gradient.');
    zh.push('没有输入需要梯度。');
  }
  for (const r of f.receivers) {
    if (!r.notKept) continue;
    en.push(
      ` ${r.name} is not a leaf: PyTorch keeps no ${r.name}.grad unless ${r.name}.retain_grad() was called.`,
    );
    zh.push(
      `${r.name} 不是叶子节点：除非调用过 ${r.name}.retain_grad()，PyTorch 不会保存 ${r.name}.grad。`,
    );
  }
  return {en: en.join(''), zh: zh.join('')};
}

/** Narration of a write into `.grad`. */
export function narrateAccumulate(f: AccumulateFacts): Localized {
  const who = f.retained
    ? {en: `${f.name}.retain_grad() was called, so`, zh: `调用过 ${f.name}.retain_grad()，所以`}
    : {
        en: `AccumulateGrad: ${f.name} is a leaf, so`,
        zh: `AccumulateGrad：${f.name} 是叶子节点，所以`,
      };
  if (f.before === null) {
    return {
      en: `${who.en} its gradient is written to ${f.name}.grad = ${f.after}${f.each ? EVERY.en : ''}.`,
      zh: `${who.zh}梯度写入 ${f.name}.grad = ${f.after}${f.each ? EVERY.zh : ''}。`,
    };
  }
  return {
    en: `${who.en} the new gradient is added to what ${f.name}.grad held: ${f.name}.grad = ${f.before} + ${term(f.incoming)} = ${f.after}.`,
    zh: `${who.zh}新梯度累加到 ${f.name}.grad 原有的值上：${f.name}.grad = ${f.before} + ${term(f.incoming)} = ${f.after}。`,
  };
}
