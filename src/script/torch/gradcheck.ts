/**
 * `torch.autograd.gradcheck` and `gradgradcheck` for scripts: the checks themselves are
 * autograd/gradcheck.ts; this file binds PyTorch's signatures, calls the script's function, warns
 * about inputs that are not float64 as gradcheck.py does, and raises `GradcheckError` (a
 * RuntimeError of `torch.autograd.gradcheck`) or returns False when `raise_exception=False`.
 */
import {gradcheck as runGradcheck, GradcheckFailure} from '../../../autograd/gradcheck.js';
import {grad} from '../../../autograd/engine.js';
import {floatStorage, randLike} from '../../../autograd/ops/random.js';
import {muteObserver} from '../../../autograd/report.js';
import {Tensor} from '../../../autograd/tensor.js';
import {formatTensor} from '../../../autograd/print/format.js';
import {callValue} from '../call.js';
import {pyError} from '../errors.js';
import {builtinException, errorOf} from '../exceptions.js';
import {PyClass, PyInstance} from '../objects.js';
import {pyWarn} from '../warnings.js';
import {PyCallable, PyList, PyTuple} from '../values.js';
import {bind, sig} from './args.js';
import type {Args} from './methods.js';

const FILE = '/usr/lib/python3/dist-packages/torch/autograd/gradcheck.py';

/** `torch.autograd.gradcheck.GradcheckError`. */
export const gradcheckErrorClass = new PyClass(
  'GradcheckError',
  [builtinException('RuntimeError')],
  new Map(),
  'torch.autograd.gradcheck',
);

const COMMON =
  'any eps=1e-06, any atol=1e-05, any rtol=0.001, any raise_exception=True, any nondet_tol=0.0, any check_undefined_grad=True, any check_grad_dtypes=False, any check_batched_grad=False';
const gradcheckSig = sig(
  `gradcheck(any func, any inputs, *, ${COMMON}, any check_sparse_nnz=False, any check_batched_forward_grad=False, any check_forward_ad=False, any check_backward_ad=True, any fast_mode=False)`,
  'python',
);
const gradgradcheckSig = sig(
  `gradgradcheck(any func, any inputs, any grad_outputs=None, *, ${COMMON}, any gen_non_contig_grad_outputs=False, any check_fwd_over_rev=False, any check_rev_over_rev=True, any fast_mode=False)`,
  'python',
);

/** `_as_tuple`: a tuple or list's items, or the one value. */
function asTuple(x: unknown): unknown[] {
  if (x instanceof PyTuple || x instanceof PyList) return [...x.items];
  return [x];
}

function num(a: Args, name: string): number {
  const v = a.get(name);
  return typeof v === 'bigint' ? Number(v) : Number(v);
}

/** The checks, with the script's function; true, false (no raise) or GradcheckError. */
function check(func: (inputs: readonly unknown[]) => unknown, inputs: unknown[], a: Args): boolean {
  inputs.forEach((x, i) => {
    if (x instanceof Tensor && x.requiresGrad) {
      if (x.dtype !== 'float64') {
        pyWarn(
          'UserWarning',
          `Input #${i} requires gradient and is not a double precision floating point or complex. This check will likely fail if all the inputs are not of double precision floating point or complex. `,
          {file: FILE, line: 652, source: 'warnings.warn('},
        );
      }
    }
  });
  if (!inputs.some((x) => x instanceof Tensor && x.requiresGrad)) {
    throw pyError(
      'ValueError',
      'gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.',
    );
  }
  try {
    muteObserver(() => {
      runGradcheck(
        (xs) => asTuple(func(xs)),
        inputs,
        {
          eps: num(a, 'eps'),
          atol: num(a, 'atol'),
          rtol: num(a, 'rtol'),
          nondetTol: num(a, 'nondet_tol'),
          checkUndefinedGrad: a.get('check_undefined_grad') !== false,
        },
        formatTensor,
      );
    });
  } catch (e) {
    if (!(e instanceof GradcheckFailure)) throw e;
    if (a.get('raise_exception') === false) return false;
    const value = callValue(gradcheckErrorClass, [e.message]) as PyInstance;
    throw errorOf(value, e.message);
  }
  return true;
}

function gradcheck(args: readonly unknown[], kwargs: Parameters<typeof bind>[2]): boolean {
  const a = bind(gradcheckSig, args, kwargs);
  const func = a.get('func');
  return check((xs) => callValue(func, xs), asTuple(a.get('inputs')), a);
}

/**
 * `torch.testing.make_tensor(x.shape, dtype=x.dtype, low=-1, high=1, requires_grad=True)`:
 * `high * rand + low * (1 - rand)` from `torch.rand`, rounded at each step in the dtype.
 */
function uniformGradOutput(like: Tensor): Tensor {
  const y = muteObserver(() => randLike(like, {}));
  const data = floatStorage(y, 'check_uniform_bounds');
  const round = data instanceof Float32Array ? Math.fround : (v: number) => v;
  for (let i = 0; i < data.length; i++) {
    const r = data[i] ?? 0;
    data[i] = round(r + -round(1 - r));
  }
  y.requiresGrad = true;
  return y;
}

function gradgradcheck(args: readonly unknown[], kwargs: Parameters<typeof bind>[2]): boolean {
  const a = bind(gradgradcheckSig, args, kwargs);
  const func = a.get('func');
  const inputs = asTuple(a.get('inputs'));
  const given = a.get('grad_outputs');
  const gradOutputs =
    given === null
      ? asTuple(callValue(func, inputs))
          .filter((o): o is Tensor => o instanceof Tensor && o.requiresGrad)
          .map((o) => uniformGradOutput(o.isFloatingPoint() ? o : o.double()))
      : asTuple(given);
  const n = gradOutputs.length;
  const diffInputs = new Set(
    inputs.flatMap((x, i) => (x instanceof Tensor && x.requiresGrad ? [i] : [])),
  );
  const newFunc = (xs: readonly unknown[]): unknown => {
    const inputArgs = xs.slice(0, xs.length - n);
    const outputs = asTuple(callValue(func, inputArgs)).filter(
      (o): o is Tensor => o instanceof Tensor && o.requiresGrad,
    );
    const gos = xs.slice(xs.length - n) as (Tensor | null)[];
    const diff = inputArgs.filter((_, i) => diffInputs.has(i)) as Tensor[];
    const grads = grad(outputs, diff, {gradOutputs: gos, createGraph: true, allowUnused: true});
    return new PyTuple(grads.filter((g) => g !== null));
  };
  return check(newFunc, [...inputs, ...gradOutputs], a);
}

/** `torch.autograd.gradcheck` and `gradgradcheck`, for the module's attributes. */
export function gradcheckFunctions(): [string, PyCallable][] {
  return [
    ['gradcheck', new PyCallable('gradcheck', gradcheck)],
    ['gradgradcheck', new PyCallable('gradgradcheck', gradgradcheck)],
  ];
}
