/**
 * Runs every golden case (test/golden/autograd/golden.json, written by generate.py from real
 * PyTorch 1.13) through autograd/ and compares each step: values to float32 rounding; dtype,
 * shape, grad_fn, next_functions, printed text and error messages exactly; then final grads.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {Node, Tensor, formatFloatRepr, formatSize, setGradEnabled} from '../../autograd/index.js';
import {PyDType, PySize, PyTuple, decode, pyFloat, runStep} from './pybridge.js';
import type {PyValue, Step} from './pybridge.js';

interface Golden {
  torch: string;
  cases: {
    name: string;
    steps: Step[];
    results: Expected[];
    final: Record<string, {grad: Expected | null; version: number}>;
  }[];
}

type Expected = Record<string, unknown> & {type: string};

const golden = JSON.parse(
  readFileSync(new URL('../golden/autograd/golden.json', import.meta.url), 'utf8'),
) as Golden;

/** Python's repr of a result scalar or list. */
function pyRepr(v: PyValue): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return formatFloatRepr(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'string') return `'${v}'`;
  if (v instanceof Tensor || v instanceof Node) return v.toString();
  return typeof v;
}

function close(a: number, b: number, dtype: string): boolean {
  if (Number.isNaN(b)) return Number.isNaN(a);
  if (!Number.isFinite(b)) return a === b;
  const [rtol, atol] =
    dtype === 'float64' ? [1e-12, 1e-14] : dtype === 'float32' ? [2e-6, 1e-7] : [0, 0];
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

function sameScalar(got: PyValue, want: PyValue, dtype: string): boolean {
  if (typeof want === 'number') return typeof got === 'number' && close(got, want, dtype);
  if (Array.isArray(want)) {
    return (
      Array.isArray(got) &&
      got.length === want.length &&
      want.every((w, i) => sameScalar(got[i], w, dtype))
    );
  }
  return got === want;
}

function nextNames(n: Node | null): [string | null, number][] | null {
  return n === null ? null : n.nextFunctions.map(([m, i]) => [m === null ? null : m.name(), i]);
}

/** Compares one result; returns the list of differences. */
function compare(got: PyValue, want: Expected, where: string): string[] {
  const diffs: string[] = [];
  const check = (what: string, g: unknown, w: unknown) => {
    if (JSON.stringify(g) !== JSON.stringify(w))
      diffs.push(`${where} ${what}: got ${JSON.stringify(g)}, want ${JSON.stringify(w)}`);
  };
  switch (want.type) {
    case 'ignored':
      return diffs;
    case 'none':
      if (got !== null && got !== undefined) diffs.push(`${where}: want None, got ${pyRepr(got)}`);
      return diffs;
    case 'tensor': {
      if (!(got instanceof Tensor)) return [`${where}: want a tensor, got ${String(got)}`];
      check('dtype', got.dtype, want.dtype);
      check('shape', got.shape, want.shape);
      check('requires_grad', got.requiresGrad, want.requires_grad);
      check('is_leaf', got.isLeaf, want.is_leaf);
      check('grad_fn', got.gradFn?.name() ?? null, want.grad_fn);
      check('next_functions', nextNames(got.gradFn), want.next);
      check('version', got.versionNumber, want.version);
      if (got.toString() !== want.repr)
        diffs.push(`${where} repr:\n--- got\n${got.toString()}\n--- want\n${String(want.repr)}`);
      if (want.values) {
        const values = (want.values as unknown[]).map((v) => decode(v, new Map()));
        const flat = got.contiguous().reshape(-1).tolist() as PyValue[];
        const bad = values.findIndex((w, i) => !sameScalar(flat[i], w, got.dtype));
        if (bad >= 0 || flat.length !== values.length) {
          diffs.push(
            `${where} values[${bad}]: got ${pyRepr(flat[bad])}, want ${pyRepr(values[bad])}`,
          );
        }
      }
      return diffs;
    }
    case 'node': {
      if (!(got instanceof Node)) return [`${where}: want a grad_fn, got ${String(got)}`];
      check('name', got.name(), want.name);
      check('next_functions', nextNames(got), want.next);
      const pattern = String(want.repr).replace(/0x[0-9a-f]+/, '0x');
      check('repr', got.toString().replace(/0x[0-9a-f]+/, '0x'), pattern);
      return diffs;
    }
    case 'size':
      if (!(got instanceof PySize)) return [`${where}: want a torch.Size, got ${String(got)}`];
      check('size', got.shape, want.value);
      check('repr', formatSize(got.shape), want.repr);
      return diffs;
    case 'dtype':
      if (!(got instanceof PyDType)) return [`${where}: want a dtype`];
      check('repr', `torch.${got.dtype}`, want.repr);
      return diffs;
    case 'scalar': {
      const w = decode(want.value, new Map());
      if (!sameScalar(got, w, 'float32'))
        diffs.push(`${where}: got ${pyRepr(got)}, want ${pyRepr(w)}`);
      else check('repr', pyRepr(got), want.repr);
      return diffs;
    }
    case 'str': {
      const norm = (s: unknown) => String(s).replace(/0x[0-9a-f]+/g, '0x');
      check('str', norm(got), norm(want.value));
      return diffs;
    }
    case 'tuple': {
      const items =
        got instanceof PyTuple ? got.items : Array.isArray(got) ? (got as PyValue[]) : null;
      const wantItems = want.items as Expected[];
      if (items?.length !== wantItems.length)
        return [`${where}: want a tuple of ${wantItems.length}`];
      wantItems.forEach((w, i) => diffs.push(...compare(items[i], w, `${where}[${i}]`)));
      return diffs;
    }
    default:
      return [`${where}: unknown expectation ${want.type}`];
  }
}

describe(`golden cases from PyTorch ${golden.torch}`, () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const env = new Map<string, PyValue>();
      const diffs: string[] = [];
      try {
        c.steps.forEach((step, i) => {
          const want = c.results[i] as Expected;
          const where = `step ${i} (${step.out ?? '_'} = ${step.fn})`;
          const res = runStep(step, env);
          if ('error' in res) {
            if (want.type !== 'error')
              diffs.push(`${where}: raised ${res.error.pyType}: ${res.error.message}`);
            else {
              if (res.error.pyType !== want.error)
                diffs.push(`${where}: raised ${res.error.pyType}, want ${String(want.error)}`);
              if (res.error.message !== want.message)
                diffs.push(
                  `${where} message:\n  got  ${res.error.message}\n  want ${String(want.message)}`,
                );
            }
          } else if (want.type === 'error') {
            diffs.push(
              `${where}: want ${String(want.error)}: ${String(want.message)}, got no error`,
            );
          } else if (want.type === 'order') {
            diffs.push(...compare(res.value, want, where));
          } else {
            diffs.push(...compare(res.value, want, where));
          }
        });
        for (const [name, fin] of Object.entries(c.final)) {
          const t = env.get(name);
          if (!(t instanceof Tensor)) continue;
          if (fin.grad === null) {
            if (t.grad !== null)
              diffs.push(`final ${name}.grad: want None, got ${t.grad.toString()}`);
          } else {
            // A final .grad's version depends on memory-layout choices of PyTorch's TensorIterator
            // (whether AccumulateGrad could keep the gradient or had to clone it): not compared.
            const {version: _version, ...rest} = fin.grad;
            diffs.push(
              ...compare(t.grad, {...rest, version: t.grad?.versionNumber}, `final ${name}.grad`),
            );
          }
          if (t.versionNumber !== fin.version)
            diffs.push(`final ${name}._version: got ${t.versionNumber}, want ${fin.version}`);
        }
      } finally {
        setGradEnabled(true);
      }
      expect(diffs.map((d) => `${c.name}: ${d}`)).toEqual([]);
    });
  }
});

/** Guards the decoder itself. */
it('decodes Python floats JSON cannot hold', () => {
  expect(pyFloat('nan')).toBeNaN();
  expect(Object.is(pyFloat('-0.0'), -0)).toBe(true);
});
