/**
 * Regressions the fuzzer found in the trace stage: every script's trace (what the element and
 * `grad-graph trace` hold) survives JSON and validation, and recording never throws.
 */
import {describe, expect, it} from 'vitest';
import {checkTraced} from '../fuzz/property.js';

const scripts: Record<string, string> = {
  'an empty tensor with a 1 before the 0': 'import torch\nx = torch.zeros(1, 0)\nprint(x)\n',
  'an empty tensor with the 0 first': 'import torch\nx = torch.zeros(0, 3)\nprint(x.sum())\n',
  'int64 tensors truncated to zero from negatives (no -0 element)':
    'import torch\nx = torch.tensor([-0.5, 0.7]).long()\nz = torch.tensor([-1, 2]) * 0\nprint(x, z)\n',
};

describe('traces of fuzz findings round-trip', () => {
  for (const [what, source] of Object.entries(scripts)) {
    it(what, () => {
      expect(checkTraced(source)).toBeNull();
    });
  }
});
