/**
 * `torch.nn.functional`: PyTorch's Python-level functions (relu, sigmoid, tanh, softmax,
 * log_softmax, mse_loss, nll_loss, cross_entropy, …) as the ops declare them (bindings.ts).
 */
import {PyCallable, PyModule} from '../values.js';
import {opFunctional} from './bindings.js';
import {dropoutFunctions} from './dropout.js';
import {functionalFrame} from './nn/sources.js';

const sitePackages = '/usr/lib/python3/dist-packages/torch';

/** The `torch.nn.functional` module object. */
export function functionalModule(): PyModule {
  // Signatures are parsed once, when the module is built.
  const attrs = new Map<string, unknown>(
    opFunctional(functionalFrame).map((f) => [
      f.name,
      new PyCallable(f.name, f.call, {kind: 'builtin'}),
    ]),
  );
  for (const [name, f] of dropoutFunctions()) attrs.set(name, f);
  return new PyModule('torch.nn.functional', attrs, `${sitePackages}/nn/functional.py`);
}
