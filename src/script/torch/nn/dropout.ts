/**
 * nn.Dropout, nn.Dropout1d and nn.Dropout2d (torch/nn/modules/dropout.py): `_DropoutNd`'s check
 * of p and extra_repr, and a forward that calls `F.dropout*(input, self.p, self.training,
 * self.inplace)`, so `model.eval()` turns them off as in PyTorch.
 */
import {callValue} from '../../call.js';
import {raiseIn} from '../../errors.js';
import {compare, truthy} from '../../operators.js';
import type {PyClass} from '../../objects.js';
import {pyStr} from '../../repr.js';
import {attr, F, layer, oneInput, setAttr} from './layers.js';

function dropoutClass(name: string, fn: string): PyClass {
  return layer({
    name,
    module: 'torch.nn.modules.dropout',
    init: 'any p=0.5, any inplace=False',
    setup: (self, a) => {
      const p = a.get('p');
      if (truthy(compare('<', p, 0n)) || truthy(compare('>', p, 1n))) {
        raiseIn(
          {
            file: '/usr/lib/python3/dist-packages/torch/nn/modules/dropout.py',
            line: 16,
            name: '__init__',
            source: 'raise ValueError("dropout probability has to be between 0 and 1, "',
          },
          'ValueError',
          `dropout probability has to be between 0 and 1, but got ${pyStr(p)}`,
        );
      }
      setAttr(self, 'p', p);
      setAttr(self, 'inplace', a.get('inplace'));
    },
    forward: (self, args, kwargs) =>
      callValue(F(fn), [
        oneInput(name, args, kwargs),
        attr(self, 'p'),
        attr(self, 'training'),
        attr(self, 'inplace'),
      ]),
    extraRepr: (self) => `p=${pyStr(attr(self, 'p'))}, inplace=${pyStr(attr(self, 'inplace'))}`,
  });
}

/** The dropout module classes by their `torch.nn` name. */
export function dropoutClasses(): [string, PyClass][] {
  return [
    ['Dropout', dropoutClass('Dropout', 'dropout')],
    ['Dropout1d', dropoutClass('Dropout1d', 'dropout1d')],
    ['Dropout2d', dropoutClass('Dropout2d', 'dropout2d')],
  ];
}
