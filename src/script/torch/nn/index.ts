/**
 * The `torch.nn` namespace: Module, Parameter, the layers, containers and losses, and the
 * `functional` and `init` submodules. The classes are made once (they hold no per-run state).
 */
import {PyModule} from '../../values.js';
import {activationClasses} from './activations.js';
import {containerClasses} from './container.js';
import {dropoutClasses} from './dropout.js';
import {embeddingClasses} from './embedding.js';
import {rnnClasses} from './rnn.js';
import {moduleModule} from './global-hooks.js';
import {convClasses} from './conv-layers.js';
import {initModule} from './init.js';
import {layerClasses} from './layers.js';
import {listClasses} from './lists.js';
import {normClasses} from './norm-layers.js';
import {lossClasses} from './losses.js';
import {installModuleApi} from './module-api.js';
import {moduleClass} from './module.js';
import {parameterClass} from './parameter-class.js';
import {utilsModule} from './utils.js';

const nnFile = '/usr/lib/python3/dist-packages/torch/nn/__init__.py';

/**
 * `torch.nn` (with `functional` given), its `init` and `utils` submodules, and `torch.nn.modules` (the module classes, with its `module`
 * submodule: Module and the global hooks).
 */
export function nnModules(functional: PyModule): {
  nn: PyModule;
  init: PyModule;
  modules: PyModule;
  moduleModule: PyModule;
  utils: PyModule;
} {
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
    ...rnnClasses(),
  ])
    attrs.set(name, cls);
  moduleModule.attrs.set('Module', moduleClass);
  const modules = new PyModule(
    'torch.nn.modules',
    new Map<string, unknown>([
      ['module', moduleModule],
      ...[...attrs].filter(([name]) => !['functional', 'init', 'Parameter'].includes(name)),
    ]),
    '/usr/lib/python3/dist-packages/torch/nn/modules/__init__.py',
  );
  attrs.set('modules', modules);
  const utils = utilsModule();
  attrs.set('utils', utils);
  return {nn: new PyModule('torch.nn', attrs, nnFile), init, modules, moduleModule, utils};
}
