/**
 * `out=` from Python, for every op whose binding declares it (autograd/op.ts `out`): the keyword
 * is taken off the call, the op runs as usual, and its result is written into the given tensor by
 * the op's rule (autograd/ops/out.ts), which is returned. As in PyTorch, a tensor that requires
 * grad among the arguments (or out itself) is refused while grad mode is on, and resizing an out
 * tensor that had elements is a deprecation UserWarning at the caller's line.
 */
import {isGradEnabled} from '../../../autograd/gradmode.js';
import {writeOut, type OutRule} from '../../../autograd/ops/out.js';
import {scalarTypeName} from '../../../autograd/dtype.js';
import {Tensor} from '../../../autograd/tensor.js';
import {pyError} from '../errors.js';
import {typeName} from '../repr.js';
import {PyList, PyTuple, TorchDtype, type Kwargs} from '../values.js';
import {pyWarn} from '../warnings.js';
import {toDType} from './convert.js';

type Call = (args: readonly unknown[], kwargs: Kwargs) => unknown;

function tensorsIn(values: Iterable<unknown>): Tensor[] {
  const out: Tensor[] = [];
  for (const v of values) {
    if (v instanceof Tensor) out.push(v);
    else if (v instanceof PyList || v instanceof PyTuple) out.push(...tensorsIn(v.items));
  }
  return out;
}

const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;

/** `call` taking `out=` by `rule` (the call itself when the op declares no out rule). */
export function withOut(name: string, rule: OutRule | undefined, call: Call): Call {
  if (rule === undefined) return call;
  return (args, kwargs) => {
    if (!kwargs.has('out')) return call(args, kwargs);
    const out = kwargs.get('out');
    const rest = new Map(kwargs);
    rest.delete('out');
    if (out === null) return call(args, rest);
    if (!(out instanceof Tensor)) {
      throw pyError('TypeError', `${name}(): argument 'out' must be Tensor, not ${typeName(out)}`);
    }
    if (
      isGradEnabled() &&
      [out, ...tensorsIn([...args, ...rest.values()])].some((t) => t.requiresGrad)
    ) {
      throw pyError(
        'RuntimeError',
        `${name}(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.`,
      );
    }
    // sum(out=) computes in out's dtype, as its dtype= would.
    if (rule === 'dtype' && !rest.has('dtype')) rest.set('dtype', TorchDtype.of(out.dtype));
    const result = call(args, rest);
    if (!(result instanceof Tensor)) return result;
    return writeOut(out, result, rule, (from, to) => {
      pyWarn(
        'UserWarning',
        `An output with one or more elements was resized since it had shape ${shapeText(from)}, which does not match the required output shape ${shapeText(to)}. This behavior is deprecated, and in a future PyTorch release outputs will not be resized unless they have zero elements. You can explicitly reuse an out tensor t by resizing it, inplace, to zero elements with t.resize_(0). (Triggered internally at  ./aten/src/ATen/native/Resize.cpp:17.)`,
      );
    });
  };
}

/**
 * `call` (a factory: `zeros`, `arange`, …) taking `out=`: the values are made in out's dtype (a
 * different `dtype=` is PyTorch's error), out is resized to them without a warning (factories
 * call `resize_`) and written as an in-place op (refused when out requires grad), and returned.
 */
export function factoryWithOut<S>(
  name: string,
  call: (args: readonly unknown[], kwargs: Kwargs, site: S) => unknown,
): (args: readonly unknown[], kwargs: Kwargs, site: S) => unknown {
  return (args, kwargs, site) => {
    if (!kwargs.has('out') || kwargs.get('out') === null) {
      const rest = new Map(kwargs);
      rest.delete('out');
      return call(args, rest, site);
    }
    const out = kwargs.get('out');
    if (!(out instanceof Tensor)) return call(args, kwargs, site);
    const rest = new Map(kwargs);
    rest.delete('out');
    const dtype = toDType(rest.get('dtype') ?? null);
    if (dtype !== undefined && dtype !== out.dtype) {
      throw pyError(
        'RuntimeError',
        `dtype ${scalarTypeName(dtype)} does not match dtype of out parameter (${scalarTypeName(out.dtype)})`,
      );
    }
    if (out.requiresGrad && isGradEnabled()) {
      throw pyError(
        'RuntimeError',
        out.gradFn === null
          ? 'a leaf Variable that requires grad is being used in an in-place operation.'
          : `${name}(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.`,
      );
    }
    rest.set('dtype', TorchDtype.of(out.dtype));
    const result = call(args, rest, site);
    if (!(result instanceof Tensor)) return result;
    return writeOut(out, result, 'same');
  };
}
