/**
 * Chain rules in words, for the grad_fns whose backward is no per-element formula of the op's
 * inputs (a softmax, a convolution, a sort, a loss) or reads more than the formulas can say
 * (tan, erf, clamp's bounds). Each rule says how the gradient the node received becomes the
 * gradient each input gets, with the step's own names; the numbers it sends are always the
 * engine's, from the trace, and the symbols the rule uses are shown with their values.
 *
 * Nodes whose op declares a derivative for every input (chain.ts) need no rule here. A test
 * enumerates every node autograd declares and fails if one has neither.
 */
import {decodeArg} from '../trace/numbers.js';
import type {EncodedArg} from '../trace/schema.js';
import type {Localized} from './model.js';
import {bare} from './tensors.js';

/** What a rule may name: the node's output, its inputs by slot, the gradient it received. */
export interface RuleSymbols {
  /** The output (`y`, `(x.softmax(0))`). */
  readonly out: string;
  /** The op's tensor inputs, by slot. */
  readonly inputs: readonly string[];
  /** The gradient received, as the formulas write it: `∂L/∂y`, or `g` when it was given. */
  readonly grad: string;
  /** The op's non-tensor arguments, as the trace keeps them. */
  readonly args: Readonly<Record<string, EncodedArg>>;
}

/** A rule's sentence, and which symbols it uses whose values the narration shows. */
export interface RuleText extends Localized {
  /** `'out'` or an input slot: the narration adds `y = …` for each, from the trace. */
  readonly reads?: readonly ('out' | number)[];
}

type Rule = (s: RuleSymbols) => RuleText;

/** Both languages share the formula; `en`/`zh` word what is around it. */
function same(formula: string, reads?: readonly ('out' | number)[]): RuleText {
  return reads ? {en: formula, zh: formula, reads} : {en: formula, zh: formula};
}

const x = (s: RuleSymbols, slot = 0): string => s.inputs[slot] ?? '?';
/** An input's name inside a function's brackets or under a power: without its own parentheses. */
const xi = (s: RuleSymbols, slot = 0): string => bare(x(s, slot));
const o = (s: RuleSymbols): string => s.out;
/** The output inside a formula: its script name, or `result` for an expression (too long to repeat). */
const r = (s: RuleSymbols): string => resultSymbol(s.out);

/** How a rule's formula calls a node's output: a short name as it is, an expression `result`. */
export function resultSymbol(out: string): string {
  const name = bare(out);
  return /^[\p{L}_][\p{L}\p{N}_.₀-₉]*$/u.test(name) ? name : 'result';
}
const d = (s: RuleSymbols, slot = 0): string => `∂${o(s)}/∂${x(s, slot)}`;

/** A numeric argument as the rule prints it (`?` when the trace has none). */
function num(s: RuleSymbols, key: string): string {
  const v = arg(s, key);
  return typeof v === 'number' ? String(v) : '?';
}

function arg(s: RuleSymbols, key: string): unknown {
  const raw = s.args[key];
  return raw === undefined ? undefined : decodeArg(raw);
}

/** `, along dim 1` / `，沿第 1 维` when the op was given a dim. */
function along(s: RuleSymbols): {en: string; zh: string} {
  const dim = arg(s, 'dim');
  if (typeof dim !== 'number') return {en: '', zh: ''};
  return {en: ` along dim ${dim}`, zh: `沿第 ${dim} 维`};
}

/** An elementwise derivative written as a formula of input 0. */
function elementwise(formula: (v: string, s: RuleSymbols) => string): Rule {
  return (s) => same(`${d(s)} = ${formula(xi(s), s)}`, [0]);
}

