/**
 * The `torch.distributions` package and its submodules (`torch.distributions.normal`, …,
 * `constraints`), by dotted name, for torch's module table (modules.ts).
 */
import {PyModule} from '../../values.js';
import {constraintsModule} from './constraints.js';
import {distributionClass} from './distribution.js';
import {exponentialFamilyClass, normalClass} from './normal.js';
import {bernoulliClass} from './bernoulli.js';
import {categoricalClass} from './categorical.js';
import {multinomialClass} from './multinomial.js';
import {uniformClass} from './uniform.js';

const dir = '/usr/lib/python3/dist-packages/torch/distributions';

/** `torch.distributions` and its submodules, the package first. */
export function distributionModules(): [string, PyModule][] {
  const submodules: [string, string, unknown][] = [
    ['distribution', 'Distribution', distributionClass],
    ['exp_family', 'ExponentialFamily', exponentialFamilyClass],
    ['normal', 'Normal', normalClass],
    ['categorical', 'Categorical', categoricalClass],
    ['bernoulli', 'Bernoulli', bernoulliClass],
    ['multinomial', 'Multinomial', multinomialClass],
    ['uniform', 'Uniform', uniformClass],
  ];
  const modules: [string, PyModule][] = submodules.map(([file, name, cls]) => [
    `torch.distributions.${file}`,
    new PyModule(`torch.distributions.${file}`, new Map([[name, cls]]), `${dir}/${file}.py`),
  ]);
  const constraints = constraintsModule();
  modules.push(['torch.distributions.constraints', constraints]);
  const attrs = new Map<string, unknown>();
  for (const [, name, cls] of submodules) attrs.set(name, cls);
  for (const [dotted, module] of modules)
    attrs.set(dotted.slice('torch.distributions.'.length), module);
  const pkg = new PyModule('torch.distributions', attrs, `${dir}/__init__.py`);
  return [['torch.distributions', pkg], ...modules];
}
