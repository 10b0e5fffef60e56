/**
 * A custom autograd.Function whose backward raises (#20): `<grad-graph>` shows PyTorch's error at
 * the user's line, with PyTorch's traceback, whether the script ran in the element's worker or,
 * where no worker can be made, on the main thread. The script is the golden case
 * err_function_backward_raises (its loop makes it too long for the main thread's first try), and
 * the expected error, line and frames are what python3 printed for it.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import source from '../golden/scripts/cases/err_function_backward_raises.py?raw';
import golden from '../golden/scripts/golden.json';
import type {GradGraph} from '../../components/grad-graph.js';
import {countingWorkers, mount, shadow} from './helpers.js';

const printed = (golden as Record<string, {stdout: string; stderr?: string; stderrLast: string}>)
  .err_function_backward_raises;
const stderr = printed?.stderr ?? '';
/** The script's innermost line in Python's traceback (the `raise` in backward). */
const userLine = Number(
  [...stderr.matchAll(/File "err_function_backward_raises\.py", line (\d+)/g)].at(-1)?.[1] ?? 0,
);
/** PyTorch's own frames between `y.backward()` and the user's backward. */
const libraryFrames = [...stderr.matchAll(/File "(\/usr\/lib\/[^"]+)", line (\d+), in (\w+)/g)];

afterEach(() => {
  document.body.replaceChildren();
});

async function failed(el: GradGraph): Promise<void> {
  await vi.waitFor(
    () => {
      if (el.busy || !el.error) throw new Error('running');
    },
    {timeout: 60_000, interval: 20},
  );
  await el.updateComplete;
}

function expectPyTorchError(el: GradGraph): void {
  const [type, ...rest] = (printed?.stderrLast ?? '').split(': ');
  expect(el.error?.type).toBe(type);
  expect(el.error?.message).toBe(rest.join(': '));
  expect(el.error?.line).toBe(userLine);
  for (const [, file, line, name] of libraryFrames) {
    expect(el.error?.traceback).toContain(`File "${file}", line ${line}, in ${name}`);
  }
  expect(el.output).toBe(printed?.stdout);
  const box = shadow(el).querySelector('[part="error"]');
  expect(box?.textContent).toContain(`line ${userLine}`);
  expect(shadow(el).querySelector('[part="code"] li.error-line')?.textContent).toContain(
    'raise ValueError',
  );
}

describe('a custom Function whose backward raises', () => {
  it('shows PyTorch’s error at the user’s line when the script ran in the worker', async () => {
    expect(userLine).toBeGreaterThan(0);
    expect(libraryFrames.map((m) => m[3])).toEqual(['backward', 'backward', 'apply']);
    await countingWorkers(async (made) => {
      const el = mount({}, null);
      el.source = source;
      await failed(el);
      expect(made()).toBe(1);
      expectPyTorchError(el);
    });
  }, 90_000);

  it('shows the same error where no worker can be made (the main thread runs it)', async () => {
    const Original = window.Worker;
    let tried = 0;
    window.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        tried++;
        throw new DOMException('workers are not allowed here', 'SecurityError');
        super(url, options);
      }
    };
    try {
      const el = mount({}, null);
      el.source = source;
      await failed(el);
      expect(tried).toBeGreaterThan(0);
      expectPyTorchError(el);
    } finally {
      window.Worker = Original;
    }
  }, 90_000);
});
