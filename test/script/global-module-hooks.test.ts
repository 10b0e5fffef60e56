import {describe, expect, it} from 'vitest';
import {runScript} from '../../src/script/index.js';

// The expected lines are what the golden case nn_module_global_hooks shows python3 printing.
const register = `import torch
import torch.nn as nn
import torch.nn.modules.module as mm
lin = nn.Linear(2, 1)
h = mm.register_module_forward_hook(lambda m, inp, out: print("hook", type(m).__name__))
lin(torch.ones(1, 2))
`;

describe('register_module_forward_hook(hook)', () => {
  it("is state of the run: one script's global hooks never run in the next", () => {
    expect(runScript(register).output).toBe('hook Linear\n');
    const next = runScript(`import torch
import torch.nn as nn
import torch.nn.modules.module as mm
nn.Linear(2, 1)(torch.ones(1, 2))
print(len(mm._global_forward_hooks), mm._global_is_full_backward_hook)
`);
    expect(next.error).toBeNull();
    expect(next.output).toBe('0 None\n');
  });

  it('keeps the full/non-full choice per run', () => {
    const first = runScript(`import torch.nn.modules.module as mm
mm.register_module_full_backward_hook(lambda m, gi, go: None)
print(mm._global_is_full_backward_hook)
`);
    expect(first.output).toBe('True\n');
    const second = runScript(`import torch.nn.modules.module as mm
mm.register_module_backward_hook(lambda m, gi, go: None)
print(mm._global_is_full_backward_hook)
`);
    expect(second.error).toBeNull();
    expect(second.output).toBe('False\n');
  });
});
