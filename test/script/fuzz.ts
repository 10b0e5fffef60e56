/**
 * Script mutations for robustness checks: deterministic (seeded) truncations, deletions,
 * duplications and insertions of tokens and characters in the golden corpus.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {moduleFunctionNames, tensorMethodNames} from '../fuzz/bindings.js';

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fragments = [
  '(',
  ')',
  '[',
  ']',
  ',',
  ':',
  '=',
  '+',
  '-',
  '*',
  '/',
  '//',
  '%',
  '**',
  '@',
  '.',
  '\n',
  '    ',
  '\t',
  'torch',
  'x',
  'None',
  'True',
  '0',
  '-1',
  '1e308',
  '10**400',
  "'s'",
  '"',
  "'",
  'for',
  'in',
  'if',
  'else',
  'with',
  'not',
  'and',
  'or',
  'lambda',
  'def',
  '#',
  '\\',
  'In [3]:',
  '😀',
  '\u00a0',
  '…',
  'requires_grad=True',
  'dim=',
  '.backward()',
  '.grad',
  '[0]',
  '[:, 0]',
  '.T',
  'print(',
  ')(',
  'torch.ones(2, 2)',
  'torch.tensor([[1., 2.], [3., 4.]])',
  '.sum()',
  '.mean(dim=1)',
  '.view(-1)',
  '.item()',
  'range(3)',
];

/** The corpus scripts' sources. */
export function corpus(): string[] {
  const dir = new URL('../golden/scripts/cases/', import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => readFileSync(new URL(f, dir), 'utf8'));
}

/** One mutated script. */
export function mutate(sources: readonly string[], random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  let text = pick(sources);
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (text.length + 1));
    const kind = random();
    if (kind < 0.15) text = text.slice(0, at);
    else if (kind < 0.45) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8));
    else if (kind < 0.6) {
      const len = Math.floor(random() * 30);
      text = text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
    } else text = text.slice(0, at) + pick(fragments) + text.slice(at);
  }
  return text;
}

const argPool = [
  'x',
  'y',
  'v',
  's',
  '0',
  '1',
  '-1',
  '2',
  '5',
  '0.5',
  '-2.5',
  'True',
  'None',
  "'a'",
  '[1, 2]',
  '(2, 2)',
  '[[1.0], [2.0]]',
  'torch.float64',
  'torch.int64',
  'dim=0',
  'dim=5',
  'keepdim=True',
  'p=1',
  'requires_grad=True',
  'dtype=torch.float32',
  'alpha=2',
  'min=0',
  'max=1',
  'gradient=x',
  'retain_graph=True',
  'foo=1',
  'x.grad',
  'x.T',
  '1e308',
  '10**30',
  'float("nan")',
];

/** The callables the runner binds, read from its own tables (a new binding is fuzzed at once). */
const functionNames = moduleFunctionNames()
  .filter(([module]) => module === 'torch')
  .map(([, name]) => name);
const methodNames = tensorMethodNames();

/** A script calling a torch function or tensor method with random arguments. */
export function randomCall(random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const args = Array.from({length: Math.floor(random() * 4)}, () => pick(argPool));
  const positional = args.filter((a) => !/^\w+=/.test(a));
  const keywords = args.filter((a) => /^\w+=/.test(a));
  const list = [...positional, ...keywords].join(', ');
  const head =
    'import torch\nimport torch.nn.functional as F\nx = torch.ones(2, 2, requires_grad=True)\ny = torch.tensor([1.0, -2.0])\nv = torch.tensor(3)\ns = x.sum()\n';
  const r = random();
  if (r < 0.45) return `${head}print(torch.${pick(functionNames)}(${list}))\n`;
  if (r < 0.9) return `${head}print(${pick(['x', 'y', 'v', 's'])}.${pick(methodNames)}(${list}))\n`;
  const op = pick(['+', '-', '*', '/', '**', '@', '//', '%', '<', '==', 'in', 'and']);
  return `${head}print(${pick(argPool.slice(0, 17))} ${op} ${pick(argPool.slice(0, 17))})\n`;
}
