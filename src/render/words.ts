/** The few words the picture itself prints, in each supported language. */
import type {Lang} from '../graph/model.js';

/** Reader-facing words of the picture. */
export interface Words {
  readonly grad: string;
  readonly leafGrad: string;
  readonly accumulate: string;
  readonly value: string;
  readonly seed: string;
  readonly sumOf: (n: number) => string;
  readonly step: (k: number, n: number, phase: 'forward' | 'backward') => string;
  readonly graphLabel: (nodes: number, links: number) => string;
  readonly notYet: string;
  /** What a node of the picture is, for screen readers (its `aria-roledescription`). */
  readonly node: string;
  /** The title of the mark where hooks act. */
  readonly hooked: (names: readonly string[]) => string;
}

/** English and Chinese words. */
export const words: Readonly<Record<Lang, Words>> = {
  en: {
    grad: 'grad',
    leafGrad: '.grad',
    accumulate: '.grad +=',
    value: 'value',
    seed: 'backward(gradient)',
    sumOf: (n) => `sum of ${n} grads`,
    step: (k, n, phase) => `Step ${k} of ${n} · ${phase}`,
    graphLabel: (nodes, links) => `Computation graph: ${nodes} nodes, ${links} links`,
    notYet: 'not computed yet',
    node: 'graph node',
    hooked: (names) => `${names.length === 1 ? 'hook' : 'hooks'} ${names.join(', ')}`,
  },
  zh: {
    grad: '梯度',
    leafGrad: '.grad',
    accumulate: '.grad +=',
    value: '值',
    seed: 'backward(gradient)',
    sumOf: (n) => `${n} 个梯度之和`,
    step: (k, n, phase) => `第 ${k} 步，共 ${n} 步 · ${phase === 'forward' ? '前向' : '反向'}`,
    graphLabel: (nodes, links) => `计算图：${nodes} 个节点，${links} 条边`,
    notYet: '尚未计算',
    node: '图节点',
    hooked: (names) => `钩子 ${names.join('，')}`,
  },
};
