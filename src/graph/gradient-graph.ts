/**
 * The gradient's own graph: under `create_graph=True` a backward pass records the ops its nodes'
 * formulas run (`OpRecord.pass`), so the gradient it returns has a graph a later pass walks
 * (double backward). The picture draws those ops like any other; this file names what they make
 * (`grad × 3 × x ** 2`, since the script never named the formula's intermediates) and says, at
 * each of their steps, whose backward ran them.
 */
import type {OpRecord, TensorRecord, Trace} from '../trace/schema.js';
import {opLabel} from './labels.js';
import type {Localized} from './model.js';
import {sizeText} from './tensors.js';

/** Past this length a term of the gradient's graph is called by what it is, not spelt out. */
const LONGEST = 40;

/** Whether the op was run by a backward pass (it belongs to a gradient's graph). */
export function inGradientGraph(op: OpRecord | undefined): op is OpRecord & {pass: number} {
  return op?.pass !== undefined;
}

/**
 * How narration calls an unnamed tensor that a backward pass's op made: the op written out over
 * its inputs (`x ** 2`, `grad × 3`; the gradient a node received is `grad`, as PyTorch's
 * formulas call it: an engine-made tensor nobody named); null when `t` is not such a tensor.
 */
export function gradientTermName(
  ops: Trace['ops'],
  tensors: ReadonlyMap<number, TensorRecord>,
  t: TensorRecord,
  name: (tensorId: number) => string,
): string | null {
  if (t.names.length > 0) return null;
  const made = t.versions[0]?.opIndex;
  const op = made === null || made === undefined ? undefined : ops[made];
  if (!inGradientGraph(op)) return null;
  const text = gradientOpCode(tensors, op, name);
  if (text.length > LONGEST) return `a term of the gradient's graph of size ${sizeText(t.shape)}`;
  // In parentheses, as an expression from the source is (`∂g/∂(x ** 2)`).
  return text.includes(' ') ? `(${text})` : text;
}

/** The code of a backward pass's op, written out over its inputs (the gradient being `grad`). */
export function gradientOpCode(
  tensors: ReadonlyMap<number, TensorRecord>,
  op: OpRecord,
  name: (tensorId: number) => string,
): string {
  return written(op, (id) => {
    const input = tensors.get(id);
    // The gradient the engine handed the node (a seed, or what an earlier node sent).
    if (input && input.names.length === 0 && input.origin === 'grad') return 'grad';
    return name(id);
  });
}

/** An op written out over its inputs' names, as the label of its dataflow node reads. */
function written(op: OpRecord, name: (tensorId: number) => string): string {
  const label = opLabel(op);
  const args = op.inputs.map((id) => wrap(name(id)));
  const symbolic = !/^[A-Za-z_]/.test(label);
  if (symbolic && args.length === 2 && !label.includes(' '))
    return `${args[0] ?? ''} ${label} ${args[1] ?? ''}`;
  if (symbolic && args.length === 1) {
    if (!label.includes(' ')) return `${label}${args[0] ?? ''}`;
    // `** 2`, `× 3` follow their operand; `2 **` comes before it.
    return /^[^0-9-]/.test(label) ? `${args[0] ?? ''} ${label}` : `${label} ${args[0] ?? ''}`;
  }
  // `unsqueeze(dim=0)` over `grad` reads `unsqueeze(grad, dim=0)`.
  const call = /^(\w+)\((.*)\)$/.exec(label);
  if (call) return `${call[1] ?? ''}(${[...args, call[2] ?? ''].join(', ')})`;
  return `${label}(${args.join(', ')})`;
}

/** A name as an operand: in parentheses when it has spaces (`(x ** 2) × 3`). */
function wrap(name: string): string {
  return name.includes(' ') && !(name.startsWith('(') && name.endsWith(')')) ? `(${name})` : name;
}

/**
 * What the step of an op a backward pass ran says first: whose backward ran it, and that it is
 * recorded because of `create_graph=True` (the gradient's own graph, which a later pass walks).
 * `node` is the grad_fn whose backward ran (its step follows); `user` when the script's own
 * backward (a custom Function's) ran it.
 */
export function narrateGradientOp(node: string | null, user: boolean): Localized {
  const whose = node ?? 'a backward node';
  const en = user
    ? `Inside ${whose}, the script's own backward runs under create_graph=True, so this op is recorded: it is part of the gradient's own graph, which a later backward can walk. `
    : `Inside ${whose}, its backward formula runs under create_graph=True, so this op is recorded: it is part of the gradient's own graph, which a later backward can walk. `;
  const zh = user
    ? `在 ${whose} 中，脚本自己的 backward 在 create_graph=True 下运行，所以这个运算被记录下来：它属于梯度自己的计算图，之后的反向传播可以沿它再求导。`
    : `在 ${whose} 中，它的反向公式在 create_graph=True 下运行，所以这个运算被记录下来：它属于梯度自己的计算图，之后的反向传播可以沿它再求导。`;
  return {en, zh};
}