/** Where the gradient of an extremum goes, for max/min/amax/amin. */
function extremum(which: 'max' | 'min', perDim: boolean): Rule {
  const w = {
    en: which === 'max' ? 'largest' : 'smallest',
    zh: which === 'max' ? '最大' : '最小',
  };
  return (s) => {
    const a = along(s);
    if (perDim) {
      return {
        en: `each ${o(s)} element's gradient goes back to the ${w.en} element of ${x(s)}${a.en} (the place the indices name); every other element of ${x(s)} gets 0`,
        zh: `${o(s)} 每个元素的梯度回到 ${x(s)} ${a.zh}的${w.zh}元素（索引指向的位置），${x(s)} 的其他元素得到 0`,
      };
    }
    return {
      en: `the gradient goes to the ${w.en} element of ${x(s)}${a.en}, shared evenly when several tie; every other element gets 0`,
      zh: `梯度流向 ${x(s)} ${a.zh}的${w.zh}元素（并列时平分），其他元素得到 0`,
    };
  };
}

/** maximum / minimum / fmax / fmin: to the larger (smaller) input, half each on a tie. */
function elementwiseExtremum(which: 'max' | 'min'): Rule {
  return (s) => {
    const [a, b] = [x(s, 0), x(s, 1)];
    const gt = which === 'max' ? '>' : '<';
    return {
      en: `${d(s, 0)} = 1 where ${a} ${gt} ${b}, ½ where they are equal, else 0 (and ${d(s, 1)} the other way round)`,
      zh: `${a} ${gt} ${b} 处 ${d(s, 0)} = 1，相等处为 ½，否则为 0（${d(s, 1)} 反之）`,
      reads: [0, 1],
    };
  };
}

/** Pooling: how a window's gradient is shared among its elements. */
function averagePool(adaptive: boolean): Rule {
  return (s) => ({
    en: `each output element averages one window of ${x(s)}${adaptive ? ' (windows sized to fit the output)' : ''}, so each element of that window gets its gradient divided by the window's size (added up where windows overlap)`,
    zh: `输出的每个元素是 ${x(s)} 中一个窗口的平均值${adaptive ? '（窗口大小按输出尺寸决定）' : ''}，所以该窗口的每个元素得到它的梯度除以窗口大小（窗口重叠处相加）`,
  });
}

/** How a pieced-up gradient goes back: split/chunk (cat), unbind (stack). */
function pieces(join: 'cat' | 'stack'): Rule {
  return (s) => {
    const a = along(s);
    return {
      en: `${x(s)}'s gradient is the pieces' gradients put back together${a.en} (torch.${join}), zeros for a piece no gradient reached`,
      zh: `${x(s)} 的梯度是各块的梯度${a.zh}拼回去（torch.${join}），没有收到梯度的块补零`,
    };
  };
}

/** One rule per grad_fn, by PyTorch's name. */
/**
 * A fused backward kernel that ran under create_graph=True (`TanhBackwardBackward0` is
 * tanh_backward, the kernel TanhBackward0 runs): its node's own backward is derivatives.yaml's
 * formula for that kernel, sending the gradient of the gradient to the incoming gradient and to
 * the tensors the kernel read.
 */
function kernelOfBackward(kernel: string, node: string): Rule {
  return () => ({
    en: `${kernel} is what ${node} ran to make its gradient, under create_graph=True; differentiating it (derivatives.yaml's formula for ${kernel}) sends the gradient of that gradient back to the gradient ${node} received and to the tensors it read`,
    zh: `${kernel} 是 ${node} 在 create_graph=True 下计算梯度所用的内核；对它求导（derivatives.yaml 中 ${kernel} 的公式）会把这个梯度的梯度传回 ${node} 收到的梯度和它读取的张量`,
  });
}

