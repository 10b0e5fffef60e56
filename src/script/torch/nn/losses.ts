/**
 * nn's loss modules (MSELoss, L1Loss, NLLLoss, CrossEntropyLoss, BCELoss, BCEWithLogitsLoss)
 * as PyTorch's loss.py defines them: `__init__` keeps `reduction` (and the `weight` and
 * `pos_weight` buffers, `ignore_index`, `label_smoothing`); `forward(input, target)` calls the
 * `torch.nn.functional` form with them.
 */
import {
  hasLegacyReduction,
  legacyReduction,
  legacyReductionSource,
} from '../../../../autograd/ops/nn.js';
import {callValue} from '../../call.js';
import {inLibrary} from '../../errors.js';
import type {PyClass, PyInstance} from '../../objects.js';
import {attr, F, layer, setAttr} from './layers.js';
import {pyMethod, registerBuffer, type MethodArgs} from './module.js';
import {forwardFrame} from './sources.js';
import {pyWarn} from '../../warnings.js';

const lossModule = 'torch.nn.modules.loss';

/** `_Loss.__init__`'s reduction: `reduction=`, unless the deprecated arguments decide it. */
function reductionOf(a: MethodArgs): unknown {
  const sizeAverage = a.get('size_average');
  const reduce = a.get('reduce');
  if (!hasLegacyReduction(sizeAverage, reduce)) return a.get('reduction');
  return legacyReduction(sizeAverage, reduce, (m) => {
    pyWarn('UserWarning', m, legacyReductionSource);
  });
}

/** Runs a loss's forward body in its loss.py frame (for the traceback). */
function inForward(name: string, body: () => unknown): unknown {
  const frame = forwardFrame(name);
  return frame ? inLibrary(frame, body, true) : body();
}
const legacy = 'any size_average=None, any reduce=None, any reduction=mean';

/** A loss whose forward is `F.fn(input, target, reduction=self.reduction)`. */
function pointwiseLoss(name: string, fn: string): PyClass {
  return layer({
    name,
    module: lossModule,
    init: legacy,
    setup: (self, a) => {
      setAttr(self, 'reduction', reductionOf(a));
    },
    more: [
      pyMethod(name, 'forward(any input, any target)', (self, a) =>
        inForward(name, () =>
          callValue(
            F(fn),
            [a.get('input'), a.get('target')],
            new Map([['reduction', attr(self, 'reduction')]]),
          ),
        ),
      ),
    ],
  });
}

/** The keyword arguments a class loss passes to its functional form. */
function classLossKwargs(self: PyInstance, smoothing: boolean): Map<string, unknown> {
  const kwargs = new Map<string, unknown>([
    ['weight', attr(self, 'weight')],
    ['ignore_index', attr(self, 'ignore_index')],
    ['reduction', attr(self, 'reduction')],
  ]);
  if (smoothing) kwargs.set('label_smoothing', attr(self, 'label_smoothing'));
  return kwargs;
}

/** NLLLoss / CrossEntropyLoss (`_WeightedLoss`: `weight` is a buffer). */
function classLoss(name: string, fn: string, smoothing: boolean): PyClass {
  const init = `any weight=None, any size_average=None, any ignore_index=-100, any reduce=None, any reduction=mean${smoothing ? ', any label_smoothing=0.0' : ''}`;
  return layer({
    name,
    module: lossModule,
    init,
    setup: (self, a) => {
      setAttr(self, 'reduction', reductionOf(a));
      registerBuffer(self, 'weight', a.get('weight'));
      setAttr(self, 'ignore_index', a.get('ignore_index'));
      if (smoothing) setAttr(self, 'label_smoothing', a.get('label_smoothing'));
    },
    more: [
      pyMethod(name, 'forward(any input, any target)', (self, a) =>
        inForward(name, () =>
          callValue(F(fn), [a.get('input'), a.get('target')], classLossKwargs(self, smoothing)),
        ),
      ),
    ],
  });
}

/** BCELoss / BCEWithLogitsLoss: `weight` (and `pos_weight`) are buffers. */
function binaryLoss(name: string, fn: string, logits: boolean): PyClass {
  const init = `any weight=None, any size_average=None, any reduce=None, any reduction=mean${logits ? ', any pos_weight=None' : ''}`;
  return layer({
    name,
    module: lossModule,
    init,
    setup: (self, a) => {
      setAttr(self, 'reduction', reductionOf(a));
      registerBuffer(self, 'weight', a.get('weight'));
      if (logits) registerBuffer(self, 'pos_weight', a.get('pos_weight'));
    },
    more: [
      pyMethod(name, 'forward(any input, any target)', (self, a) => {
        const kwargs = new Map<string, unknown>([
          ['weight', attr(self, 'weight')],
          ['reduction', attr(self, 'reduction')],
        ]);
        if (logits) kwargs.set('pos_weight', attr(self, 'pos_weight'));
        return inForward(name, () => callValue(F(fn), [a.get('input'), a.get('target')], kwargs));
      }),
    ],
  });
}

const losses: [string, PyClass][] = [
  ['MSELoss', pointwiseLoss('MSELoss', 'mse_loss')],
  ['L1Loss', pointwiseLoss('L1Loss', 'l1_loss')],
  ['NLLLoss', classLoss('NLLLoss', 'nll_loss', false)],
  ['CrossEntropyLoss', classLoss('CrossEntropyLoss', 'cross_entropy', true)],
  ['BCELoss', binaryLoss('BCELoss', 'binary_cross_entropy', false)],
  ['BCEWithLogitsLoss', binaryLoss('BCEWithLogitsLoss', 'binary_cross_entropy_with_logits', true)],
];

/** The loss classes by their `torch.nn` name. */
export function lossClasses(): [string, PyClass][] {
  return losses;
}
