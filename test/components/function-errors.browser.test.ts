/**
 * Bad input in a backward pass (#20): a custom autograd.Function whose backward raises or returns
 * a gradient of the wrong shape, and a tensor hook that returns a gradient of another shape.
 * `<grad-graph>` shows PyTorch's error at the user's line, with PyTorch's traceback, whether the
 * script ran in the element's worker or, where no worker can be made, on the main thread. The
 * scripts are golden cases (their loop makes them too long for the main thread's first try), and
 * the expected error, line and frames are what python3 printed for them.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import raises from '../golden/scripts/cases/err_function_backward_raises.py?raw';
import wrongShape from '../golden/scripts/cases/err_function_backward_shape.py?raw';
import hookShape from '../golden/scripts/cases/err_hook_shape.py?raw';
import golden from '../golden/scripts/golden.json';
import type {GradGraph} from '../../components/grad-graph.js';
import {countingWorkers, mount, shadow} from './helpers.js';

type Printed = {stdout: string; stderr?: string; stderrLast: string};

const cases = [
  {name: 'err_function_backward_raises', source: raises, frames: ['backward', 'backward', 'apply']},
  {name: 'err_function_backward_shape', source: wrongShape, frames: ['backward', 'backward']},
  {name: 'err_hook_shape', source: hookShape, frames: ['backward', 'backward']},
];

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

for (const {name, source, frames} of cases) {
  const printed = (golden as Record<string, Printed>)[name];
  const stderr = printed?.stderr ?? '';
  /** The script's innermost line in Python's traceback. */
  const userLine = Number(
    [...stderr.matchAll(new RegExp(`File "${name}\\.py", line (\\d+)`, 'g'))].at(-1)?.[1] ?? 0,
  );
  /** PyTorch's own frames between the backward() call and the user's code. */
  const libraryFrames = [...stderr.matchAll(/File "(\/usr\/lib\/[^"]+)", line (\d+), in (\w+)/g)];

  const expectPyTorchError = (el: GradGraph): void => {
    const [type, ...rest] = (printed?.stderrLast ?? '').split(': ');
    expect(el.error?.type).toBe(type);
    expect(el.error?.message).toBe(rest.join(': '));
    expect(el.error?.line).toBe(userLine);
    for (const [, file, line, fn] of libraryFrames) {
      expect(el.error?.traceback).toContain(`File "${file}", line ${line}, in ${fn}`);
    }
    expect(el.output).toBe(printed?.stdout);
    const box = shadow(el).querySelector('[part="error"]');
    expect(box?.textContent).toContain(`line ${userLine}`);
    expect(shadow(el).querySelector('[part="code"] li.error-line')?.textContent).toContain(
      source.split('\n')[userLine - 1]?.trim(),
    );
  };

  describe(name, () => {
    it('shows PyTorch’s error at the user’s line when the script ran in the worker', async () => {
      expect(userLine).toBeGreaterThan(0);
      expect(libraryFrames.map((m) => m[3])).toEqual(frames);
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
}
