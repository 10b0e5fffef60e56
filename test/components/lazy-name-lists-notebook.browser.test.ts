/**
 * `<grad-notebook>` runs its cells on the main thread, at once when what they import has loaded:
 * a fresh page has not loaded the name lists of errors' hints (src/script/name-lists.ts), so a
 * cell whose error reads them runs again once they have, and shows python3's last line
 * (test/golden/scripts/golden.json); cells that read none run without them (issue 17).
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import golden from '../golden/scripts/golden.json';
import nameHint from '../golden/scripts/cases/err_name_hint.py?raw';
import '../../components/grad-notebook.js';
import type {GradNotebook} from '../../components/grad-notebook.js';
import {nameListsLoaded} from '../../src/run/index.js';

afterEach(() => {
  document.body.replaceChildren();
});

function notebook(cells: string[]): GradNotebook {
  const el = document.createElement('grad-notebook');
  for (const cell of cells) {
    const s = document.createElement('script');
    s.type = 'text/x-python';
    s.textContent = cell;
    el.append(s);
  }
  document.body.append(el);
  return el;
}

describe('<grad-notebook> and the name lists (Chromium)', () => {
  it('runs cells that read no name list at once, without them', async () => {
    const el = notebook(['import torch\nx = torch.ones(2)\nprint(x.sum())']);
    await el.updateComplete;
    el.runAll();
    expect(el.cells[0]?.result?.output).toBe('tensor(2.)\n');
    expect(nameListsLoaded()).toBe(false);
  });

  it('a cell whose error reads them runs again once they load, hint included', async () => {
    const el = notebook(['x = 1', nameHint]);
    await el.updateComplete;
    el.runAll();
    const expected = (golden as Record<string, {stderrLast: string}>).err_name_hint?.stderrLast;
    await vi.waitFor(() => {
      const error = el.cells[1]?.result?.error;
      expect(error ? `${error.type}: ${error.message}` : null).toBe(expected);
    });
    expect(nameListsLoaded()).toBe(true);
  });
});
