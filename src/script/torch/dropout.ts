/**
 * `F.dropout`, `F.dropout1d` and `F.dropout2d` as functional.py writes them in PyTorch 1.13: the
 * check of p (a ValueError raised in functional.py), dropout1d's and dropout2d's handling of the
 * input's rank (their RuntimeError and UserWarnings, from functional.py's lines), then
 * `torch.dropout` / `torch.feature_dropout` (autograd/ops/dropout.ts), in place when asked.
 */
import {dropout} from '../../../autograd/ops/dropout.js';
import {Tensor} from '../../../autograd/tensor.js';
import {pyError, raiseIn, type LibraryFrame} from '../errors.js';
import {pyRepr, typeName} from '../repr.js';
import {PyCallable, type Kwargs} from '../values.js';
import {pyWarn} from '../warnings.js';
import {bind, sig} from './args.js';
import {late} from '../late.js';

const file = '/usr/lib/python3/dist-packages/torch/nn/functional.py';

function frame(line: number, name: string, source: string): LibraryFrame {
  return {file, line, name, source};
}

/** The lines of functional.py where each function checks p. */
const pCheckLine: Readonly<Record<string, number>> = {
  dropout: 1251,
  dropout1d: 1285,
  dropout2d: 1323,
};

function checkP(name: string, p: number): void {
  if (p < 0 || p > 1) {
    raiseIn(
      frame(
        pCheckLine[name] ?? 0,
        name,
        'raise ValueError("dropout probability has to be between 0 and 1, " "but got {}".format(p))',
      ),
      'ValueError',
      `dropout probability has to be between 0 and 1, but got ${pyRepr(p)}`,
    );
  }
}

function inputTensor(v: unknown, vf: string): Tensor {
  if (!(v instanceof Tensor)) {
    throw pyError(
      'TypeError',
      `${vf}(): argument 'input' (position 1) must be Tensor, not ${typeName(v)}`,
    );
  }
  return v;
}

const DIM_WARNING = (dim: number) =>
  `dropout2d: Received a ${dim}-D input to dropout2d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout2d exists to provide channel-wise dropout on inputs with 2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs).`;
const THREE_D_WARNING =
  'dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.';

function run(name: string, args: readonly unknown[], kwargs: Kwargs): unknown {
  const a = bind(
    sig(`${name}(any input, any p=0.5, any training=True, any inplace=False)`, 'python'),
    args,
    kwargs,
  );
  const p = Number(a.get('p'));
  checkP(name, p);
  const training = late.truthy(a.get('training'));
  const inplace = late.truthy(a.get('inplace'));
  const vf = inplace ? '_VF.feature_dropout_' : '_VF.feature_dropout';
  if (name === 'dropout') {
    const input = inputTensor(a.get('input'), inplace ? 'dropout_' : 'dropout');
    return dropout(input, p, {train: training, inplace});
  }
  const input = inputTensor(a.get('input'), vf.slice(4));
  const dim = input.dim();
  if (name === 'dropout2d') {
    if (dim !== 3 && dim !== 4) {
      pyWarn('UserWarning', DIM_WARNING(dim), frame(1331, name, 'warnings.warn(warn_msg)'));
    }
    if (dim === 3) {
      pyWarn(
        'UserWarning',
        THREE_D_WARNING,
        frame(
          1338,
          name,
          'warnings.warn("dropout2d: Received a 3D input to dropout2d and assuming that channel-wise "',
        ),
      );
    }
    return dropout(input, p, {train: training, inplace, feature: true});
  }
  if (dim !== 2 && dim !== 3) {
    raiseIn(
      frame(
        1288,
        name,
        'raise RuntimeError(f"dropout1d: Expected 2D or 3D input, but received a {inp_dim}D input. "',
      ),
      'RuntimeError',
      `dropout1d: Expected 2D or 3D input, but received a ${dim}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).`,
    );
  }
  if (dim === 3) return dropout(input, p, {train: training, inplace, feature: true});
  // An unbatched input: dropped as a batch of one (in place through a view of it).
  const result = dropout(input.unsqueeze(0), p, {train: training, inplace, feature: true});
  return inplace ? input : result.squeeze(0);
}

/** `F.dropout`, `F.dropout1d`, `F.dropout2d`, by name. */
export function dropoutFunctions(): [string, PyCallable][] {
  return ['dropout', 'dropout1d', 'dropout2d'].map((name) => [
    name,
    new PyCallable(name, (args, kwargs) => run(name, args, kwargs), {kind: 'builtin'}),
  ]);
}