const RULES: Readonly<Record<string, Rule>> = {
  TanBackward0: (s) => same(`${d(s)} = 1 + tan²(${xi(s)}) = 1 + ${r(s)}²`, ['out']),
  AsinBackward0: elementwise((v) => `1/√(1 − ${v}²)`),
  AcosBackward0: elementwise((v) => `−1/√(1 − ${v}²)`),
  AtanBackward0: elementwise((v) => `1/(1 + ${v}²)`),
  SinhBackward0: elementwise((v) => `cosh(${v})`),
  CoshBackward0: elementwise((v) => `sinh(${v})`),
  Log2Backward0: elementwise((v) => `1/(${v}·ln 2)`),
  Log10Backward0: elementwise((v) => `1/(${v}·ln 10)`),
  Log1PBackward0: elementwise((v) => `1/(1 + ${v})`),
  Expm1Backward0: (s) => same(`${d(s)} = e^${xi(s)} = ${r(s)} + 1`, ['out']),
  Exp2Backward0: (s) => same(`${d(s)} = 2^${xi(s)}·ln 2 = ${r(s)}·ln 2`, ['out']),
  ErfBackward0: elementwise((v) => `2/√π·e^(−${v}²)`),
  ErfcBackward0: elementwise((v) => `−2/√π·e^(−${v}²)`),
  Atan2Backward0: (s) => {
    const [y, xx] = [xi(s, 0), xi(s, 1)];
    return same(`${d(s, 0)} = ${xx}/(${xx}² + ${y}²), ${d(s, 1)} = −${y}/(${xx}² + ${y}²)`, [0, 1]);
  },
  ClampBackward1: (s) => {
    const lo = arg(s, 'min');
    const hi = arg(s, 'max');
    const bounds = [
      typeof lo === 'number' ? `${String(lo)} ≤ ${xi(s)}` : '',
      typeof hi === 'number' ? `${xi(s)} ≤ ${String(hi)}` : '',
    ].filter((b) => b !== '');
    const inside = bounds.join(' and ') || 'inside the bounds';
    return {
      en: `${d(s)} = 1 where ${inside} (clamp left it as it was), 0 where it was clamped`,
      zh: `${bounds.join(' 且 ') || '在界限内'} 处 ${d(s)} = 1（clamp 没有改它），被截断处为 0`,
      reads: [0],
    };
  },
  RemainderBackward0: (s) => same(`${d(s)} = 1`),
  RemainderBackward1: (s) =>
    same(`${d(s, 0)} = 1, ${d(s, 1)} = −floor(${xi(s, 0)}/${xi(s, 1)})`, [0, 1]),
  FmodBackward0: (s) => same(`${d(s)} = 1`),
  FmodBackward1: (s) =>
    same(`${d(s, 0)} = 1, ${d(s, 1)} = −trunc(${xi(s, 0)}/${xi(s, 1)})`, [0, 1]),
  MaxBackward0: extremum('max', true),
  MinBackward0: extremum('min', true),
  MaxBackward1: extremum('max', false),
  MinBackward1: extremum('min', false),
  AmaxBackward0: extremum('max', false),
  AminBackward0: extremum('min', false),
  MaximumBackward0: elementwiseExtremum('max'),
  MinimumBackward0: elementwiseExtremum('min'),
  FmaxBackward0: elementwiseExtremum('max'),
  FminBackward0: elementwiseExtremum('min'),
  NormBackward1: (s) => {
    const p = arg(s, 'p');
    if (p === undefined || p === 2 || p === 'fro') {
      return same(`${d(s)} = ${xi(s)}/‖${xi(s)}‖ = ${xi(s)}/${r(s)}`, ['out']);
    }
    return same(
      `${d(s)} = ${xi(s)}·|${xi(s)}|^(p−2)/‖${xi(s)}‖^(p−1), p = ${typeof p === 'number' ? String(p) : '?'}`,
      ['out'],
    );
  },
  LeakyReluBackward0: (s) => ({
    en: `${d(s)} = 1 where ${xi(s)} > 0, else the slope ${num(s, 'negative_slope')}`,
    zh: `${xi(s)} > 0 处 ${d(s)} = 1，否则为斜率 ${num(s, 'negative_slope')}`,
    reads: [0],
  }),
  LeakyReluBackward1: (s) => ({
    en: `${d(s)} = 1 where ${r(s)} > 0, else the slope ${num(s, 'negative_slope')}`,
    zh: `${r(s)} > 0 处 ${d(s)} = 1，否则为斜率 ${num(s, 'negative_slope')}`,
    reads: ['out'],
  }),
  EluBackward0: (s) => ({
    en: `${d(s)} = 1 where ${xi(s)} > 0, else α·e^${xi(s)}, α = ${num(s, 'alpha')}`,
    zh: `${xi(s)} > 0 处 ${d(s)} = 1，否则为 α·e^${xi(s)}，α = ${num(s, 'alpha')}`,
    reads: [0],
  }),
  EluBackward1: (s) => ({
    en: `${d(s)} = 1 where ${r(s)} > 0, else ${r(s)} + α, α = ${num(s, 'alpha')}`,
    zh: `${r(s)} > 0 处 ${d(s)} = 1，否则为 ${r(s)} + α，α = ${num(s, 'alpha')}`,
    reads: ['out'],
  }),
  GeluBackward0: (s) =>
    arg(s, 'approximate') === 'tanh'
      ? same(
          `${d(s)} = ½(1 + t) + ½·${xi(s)}·(1 − t²)·√(2/π)·(1 + 3·0.044715·${xi(s)}²), t = tanh(√(2/π)·(${xi(s)} + 0.044715·${xi(s)}³))`,
          [0],
        )
      : {
          en: `${d(s)} = Φ(${xi(s)}) + ${xi(s)}·φ(${xi(s)}) (the normal CDF and density)`,
          zh: `${d(s)} = Φ(${xi(s)}) + ${xi(s)}·φ(${xi(s)})（标准正态分布函数与密度）`,
          reads: [0],
        },
  SoftplusBackward0: (s) => {
    const bx = `β·${xi(s)}`;
    const formula = `${d(s)} = σ(${bx})`;
    return {
      en: `${formula}, or 1 where ${bx} > ${num(s, 'threshold')}; β = ${num(s, 'beta')}`,
      zh: `${formula}，${bx} > ${num(s, 'threshold')} 处为 1；β = ${num(s, 'beta')}`,
      reads: [0],
    };
  },
  SiluBackward0: elementwise((v) => `σ(${v})·(1 + ${v}·(1 − σ(${v})))`),
  MishBackward0: elementwise((v) => `t + ${v}·σ(${v})·(1 − t²), t = tanh(ln(1 + e^${v}))`),
  LogSigmoidBackward0: elementwise((v) => `1 − σ(${v}) = σ(−${v})`),
  HardtanhBackward0: (s) => {
    // relu6 is hardtanh(x, 0, 6) and reports no bounds.
    const lo = arg(s, 'min_val') === undefined ? '0' : num(s, 'min_val');
    const hi = arg(s, 'max_val') === undefined ? '6' : num(s, 'max_val');
    const inside = `${lo} < ${xi(s)} < ${hi}`;
    return {
      en: `${d(s)} = 1 where ${inside}, 0 where it was clipped`,
      zh: `${inside} 处 ${d(s)} = 1，被截断处为 0`,
      reads: [0],
    };
  },
  ThresholdBackward0: (s) => ({
    en: `${d(s)} = 0 where ${xi(s)} ≤ ${num(s, 'threshold')} (replaced by the value), else 1`,
    zh: `${xi(s)} ≤ ${num(s, 'threshold')} 处 ${d(s)} = 0（被替换为 value），否则为 1`,
    reads: [0],
  }),
  ThresholdBackward1: (s) => ({
    en: `${d(s)} = 0 where ${r(s)} ≤ ${num(s, 'threshold')}, else 1`,
    zh: `${r(s)} ≤ ${num(s, 'threshold')} 处 ${d(s)} = 0，否则为 1`,
    reads: ['out'],
  }),
  PreluBackward0: (s) => {
    const [v, w] = [xi(s, 0), xi(s, 1)];
    return {
      en: `${d(s, 0)} = 1 where ${v} > 0, else the weight ${w}; ${d(s, 1)} = ${v} where ${v} ≤ 0, else 0 (summed over the elements each weight serves)`,
      zh: `${v} > 0 处 ${d(s, 0)} = 1，否则为权重 ${w}；${v} ≤ 0 处 ${d(s, 1)} = ${v}，否则为 0（按每个权重作用的元素求和）`,
      reads: [0, 1],
    };
  },
  SoftmaxBackward0: (s) => {
    const a = along(s);
    const y = r(s);
    return {
      en: `with ${y} = softmax(${xi(s)}), ${x(s)} gets ${y}·(g − Σ g·${y})${a.en}, g being the gradient received`,
      zh: `${y} = softmax(${xi(s)})，${x(s)} 得到 ${y}·(g − Σ g·${y})（${a.zh || '求和'}），g 是收到的梯度`,
      reads: ['out'],
    };
  },
  LogSoftmaxBackward0: (s) => {
    const a = along(s);
    const y = r(s);
    return {
      en: `with ${y} = log_softmax(${xi(s)}), ${x(s)} gets g − e^${y}·Σ g${a.en}, g being the gradient received`,
      zh: `${y} = log_softmax(${xi(s)})，${x(s)} 得到 g − e^${y}·Σ g（${a.zh || '求和'}），g 是收到的梯度`,
      reads: ['out'],
    };
  },
  LogsumexpBackward0: (s) =>
    same(`${d(s)} = e^(${xi(s)} − ${r(s)}) (the softmax of ${xi(s)})`, [0, 'out']),
  MseLossBackward0: (s) => {
    const r = arg(s, 'reduction');
    const n = r === 'sum' || r === 'none' ? '' : '/n';
    return same(
      `${d(s, 0)} = 2(${xi(s, 0)} − ${xi(s, 1)})${n}${n ? ', n = the number of elements' : ''}`,
      [0, 1],
    );
  },
  NllLossBackward0: (s) => ({
    en: `${x(s)} gets −1 (times the class weight) at each row's target class, divided by the number of rows (or the weights' sum) for the mean, and 0 everywhere else`,
    zh: `${x(s)} 在每行目标类别处得到 −1（乘以类别权重），取平均时除以行数（或权重之和），其他位置为 0`,
  }),
  NllLoss2DBackward0: (s) => ({
    en: `${x(s)} gets −1 (times the class weight) at each position's target class, divided by the number of positions (or the weights' sum) for the mean, and 0 everywhere else`,
    zh: `${x(s)} 在每个位置的目标类别处得到 −1（乘以类别权重），取平均时除以位置数（或权重之和），其他位置为 0`,
  }),
  BinaryCrossEntropyBackward0: (s) =>
    same(
      `${d(s, 0)} = (${xi(s, 0)} − ${xi(s, 1)})/(${xi(s, 0)}·(1 − ${xi(s, 0)}))${arg(s, 'reduction') === 'sum' ? '' : '/n'}`,
      [0, 1],
    ),
  BinaryCrossEntropyWithLogitsBackward0: (s) =>
    same(
      `${d(s, 0)} = (σ(${xi(s, 0)}) − ${xi(s, 1)})${arg(s, 'reduction') === 'sum' ? '' : '/n'}`,
      [0, 1],
    ),
  NativeBatchNormBackward0: (s) => ({
    en: `with x̂ = (${xi(s)} − mean)/√(var + eps) per channel, ${x(s)} gets γ/√(var + eps)·(g − mean(g) − x̂·mean(g·x̂)) in training (γ/√(running_var + eps)·g in eval), the weight γ gets Σ g·x̂ and the bias β gets Σ g`,
    zh: `x̂ = (${xi(s)} − 均值)/√(方差 + eps)（按通道），训练时 ${x(s)} 得到 γ/√(方差 + eps)·(g − mean(g) − x̂·mean(g·x̂))（eval 时为 γ/√(running_var + eps)·g），权重 γ 得到 Σ g·x̂，偏置 β 得到 Σ g`,
  }),
  NativeLayerNormBackward0: (s) => ({
    en: `with x̂ = (${xi(s)} − mean)/√(var + eps) over each row's normalized dims, ${x(s)} gets (γ·g − mean(γ·g) − x̂·mean(γ·g·x̂))/√(var + eps), the weight γ gets Σ g·x̂ and the bias β gets Σ g over the rows`,
    zh: `x̂ = (${xi(s)} − 均值)/√(方差 + eps)（每行在归一化的维度上），${x(s)} 得到 (γ·g − mean(γ·g) − x̂·mean(γ·g·x̂))/√(方差 + eps)，权重 γ 得到各行 Σ g·x̂，偏置 β 得到各行 Σ g`,
  }),
  ConvolutionBackward0: (s) => ({
    en: `the input ${x(s)} gets the gradient convolved back through the weight ${x(s, 1)} (a transposed convolution), the weight gets ${xi(s)} correlated with the gradient${s.inputs.length > 2 ? `, and the bias ${x(s, 2)} gets the gradient summed over the batch and every position` : ''}`,
    zh: `输入 ${x(s)} 得到梯度经权重 ${x(s, 1)} 反向卷积（转置卷积）的结果，权重得到 ${xi(s)} 与梯度的互相关${s.inputs.length > 2 ? `，偏置 ${x(s, 2)} 得到梯度对批次和所有位置的和` : ''}`,
  }),
  MaxPool2DWithIndicesBackward0: (s) => ({
    en: `each output element is the largest of one window of ${x(s)}, so its gradient goes to that element alone (added up where windows overlap); every other element gets 0`,
    zh: `输出的每个元素是 ${x(s)} 中一个窗口的最大值，所以它的梯度只流向那个元素（窗口重叠处相加），其他元素得到 0`,
  }),
  AvgPool2DBackward0: averagePool(false),
  AdaptiveAvgPool2DBackward0: averagePool(true),
  CatBackward0: (s) => {
    const a = along(s);
    return {
      en: `each input gets its own slice of the gradient${a.en}, where it sat in the result`,
      zh: `每个输入${a.zh}得到梯度中属于它的那一段（它在结果中的位置）`,
    };
  },
  StackBackward0: (s) => {
    const a = along(s);
    return {
      en: `input i gets the gradient's slice i${a.en}`,
      zh: `第 i 个输入得到梯度${a.zh}的第 i 片`,
    };
  },
  CumsumBackward0: (s) => {
    const a = along(s);
    return {
      en: `element i of ${x(s)} is in every partial sum from i on, so it gets the sum of the gradients from position i to the end${a.en} (a reversed cumsum)`,
      zh: `${x(s)} 的第 i 个元素出现在从 i 开始的每个部分和中，所以它得到${a.zh}从位置 i 到末尾的梯度之和（反向 cumsum）`,
    };
  },
  CumprodBackward0: (s) => {
    const y = r(s);
    return {
      en: `element i of ${x(s)} gets Σⱼ≥ᵢ gⱼ·${y}ⱼ/${xi(s)}ᵢ: each later partial product changes in proportion to it`,
      zh: `${x(s)} 的第 i 个元素得到 Σⱼ≥ᵢ gⱼ·${y}ⱼ/${xi(s)}ᵢ：之后的每个部分积都按比例随它变化`,
      reads: ['out'],
    };
  },
  VarBackward0: (s) => same(`${d(s)} = 2(${xi(s)} − mean(${xi(s)}))/(n − correction)`, [0]),
  StdBackward0: (s) =>
    same(`${d(s)} = (${xi(s)} − mean(${xi(s)}))/((n − correction)·${r(s)})`, [0, 'out']),
  ProdBackward0: (s) =>
    same(`${d(s)} = ${r(s)}/${xi(s)} (the product of the other elements)`, [0, 'out']),
  ProdBackward1: (s) =>
    same(`${d(s)} = ${r(s)}/${xi(s)} (the product of the other elements)`, [0, 'out']),
  SortBackward0: (s) => ({
    en: `each sorted value's gradient goes back to the place in ${x(s)} it came from (the indices sort returned)`,
    zh: `每个排好序的值的梯度回到它在 ${x(s)} 中原来的位置（sort 返回的索引）`,
  }),
  TopkBackward0: (s) => ({
    en: `each of the k values' gradient goes back to its place in ${x(s)} (the indices topk returned); every other element gets 0`,
    zh: `k 个值各自的梯度回到它在 ${x(s)} 中的位置（topk 返回的索引），其他元素得到 0`,
  }),
  SplitBackward0: pieces('cat'),
  SplitWithSizesBackward0: pieces('cat'),
  UnsafeSplitBackward0: pieces('cat'),
  UnbindBackward0: pieces('stack'),
  TanhBackwardBackward0: kernelOfBackward('tanh_backward', 'TanhBackward0'),
  SigmoidBackwardBackward0: kernelOfBackward('sigmoid_backward', 'SigmoidBackward0'),
  ThresholdBackwardBackward0: kernelOfBackward(
    'threshold_backward',
    'ReluBackward0 (or ThresholdBackward0)',
  ),
  LeakyReluBackwardBackward0: kernelOfBackward('leaky_relu_backward', 'LeakyReluBackward0'),
  EluBackwardBackward0: kernelOfBackward('elu_backward', 'EluBackward0'),
  GeluBackwardBackward0: kernelOfBackward('gelu_backward', 'GeluBackward0'),
  SoftplusBackwardBackward0: kernelOfBackward('softplus_backward', 'SoftplusBackward0'),
  LogSigmoidBackwardBackward0: kernelOfBackward('log_sigmoid_backward', 'LogSigmoidBackward0'),
  HardtanhBackwardBackward0: kernelOfBackward('hardtanh_backward', 'HardtanhBackward0'),
  NllLossBackwardBackward0: kernelOfBackward('nll_loss_backward', 'NllLossBackward0'),
  NllLoss2DBackwardBackward0: kernelOfBackward('nll_loss2d_backward', 'NllLoss2DBackward0'),
  SoftmaxBackwardDataBackward0: kernelOfBackward('_softmax_backward_data', 'SoftmaxBackward0'),
  LogSoftmaxBackwardDataBackward0: kernelOfBackward(
    '_log_softmax_backward_data',
    'LogSoftmaxBackward0',
  ),
  MseLossBackwardBackward0: kernelOfBackward('mse_loss_backward', 'MseLossBackward0'),
  PreluBackwardBackward0: kernelOfBackward('prelu_backward', 'PreluBackward0'),
  MaxPool2DWithIndicesBackwardBackward0: kernelOfBackward(
    'max_pool2d_with_indices_backward',
    'MaxPool2DWithIndicesBackward0',
  ),
  AvgPool2DBackwardBackward0: kernelOfBackward('avg_pool2d_backward', 'AvgPool2DBackward0'),
  AdaptiveAvgPool2DBackwardBackward0: kernelOfBackward(
    '_adaptive_avg_pool2d_backward',
    'AdaptiveAvgPool2DBackward0',
  ),
  BinaryCrossEntropyBackwardBackward0: kernelOfBackward(
    'binary_cross_entropy_backward',
    'BinaryCrossEntropyBackward0',
  ),
  SelectBackwardBackward0: () => ({
    en: `the gradient of a select's backward is the selected part of the gradient again: grad[…]`,
    zh: `select 反向的梯度，就是再从梯度中取出被选中的部分：grad[…]`,
  }),
  SliceBackwardBackward0: () => ({
    en: `the gradient of a slice's backward is the sliced part of the gradient again: grad[…]`,
    zh: `切片反向的梯度，就是再从梯度中取出那一段：grad[…]`,
  }),
  AsStridedBackward0: (s) => ({
    en: `each element of the view is one element of ${x(s)}'s storage, so ${x(s)} gets the gradient at the places the view covers (added up where it covers one twice)`,
    zh: `视图的每个元素都是 ${x(s)} 存储中的一个元素，所以 ${x(s)} 在视图覆盖的位置得到梯度（重复覆盖处相加）`,
  }),
  MaskedFillBackward0: (s) => ({
    en: `${x(s)} gets the gradient where the mask is False and 0 where it was filled${s.inputs.length > 2 ? `; the fill value gets the gradient summed over the filled places` : ''}`,
    zh: `${x(s)} 在掩码为 False 处得到梯度，被填充处为 0${s.inputs.length > 2 ? '；填充值得到被填充处梯度之和' : ''}`,
  }),
  WhereBackward0: (s) => ({
    en: `where the condition is True the gradient goes to ${x(s, 1)}, elsewhere to ${x(s, 2)}; each gets 0 where the other was picked`,
    zh: `条件为 True 处梯度流向 ${x(s, 1)}，其余处流向 ${x(s, 2)}；另一个被选中处得到 0`,
  }),
  IndexPutBackward0: (s) => ({
    en: `${x(s)} gets the gradient with the written places set to 0 (their old values were overwritten); the values written get the gradient at those places`,
    zh: `${x(s)} 得到梯度，但被写入的位置为 0（旧值被覆盖）；写入的值得到那些位置的梯度`,
  }),
  ScatterBackward0: (s) => ({
    en: `${x(s)} gets the gradient with the scattered places set to 0; src gets the gradient gathered from those places`,
    zh: `${x(s)} 得到梯度，但被 scatter 写入的位置为 0；src 得到从那些位置 gather 的梯度`,
  }),
  ScatterBackward1: (s) => ({
    en: `${x(s)} gets the gradient with the scattered places set to 0 (the value written there is a constant)`,
    zh: `${x(s)} 得到梯度，但被 scatter 写入的位置为 0（写入的是常数）`,
  }),
  'torch::autograd::CopySlices': () => ({
    en: `an in-place op wrote into part of the tensor: the part it wrote gets what that op's backward sends, the rest of the gradient passes through unchanged`,
    zh: `原地运算写入了张量的一部分：被写入的部分得到该运算反向传播送出的梯度，其余部分的梯度原样通过`,
  }),
  CopyBackwards: (s) => ({
    en: `copy_ overwrote ${x(s)}, so ${x(s)} gets 0 and the source copied from gets the gradient (summed back to its shape if it was broadcast)`,
    zh: `copy_ 覆盖了 ${x(s)}，所以 ${x(s)} 得到 0，被复制的源得到梯度（若被广播则求和回原形状）`,
  }),
  'torch::autograd::NotImplemented': () => ({
    en: `PyTorch has no derivative for this op: backward through it stops with an error`,
    zh: `PyTorch 没有这个运算的导数：经过它的反向传播会报错停止`,
  }),
};

/** The backward of a user's `torch.autograd.Function` (`MyReLUBackward`). */
function customRule(fn: string): Localized {
  const name = fn.slice(0, -'Backward'.length);
  if (name === 'BackwardHookFunction') {
    return {
      en: `BackwardHookFunction passes each gradient through unchanged; it is there so the module's backward hooks see the gradients`,
      zh: `BackwardHookFunction 把每个梯度原样传回；它的作用是让模块的反向钩子看到这些梯度`,
    };
  }
  return {
    en: `your ${name}.backward() computes it: what it returns for each input is that input's gradient`,
    zh: `由你写的 ${name}.backward() 计算：它为每个输入返回的值就是该输入的梯度`,
  };
}

/** The chain rule of grad_fn `fn` in words, if it has one here (null: its op's formulas say it). */
export function chainRule(fn: string, symbols: RuleSymbols, custom: boolean): RuleText | null {
  const rule = RULES[fn];
  if (rule) return rule(symbols);
  return custom && fn.endsWith('Backward') ? customRule(fn) : null;
}

/** Whether grad_fn `fn` has a rule in words here. */
export function hasChainRule(fn: string): boolean {
  return fn in RULES;
}
