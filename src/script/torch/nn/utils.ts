/**
 * `torch.nn.utils` as tutorials call it: `clip_grad_norm_` (and its deprecated `clip_grad_norm`),
 * `clip_grad_value_`, `parameters_to_vector` and `vector_to_parameters`, each running the same
 * tensor calls as PyTorch 1.13's clip_grad.py and convert_parameters.py (norms of the detached
 * grads, their stack's norm, the clamped coefficient multiplied in place), so the clipped
 * gradients and the returned norm are PyTorch's floats, and the ops are recorded like any other.
 */
import {Tensor} from '../../../../autograd/tensor.js';
import {pyError, raiseIn} from '../../errors.js';
import {late} from '../../late.js';
import {binaryOp} from '../../operators.js';
import {pyStr} from '../../repr.js';
import {getItem} from '../../subscript.js';
import {PyCallable, PyList, PyModule, PySlice} from '../../values.js';
import {pyWarn} from '../../warnings.js';
import {bind, sig} from '../args.js';
import {call, kw, torchCall} from '../calls.js';
import {torchTypename} from '../optim/optimizer.js';

const utilsFile = '/usr/lib/python3/dist-packages/torch/nn/utils/__init__.py';

/** `[parameters]` for one tensor, else the iterable's items. */
function tensors(parameters: unknown): unknown[] {
  return parameters instanceof Tensor ? [parameters] : late.iterate(parameters);
}

function fn(signature: string, run: (a: Map<string, unknown>) => unknown): [string, PyCallable] {
  const s = sig(signature, 'python');
  return [
    s.name,
    new PyCallable(s.name, (args, kwargs) => run(bind(s, args, kwargs)), {
      kind: 'module-function',
      module: 'torch.nn.utils.clip_grad',
    }),
  ];
}

const clipNormSignature =
  'clip_grad_norm_(any parameters, any max_norm, any norm_type=2.0, any error_if_nonfinite=False)';

/** clip_grad.py's `clip_grad_norm_`. */
function clipGradNorm(a: Map<string, unknown>): unknown {
  const grads = tensors(a.get('parameters'))
    .map((p) => late.getAttr(p, 'grad'))
    .filter((g) => g !== null);
  const maxNorm = late.float(a.get('max_norm'));
  const normType = late.float(a.get('norm_type'));
  if (grads.length === 0) return torchCall('tensor', [0.0]);
  let total: unknown;
  if (normType === Infinity) {
    const norms = grads.map((g) => call(call(call(g, 'detach'), 'abs'), 'max'));
    total =
      norms.length === 1 ? norms[0] : torchCall('max', [torchCall('stack', [new PyList(norms)])]);
  } else {
    const norms = grads.map((g) => torchCall('norm', [call(g, 'detach'), normType]));
    total = torchCall('norm', [torchCall('stack', [new PyList(norms)]), normType]);
  }
  if (
    late.truthy(a.get('error_if_nonfinite')) &&
    late.truthy(torchCall('logical_or', [call(total, 'isnan'), call(total, 'isinf')]))
  ) {
    raiseIn(
      {
        file: '/usr/lib/python3/dist-packages/torch/nn/utils/clip_grad.py',
        line: 45,
        name: 'clip_grad_norm_',
        source: 'raise RuntimeError(',
      },
      'RuntimeError',
      `The total norm of order ${pyStr(normType)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``,
    );
  }
  const coef = binaryOp('/', maxNorm, binaryOp('+', total, 1e-6));
  const clamped = torchCall('clamp', [coef], kw({max: 1.0}));
  for (const g of grads) call(call(g, 'detach'), 'mul_', [clamped]);
  return total;
}

/** `torch.nn.utils`. */
export function utilsModule(): PyModule {
  return new PyModule(
    'torch.nn.utils',
    new Map<string, unknown>([
      fn(clipNormSignature, clipGradNorm),
      fn(clipNormSignature.replace('clip_grad_norm_', 'clip_grad_norm'), (a) => {
        pyWarn(
          'UserWarning',
          'torch.nn.utils.clip_grad_norm is now deprecated in favor of torch.nn.utils.clip_grad_norm_.',
        );
        return clipGradNorm(a);
      }),
      fn('clip_grad_value_(any parameters, any clip_value)', (a) => {
        const params = tensors(a.get('parameters'));
        const clip = late.float(a.get('clip_value'));
        for (const p of params) {
          const grad = late.getAttr(p, 'grad');
          if (grad === null) continue;
          call(late.getAttr(grad, 'data'), 'clamp_', [], kw({min: -clip, max: clip}));
        }
        return null;
      }),
      fn('parameters_to_vector(any parameters)', (a) =>
        torchCall('cat', [
          new PyList(late.iterate(a.get('parameters')).map((p) => call(p, 'view', [-1n]))),
        ]),
      ),
      fn('vector_to_parameters(any vec, any parameters)', (a) => {
        const vec = a.get('vec');
        if (!(vec instanceof Tensor)) {
          throw pyError('TypeError', `expected torch.Tensor, but got: ${torchTypename(vec)}`);
        }
        let pointer = 0n;
        for (const param of late.iterate(a.get('parameters'))) {
          const n = call(param, 'numel') as bigint;
          const slice = getItem(vec, new PySlice(pointer, pointer + n, null));
          late.setAttr(param, 'data', late.getAttr(call(slice, 'view_as', [param]), 'data'));
          pointer += n;
        }
        return null;
      }),
    ]),
    utilsFile,
  );
}
