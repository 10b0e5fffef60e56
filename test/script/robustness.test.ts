import {describe, expect, it} from 'vitest';
import {runScript} from '../../src/script/index.js';
import {corpus, mutate, prng, randomCall} from './fuzz.js';

/** How many scripts each run of the suite tries (`FUZZ_COUNT` raises it for a longer run). */
const count = Number(process.env.FUZZ_COUNT ?? 1000);

function check(source: string): void {
  let result: ReturnType<typeof runScript> | undefined;
  expect(() => {
    result = runScript(source, {limits: {timeBudgetMs: 2000}});
  }).not.toThrow();
  const error = result?.error;
  if (error) {
    // An internal error means the runner met something it did not expect: a bug to fix.
    expect(error.type, `${error.message}\n--- script ---\n${source}`).not.toBe('SystemError');
    const last = error.message === '' ? error.type : `${error.type}: ${error.message}`;
    expect(error.traceback.endsWith(last)).toBe(true);
  }
}

describe('the runner never throws and never fails internally', () => {
  it(`on ${count} mutations of the golden corpus (truncations, deletions, duplications, insertions)`, () => {
    const sources = corpus();
    const random = prng(20261126);
    for (let i = 0; i < count; i++) check(mutate(sources, random));
  }, 120_000);

  it(`on ${count} calls of torch functions and methods with random argument types and counts`, () => {
    const random = prng(4);
    for (let i = 0; i < count; i++) check(randomCall(random));
  }, 120_000);

  it('on hostile and odd inputs', () => {
    const inputs = [
      '',
      '\n\n\n',
      '\u0000',
      '\ufeffprint(1)',
      'print("\\N{BULLET}")',
      '😀 = 1',
      `x = ${'9'.repeat(100000)}`,
      `x = '${'a'.repeat(100000)}'`,
      'x = 1e999999',
      'print(-0.0 ** 0.5)',
      '(' + 'x,'.repeat(10000) + ')',
      'import torch\n' + 'x = torch.ones(2)\n'.repeat(2000),
      'for i in range(3):\n\tpass\n        pass',
      'print(' + '[1,'.repeat(150) + ']'.repeat(150) + ')',
      "'''unterminated",
      'x = """a\nb"""\nprint(x)',
      'print(f"{1:{2}}")',
      'print(f"{{}}{1!r:>{3}}")',
      'print("%(a)s" % 5)',
      'x = [1]\nx.append(x)\nprint(x)',
    ];
    for (const source of inputs) check(source);
  });
});
