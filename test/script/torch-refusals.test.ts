import {describe, expect, it} from 'vitest';
import {runScript} from '../../src/script/index.js';

describe('torch: what grad-graph cannot do ends with a clear error at its line', () => {
  const cases: [string, string, string, number][] = [
    ['x = torch.ones(2)\ny = x.numpy()\n', 'NotImplementedError', 'needs numpy', 2],
    ['d = torch.device("mps")\nx = torch.ones(2, device=d)\n', 'NotImplementedError', 'mps', 2],
  ];
  for (const [source, type, what, line] of cases) {
    it(JSON.stringify(source), () => {
      const r = runScript(`import torch\n${source}`);
      expect(r.error?.type).toBe(type);
      expect(r.error?.message).toContain(what);
      expect(r.error?.line).toBe(line + 1);
    });
  }
});
