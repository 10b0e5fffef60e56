/**
 * Narration of an optimizer's calls: `step()` says how the algorithm moves each parameter and
 * with which numbers (SGD: `w = w − lr · grad`, written out); `zero_grad()` says which `.grad`s it
 * cleared and why. The timeline gathers the facts (timeline-optimizer.ts); this file words them,
 * in English and in Chinese.
 */
import type {Localized} from './model.js';

/** One parameter's update: its name and its numbers before and after, and the gradient used. */
export interface UpdateFacts {
  readonly name: string;
  readonly before: string;
  readonly grad: string;
  readonly after: string;
}

/** An optimizer's `step()`: which algorithm, its hyperparameters (as text), the updates. */
export interface OptimizerFacts {
  /** The call's source (`optimizer.step()`). */
  readonly code: string;
  /** The update PyTorch's functional form names: `sgd`, `adam`, `adamw`, `rmsprop`, `adagrad`. */
  readonly algorithm: string;
  /** Hyperparameters by PyTorch's names (`lr`, `momentum`, `beta1`, `step`, …), as numbers in text. */
  readonly hyper: Readonly<Record<string, string>>;
  readonly updates: readonly UpdateFacts[];
}

/** At most this many parameters are written out with their numbers. */
const SHOWN = 4;

function updatesText(f: OptimizerFacts, plain: boolean): Localized {
  const shown = f.updates.slice(0, SHOWN);
  const lr = f.hyper.lr ?? '?';
  const one = (u: UpdateFacts): Localized =>
    plain
      ? {
          en: `${u.name} = ${u.before} − ${lr} · ${u.grad} = ${u.after}`,
          zh: `${u.name} = ${u.before} − ${lr} · ${u.grad} = ${u.after}`,
        }
      : {
          en: `${u.name}: ${u.before} → ${u.after} (grad ${u.grad})`,
          zh: `${u.name}：${u.before} → ${u.after}（梯度 ${u.grad}）`,
        };
  const parts = shown.map(one);
  const more = f.updates.length - shown.length;
  return {
    en: parts.map((p) => p.en).join('; ') + (more > 0 ? `; and ${more} more` : ''),
    zh: parts.map((p) => p.zh).join('；') + (more > 0 ? `；另有 ${more} 个参数` : ''),
  };
}

/** What the algorithm does, in words, before the numbers. */
function rule(f: OptimizerFacts): Localized & {plain: boolean} {
  const h = f.hyper;
  const lr = h.lr ?? '?';
  switch (f.algorithm) {
    case 'sgd': {
      const momentum = h.momentum !== undefined && Number(h.momentum) !== 0;
      const decay =
        h.weight_decay !== undefined && Number(h.weight_decay) !== 0
          ? {
              en: ` Weight decay ${h.weight_decay} first adds ${h.weight_decay} · parameter to each gradient.`,
              zh: `权重衰减 ${h.weight_decay} 先把 ${h.weight_decay} · 参数 加到梯度上。`,
            }
          : {en: '', zh: ''};
      if (!momentum) {
        return {
          en: `SGD moves each parameter against its gradient by lr · grad (lr = ${lr}).${decay.en}`,
          zh: `SGD 让每个参数沿梯度的反方向移动 lr · grad（lr = ${lr}）。${decay.zh}`,
          plain: decay.en === '',
        };
      }
      return {
        en: `SGD with momentum ${h.momentum} moves each parameter by −lr · v (lr = ${lr}), where the velocity v = ${h.momentum} · v + grad keeps a running sum of past gradients.${decay.en}`,
        zh: `带动量 ${h.momentum} 的 SGD 让每个参数移动 −lr · v（lr = ${lr}），其中速度 v = ${h.momentum} · v + grad 累积了过去的梯度。${decay.zh}`,
        plain: false,
      };
    }
    case 'adam':
    case 'adamw': {
      const name = f.algorithm === 'adam' ? 'Adam' : 'AdamW';
      const decay =
        f.algorithm === 'adamw'
          ? {
              en: ` It first shrinks each parameter by lr · weight_decay (decoupled weight decay).`,
              zh: `它先把每个参数按 lr · weight_decay 缩小（解耦的权重衰减）。`,
            }
          : {en: '', zh: ''};
      return {
        en: `${name} (step ${h.step ?? '?'}) moves each parameter by −lr · m̂ / (√v̂ + ε) with lr = ${lr}: m̂ and v̂ are running averages of the gradient (β1 = ${h.beta1 ?? '?'}) and of its square (β2 = ${h.beta2 ?? '?'}), corrected for starting at 0, so each element moves by about lr whatever the size of its gradient.${decay.en}`,
        zh: `${name}（第 ${h.step ?? '?'} 步）让每个参数移动 −lr · m̂ / (√v̂ + ε)，lr = ${lr}：m̂ 和 v̂ 是梯度（β1 = ${h.beta1 ?? '?'}）及其平方（β2 = ${h.beta2 ?? '?'}）的滑动平均，并修正了从 0 开始的偏差，所以每个元素大约移动 lr，与梯度大小无关。${decay.zh}`,
        plain: false,
      };
    }
    case 'rmsprop':
      return {
        en: `RMSprop moves each parameter by −lr · grad / (√s + ε) with lr = ${lr}, where s is a running average of the squared gradient (alpha = ${h.alpha ?? '?'}).`,
        zh: `RMSprop 让每个参数移动 −lr · grad / (√s + ε)，lr = ${lr}，其中 s 是梯度平方的滑动平均（alpha = ${h.alpha ?? '?'}）。`,
        plain: false,
      };
    case 'adagrad':
      return {
        en: `Adagrad moves each parameter by −lr · grad / (√s + ε) with lr = ${lr}, where s is the sum of all its squared gradients so far, so its steps shrink as gradients add up.`,
        zh: `Adagrad 让每个参数移动 −lr · grad / (√s + ε)，lr = ${lr}，其中 s 是到目前为止所有梯度平方之和，所以步子随梯度累积而变小。`,
        plain: false,
      };
    default:
      return {
        en: `${f.algorithm} updates each parameter.`,
        zh: `${f.algorithm} 更新每个参数。`,
        plain: false,
      };
  }
}

/** Narration of an optimizer's `step()`. */
export function narrateOptimizerStep(f: OptimizerFacts): Localized {
  if (f.updates.length === 0) {
    return {
      en: `${f.code}: no parameter has a gradient, so nothing changes.`,
      zh: `${f.code}：没有参数有梯度，所以什么都不变。`,
    };
  }
  const r = rule(f);
  const numbers = updatesText(f, r.plain);
  return {
    en: `${f.code}: ${r.en} ${numbers.en}.`,
    zh: `${f.code}：${r.zh}${numbers.zh}。`,
  };
}

/** Narration of `zero_grad()`: the `.grad`s it set to 0. */
export function narrateZeroGrad(code: string, grads: readonly string[]): Localized {
  const shown = grads.slice(0, SHOWN);
  const more = grads.length - shown.length;
  const list = {
    en: shown.join(', ') + (more > 0 ? ` and ${more} more` : ''),
    zh: shown.join('、') + (more > 0 ? ` 等 ${grads.length} 个` : ''),
  };
  return {
    en: `${code}: sets ${list.en} to 0 in place, so the next backward() writes fresh gradients instead of adding to these.`,
    zh: `${code}：把 ${list.zh} 原地清零，下一次 backward() 写入新的梯度，而不是累加到这些旧值上。`,
  };
}
