/**
 * The `torch.*` functions the ops declare that take no tensor `self` (`torch.cat(tensors, dim=0)`,
 * `torch.stack`), as callables.
 */
import {PyCallable} from '../values.js';
import {opTorchFunctions} from './bindings.js';

/** The `torch.cat` and `torch.stack` callables (and any other declared torch function), by name. */
export function joinFunctions(): [string, PyCallable][] {
  return opTorchFunctions().map((f) => [
    f.name,
    new PyCallable(f.name, f.call, {kind: 'module-function', module: 'torch'}),
  ]);
}
