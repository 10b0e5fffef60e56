/** The PyTorch goldens of test/golden/trace/cases.json (made by generate.py with real PyTorch). */
import {readFileSync} from 'node:fs';

/** One backward pass as PyTorch ran it: hook order and the gradients each node got and sent. */
export interface GoldenPass {
  readonly seed: number[];
  /** `repr()` of the seed gradient. */
  readonly seed_repr: string;
  readonly order: string[];
  readonly steps: {name: string; grads_in: (number[] | null)[]; grads_out: (number[] | null)[]}[];
  /** Each leaf's `.grad` before and after the pass (`leaf`: its name in the script, if any). */
  readonly grads: {leaf: string | null; before: number[] | null; after: number[]}[];
}

/** A tensor the case bound to a name, after it ran. */
export interface GoldenTensor {
  readonly shape: number[];
  readonly values: number[];
  readonly requires_grad: boolean;
  readonly is_leaf: boolean;
  readonly grad_fn: string | null;
  readonly grad: number[] | null;
  readonly repr: string;
}

/** One case: its Python source and what PyTorch did with it. */
export interface GoldenCase {
  readonly source: string;
  readonly output: string;
  readonly error: {type: string; message: string} | null;
  readonly passes: GoldenPass[];
  readonly tensors: Record<string, GoldenTensor>;
}

const file = new URL('../golden/trace/cases.json', import.meta.url);
const cases = (JSON.parse(readFileSync(file, 'utf8')) as {cases: Record<string, GoldenCase>}).cases;

/** A golden case by name. */
export function golden(name: string): GoldenCase {
  const c = cases[name];
  if (!c) throw new Error(`no golden case ${name}`);
  return c;
}
