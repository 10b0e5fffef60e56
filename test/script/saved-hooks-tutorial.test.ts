import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {runScript} from '../../src/script/index.js';
import {goldens} from './golden-cases.js';

const casesDir = new URL('../golden/scripts/cases/', import.meta.url);

/** The tutorial's "Saving tensors to disk" section as written: it needs a file system. */
const diskSection = `
# Naive version - HINT: Don't do this

import uuid
tmp_dir = "temp"

def pack_hook(tensor):
    name = os.path.join(tmp_dir, str(uuid.uuid4()))
    torch.save(tensor, name)
    return name
`;

describe('"Hooks for autograd saved tensors" as written, with its disk section', () => {
  it('prints what python3 prints, then stops at the disk section with a clear error at its line', () => {
    const written = readFileSync(new URL('tutorial_saved_tensors_hooks.py', casesDir), 'utf8');
    const source = written + diskSection;
    const r = runScript(source, {filename: 'autograd_saved_tensors_hooks_tutorial.py'});
    expect(r.output).toBe(goldens.tutorial_saved_tensors_hooks?.stdout);
    expect(r.error?.type).toBe('NotImplementedError');
    expect(r.error?.message).toBe(
      "importing 'uuid' is not supported by grad-graph's Python subset",
    );
    expect(r.error?.line).toBe(source.split('\n').indexOf('import uuid') + 1);
  });

  it('refuses torch.save in a pack hook at the line that saves (the run has no files)', () => {
    const r = runScript(
      'import torch\ndef pack(t):\n    torch.save(t, "x.pt")\n    return t\nx = torch.ones(2, requires_grad=True)\nwith torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):\n    y = x * x\n',
    );
    expect(r.error?.type).toBe('NotImplementedError');
    expect(r.error?.line).toBe(3);
    expect(r.error?.traceback).toContain('line 7, in <module>');
  });
});
