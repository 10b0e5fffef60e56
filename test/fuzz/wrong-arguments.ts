/**
 * Calls of every exposed callable (torch functions, tensor methods, builtins) with wrong argument
 * types and counts: no arguments, each kind of value alone, random pairs and triples, too many,
 * and every declared keyword given a value of each kind, plus unknown and duplicated keywords.
 */
import type {Rng} from './rng.js';
import {builtinNames, methodKeywords, moduleFunctionNames, tensorMethodNames} from './bindings.js';

/** Values of every kind a Python caller could pass. */
export const argumentKinds: readonly string[] = [
  '0',
  '-1',
  '3',
  '10**30',
  '2.5',
  "float('nan')",
  "float('inf')",
  'True',
  'None',
  "'abc'",
  "''",
  '[1, 2]',
  '[[1.0], [2.0, 3.0]]',
  '(2, 3)',
  '()',
  't',
  'torch.tensor(1.5, requires_grad=True)',
  'torch.tensor([1, 2])',
  'torch.tensor([True, False])',
  'torch.ones(0)',
  'torch.ones(2, 1, 3)',
  'torch.float64',
  'torch',
  'print',
  't.grad_fn',
  'range(3)',
  't.shape',
];

const prelude = [
  'import torch',
  'import torch.nn.functional as F',
  't = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)',
  's = (t * t).sum()',
  '',
].join('\n');

/** Every callable as the expression that names it. */
export function callableExpressions(): string[] {
  const moduleAlias = (m: string): string => (m === 'torch.nn.functional' ? 'F' : m);
  return [
    ...moduleFunctionNames().map(([m, n]) => `${moduleAlias(m)}.${n}`),
    ...tensorMethodNames().map((n) => `t.${n}`),
    ...tensorMethodNames().map((n) => `s.${n}`),
    ...builtinNames(),
  ];
}

function keywordsOf(callee: string): string[] {
  const method = /^[ts]\.(\w+)$/.exec(callee);
  const declared = method ? methodKeywords(method[1] ?? '') : [];
  return [...new Set([...declared, 'dim', 'dtype', 'requires_grad', 'input', 'bogus'])];
}

/** The wrong-argument scripts for one callable. */
export function wrongCalls(callee: string, rng: Rng, randomCombos: number): string[] {
  const calls: string[] = [`${callee}()`];
  for (const k of argumentKinds) calls.push(`${callee}(${k})`);
  for (let n = 0; n < randomCombos; n++) {
    const count = rng.pick([2, 2, 3, 3, 4, 7]);
    calls.push(
      `${callee}(${Array.from({length: count}, () => rng.pick(argumentKinds)).join(', ')})`,
    );
  }
  for (const kw of keywordsOf(callee)) {
    calls.push(`${callee}(${kw}=${rng.pick(argumentKinds)})`);
    calls.push(`${callee}(t, ${kw}=${rng.pick(argumentKinds)})`);
    calls.push(`${callee}(1, ${kw}=${rng.pick(argumentKinds)})`);
  }
  calls.push(`${callee}(t, t, dim=0, dim=1)`);
  calls.push(`${callee}(*t)`);
  return calls.map((c) => `${prelude}print(${c})\n`);
}

/** All wrong-argument scripts, for every callable the runner exposes. */
export function allWrongCalls(rng: Rng, randomCombos: number): string[] {
  return callableExpressions().flatMap((c) => wrongCalls(c, rng, randomCombos));
}
