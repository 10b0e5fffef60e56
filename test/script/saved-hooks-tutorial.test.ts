import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {runScript} from '../../src/script/index.js';
import {goldens} from './golden-cases.js';

const casesDir = new URL('../golden/scripts/cases/', import.meta.url);

/** The tutorial's next example as written: it unpacks with eval(), which scripts refuse. */
const evalExample = `x = torch.randn(5, requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(lambda x: repr(x), lambda x: eval("torch." + x)):
    y = x * x
y.sum().backward()
`;

describe('"Hooks for autograd saved tensors" as written', () => {
  it('prints what python3 prints, then stops at the example that unpacks with eval()', () => {
    const written = readFileSync(new URL('tutorial_saved_tensors_hooks.py', casesDir), 'utf8');
    const source = written + evalExample;
    const r = runScript(source, {filename: 'autograd_saved_tensors_hooks_tutorial.py'});
    expect(r.output).toBe(goldens.tutorial_saved_tensors_hooks?.stdout);
    expect(r.error?.type).toBe('NotImplementedError');
    expect(r.error?.message).toBe(
      'eval() is not supported by grad-graph: scripts never run code from strings (pages with a strict CSP must work)',
    );
    expect(r.error?.traceback).toContain(
      `line ${source.split('\n').indexOf('y.sum().backward()', written.split('\n').length - 1) + 1}, in <module>`,
    );
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
