import {describe, expect, it} from 'vitest';
import {runScript} from '../../src/script/index.js';

describe('standard modules: what a page cannot do ends with a clear error at its line', () => {
  const cases: [string, string, number][] = [
    ['import os\nos.listdir(".")\n', 'os.listdir() is not supported by grad-graph', 2],
    ['import os\nos.getcwd()\n', 'os.getcwd() is not supported by grad-graph', 2],
    ['import os.path\nos.path.exists("x")\n', 'os.path.exists() is not supported', 2],
    ['import random\nrandom.seed("abc")\n', 'random.seed(str) is not supported', 2],
    ['import math\nimport matplotlib.pyplot as plt\n', "importing 'matplotlib.pyplot' is", 2],
  ];
  for (const [source, what, line] of cases) {
    it(JSON.stringify(source), () => {
      const r = runScript(source);
      expect(r.error?.type).toBe('NotImplementedError');
      expect(r.error?.message).toContain(what);
      expect(r.error?.line).toBe(line);
    });
  }

  it('makes each run its own random module (a seed in one run does not leak into the next)', () => {
    const a = runScript('import random\nrandom.seed(5)\nprint(random.random())\n');
    const b = runScript('import random\nprint(random.random())\n');
    const c = runScript('import random\nrandom.seed(5)\nprint(random.random())\n');
    expect(a.output).toBe(c.output);
    expect(b.output).not.toBe(a.output);
  });

  it('yields endless itertools lazily (zip with count, islice of cycle)', () => {
    const r = runScript(
      'import itertools\nprint(list(zip(itertools.count(), "ab")), list(itertools.islice(itertools.cycle([1, 2]), 5)))\n',
    );
    expect(r.error).toBeNull();
    expect(r.output).toBe("[(0, 'a'), (1, 'b')] [1, 2, 1, 2, 1]\n");
  });
});
