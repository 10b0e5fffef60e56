/**
 * The registry: every op declaration (op.ts), in one list, and what is built from it once, when
 * this module loads: the Tensor methods and getters on Tensor.prototype, the `torch.*` and
 * `F.*` functions, and the lookup of node declarations by grad_fn name (for the narration).
 *
 * A new op file adds its `declarations` to `opDeclarations` below; nothing else changes.
 */
import type {NodeDeclaration, OpDeclaration, OperatorBinding, TorchFunction} from './op.js';
import {declaredNodes} from './op.js';
import {Tensor} from './tensor.js';
import {declarations as engine} from './engine.js';
import {declarations as activation} from './ops/activation-functional.js';
import {declarations as addmm} from './ops/addmm.js';
import {declarations as arith} from './ops/arith.js';
import {declarations as powOps} from './ops/pow.js';
import {declarations as compare} from './ops/compare.js';
import {declarations as bce} from './ops/bce.js';
import {declarations as conv} from './ops/conv.js';
import {declarations as norm} from './ops/norm.js';
import {declarations as layerNorm} from './ops/layer-norm.js';
import {declarations as embedding} from './ops/embedding.js';
import {declarations as crossEntropy} from './ops/cross-entropy.js';
import {declarations as convert} from './ops/convert.js';
import {declarations as division} from './ops/division.js';
import {declarations as gather} from './ops/gather.js';
import {declarations as indexing} from './ops/indexing.js';
import {declarations as masked} from './ops/masked.js';
import {declarations as inplace} from './ops/inplace.js';
import {declarations as distributions} from './ops/distributions.js';
import {declarations as dropout} from './ops/dropout.js';
import {declarations as randomInplace} from './ops/random-inplace.js';
import {declarations as join} from './ops/join.js';
import {declarations as linalg} from './ops/linalg.js';
import {declarations as nn} from './ops/nn.js';
import {declarations as oneHot} from './ops/one-hot.js';
import {declarations as pointwise} from './ops/pointwise.js';
import {declarations as pool} from './ops/pool.js';
import {declarations as rearrange} from './ops/rearrange.js';
import {declarations as reduce} from './ops/reduce.js';
import {declarations as vectorNorm} from './ops/vector-norm.js';
import {declarations as rounding} from './ops/rounding.js';
import {declarations as scan} from './ops/scan.js';
import {declarations as setitem} from './ops/setitem.js';
import {declarations as stats} from './ops/stats.js';
import {declarations as transcendental} from './ops/transcendental.js';
import {declarations as sorting} from './ops/sorting.js';
import {declarations as rnn} from './ops/rnn.js';
import {declarations as split} from './ops/split.js';
import {declarations as unary} from './ops/unary.js';
import {declarations as unaryInPlace} from './ops/unary-inplace.js';
import {declarations as views} from './ops/view-ops.js';
import {declarations as extremum} from './ops/extremum.js';
import {declarations as logical} from './ops/logical.js';
import {declarations as truth} from './ops/truth.js';

/** Every op declaration, in the order the Python runner lists their names. */
export const opDeclarations: readonly OpDeclaration[] = [
  ...arith,
  ...powOps,
  ...division,
  ...rounding,
  ...unary,
  ...transcendental,
  ...unaryInPlace,
  ...reduce,
  ...vectorNorm,
  ...compare,
  ...logical,
  ...truth,
  ...extremum,
  ...linalg,
  ...addmm,
  ...views,
  ...indexing,
  ...gather,
  ...masked,
  ...convert,
  ...nn,
  ...activation,
  ...oneHot,
  ...crossEntropy,
  ...bce,
  ...norm,
  ...layerNorm,
  ...embedding,
  ...conv,
  ...pool,
  ...inplace,
  ...randomInplace,
  ...distributions,
  ...dropout,
  ...setitem,
  ...join,
  ...scan,
  ...rearrange,
  ...pointwise,
  ...stats,
  ...sorting,
  ...split,
  ...rnn,
  ...engine,
];

function collect(field: 'functions' | 'functional'): Readonly<Record<string, TorchFunction>> {
  const out: Record<string, TorchFunction> = {};
  for (const op of opDeclarations) Object.assign(out, op[field] ?? {});
  return out;
}

/** The `torch.*` functions the ops declare, by TypeScript name. */
export const opFunctions = collect('functions');

/** The `torch.nn.functional` functions the ops declare, by TypeScript name. */
export const functionalFunctions = collect('functional');

/** The Python operators the ops provide, by symbol, each op's part merged (`+` and `+=`). */
export const operators: ReadonlyMap<string, OperatorBinding> = (() => {
  const table = new Map<string, OperatorBinding>();
  for (const op of opDeclarations) {
    for (const [symbol, binding] of Object.entries(op.operators ?? {})) {
      table.set(symbol, {...table.get(symbol), ...binding});
    }
  }
  return table;
})();

const nodesByName = new Map<string, NodeDeclaration>();
for (const op of opDeclarations) {
  for (const node of op.nodes ?? []) nodesByName.set(node.name, node);
  for (const [name, method] of Object.entries(op.methods ?? {})) {
    Object.defineProperty(Tensor.prototype, name, {
      value: method,
      writable: true,
      configurable: true,
    });
  }
  for (const [name, get] of Object.entries(op.getters ?? {})) {
    Object.defineProperty(Tensor.prototype, name, {get, configurable: true});
  }
}

/** The declaration of the node PyTorch names `name` (`AddBackward0`), if an op declares it. */
export function nodeDeclaration(name: string): NodeDeclaration | undefined {
  return nodesByName.get(name) ?? declaredNodes().find((n) => n.name === name);
}

/** The name of every backward node an op file declares (see op.ts's `declaredNodes`). */
export function declaredNodeNames(): readonly string[] {
  return [...new Set([...nodesByName.keys(), ...declaredNodes().map((n) => n.name)])];
}
