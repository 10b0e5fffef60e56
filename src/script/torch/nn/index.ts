/**
 * The `torch.nn` namespace: Module, Parameter, the layers, containers and losses, and the
 * `functional` and `init` submodules. The classes are made once (they hold no per-run state).
 */
import {PyModule} from '../../values.js';
import {activationClasses} from './activations.js';
import {containerClasses} from './container.js';
import {dropoutClasses} from './dropout.js';
import {embeddingClasses} from './embedding.js';
import {convClasses} from './conv-layers.js';
import {initModule} from './init.js';
import {layerClasses} from './layers.js';
import {listClasses} from './lists.js';
import {normClasses} from './norm-layers.js';
import {lossClasses} from './losses.js';
import {installModuleApi} from './module-api.js';
import {moduleClass} from './module.js';
import {parameterClass} from './parameter-class.js';

const nnFile = '/usr/lib/python3/dist-packages/torch/nn/__init__.py';

/** `torch.nn` (with `functional` given) and its `init` submodule. */
export function nnModules(functional: PyModule): {nn: PyModule; init: PyModule} {
  installModuleApi();
  const init = initModule();
  const attrs = new Map<string, unknown>([
    ['functional', functional],
    ['init', init],
    ['Module', moduleClass],
    ['Parameter', parameterClass],
  ]);
  for (const [name, cls] of [
    ...layerClasses(),
    ...activationClasses(),
    ...convClasses(),
    ...normClasses(),
    ...containerClasses(),
    ...listClasses(),
    ...lossClasses(),
    ...dropoutClasses(),
    ...embeddingClasses(),
  ])
    attrs.set(name, cls);
  return {nn: new PyModule('torch.nn', attrs, nnFile), init};
}
