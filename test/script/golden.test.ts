import {describe, expect, it} from 'vitest';
import {goldens, lastLine, needsCliStack, normalize, runCase, todo} from './golden-cases.js';

/**
 * Whole tutorials that train for thousands of steps: more time than vitest's 5 s default (a
 * correctness test, so generous: a loaded machine may be several times slower than an idle one).
 */
const slow: ReadonlySet<string> = new Set([
  'autograd_function_legendre',
  'tutorial_polynomial_fit_2000',
  // "Extending PyTorch" as written: gradcheck of a 20×20 by 30×20 linear function (1,000 inputs).
  'tutorial_extending_autograd',
  // the blitz LeNet trained 10 SGD steps in oneDNN's order, then single layers with their grads
  'conv2d_onednn_bits',
  // gradgradcheck of 28 activations and losses, each a numerical Jacobian of a gradient.
  'nn_double_backward',
  // gradgradcheck of prelu (two weights), the 2-D pools and mean on a 2×3×4×4 float64 input.
  'nn_double_backward_prelu_pool',
  // PyTorch's LSTM part-of-speech tagger tutorial: 300 epochs of an LSTM over two sentences.
  'lstm_tagger',
  // PyTorch's two-layer net tutorial on its 64×1000 batch, 30 steps (two 64×1000×100 products each).
  'tutorial_two_layer_batch',
  // recursion to CPython's limit through the heap-stack call mode (5.8 s in a loaded full run).
  'recursion_worker',
]);

describe('grad-graph run matches python3 on the golden corpus', () => {
  for (const [name, golden] of Object.entries(goldens)) {
    if (needsCliStack(name)) continue; // cli-stack.test.ts
    if (todo[name]) {
      it.todo(`${name}: ${todo[name]}`);
      continue;
    }
    it(
      name,
      async () => {
        const {stdout, stderr, code} = await runCase(name);
        expect(normalize(stdout)).toBe(normalize(golden.stdout));
        expect(normalize(lastLine(stderr))).toBe(normalize(golden.stderrLast));
        if (golden.stderr !== undefined) expect(normalize(stderr)).toBe(normalize(golden.stderr));
        expect(code).toBe(golden.exitCode === 0 ? 0 : 1);
      },
      slow.has(name) ? 240_000 : undefined,
    );
  }
});
