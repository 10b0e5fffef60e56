/**
 * The Python forms of autograd's ops, built from their declarations (autograd/op.ts): each
 * declared `python` binding becomes a tensor method and, when declared, a `torch.*` function;
 * each `pythonFunctional` a `torch.nn.functional` function; each `pythonTorch` a `torch.*`
 * function. Arguments are bound with PyTorch's messages (args.ts), converted by their declared
 * types, and given to the declaration with a context for what only the runner knows (Python
 * type names, warnings, "invalid combination of arguments").
 */
import {opDeclarations, Tensor} from '../../../autograd/index.js';
import type {
  BoundArgs,
  OverloadDeclaration,
  PythonBinding,
  PythonCallContext,
  PythonFunction,
} from '../../../autograd/index.js';
import {inLibrary, type LibraryFrame} from '../errors.js';
import {pyStr, typeName} from '../repr.js';
import {PyList, PyNamedTuple, PyTuple, TorchSize, type Kwargs} from '../values.js';
import {pyWarn} from '../warnings.js';
import {bind, generatorOf, invalidArguments, sig, type Overload, type Signature} from './args.js';
import {toDType, toDims, toInt, toSize} from './convert.js';
import {withOut} from './out.js';

/** Bound arguments by parameter name. */
export type Args = Map<string, unknown>;

/** A tensor method: its signature and implementation (given the call's own arguments too). */
export interface MethodSpec {
  readonly signature: Signature;
  readonly run: (
    self: Tensor,
    a: Args,
    args: readonly unknown[],
    kwargs: Kwargs,
    /** The call as PyTorch's messages see it, when not the method's (`torch.max(x, 0.5)`). */
    asCalled?: {readonly signature: Signature; readonly args: readonly unknown[]},
  ) => unknown;
  /** A C method taking no arguments (`_TensorBase.item() takes no arguments (1 given)`). */
  readonly noArgs?: boolean;
  /** `run` parses the arguments itself (`Tensor.new`, PyTorch's legacy parser): `a` is empty. */
  readonly parsesItself?: true;
  /** `torch.<name>(input, …)`: true for the method's signature with `input` first, or its overloads. */
  readonly functionForm?: true | readonly Overload[];
  /** `torch.<name>(number, tensor)` with a Python number first. */
  readonly reflected?: PythonBinding['reflected'];
  /** The `torch.<name>` form takes `out=` by this rule. */
  readonly out?: PythonBinding['out'];
}

function overloads(list: readonly OverloadDeclaration[] | undefined): Overload[] | undefined {
  return list?.map((o) => ({...o}));
}

/** Converts bound Python values by their declared parameter types into autograd's values. */
function convert(s: Signature, a: Args): BoundArgs {
  const out = new Map(a);
  s.params.forEach((p, i) => {
    const v = a.get(p.name);
    if (p.type === 'int') out.set(p.name, v === null || v === undefined ? null : toInt(v));
    else if (p.type === 'ints') {
      out.set(p.name, s.varSize === true && i === 0 ? toSize(v) : toDims(v));
    } else if (p.type === 'dtype') out.set(p.name, toDType(v) ?? null);
    else if (p.type === 'Generator') out.set(p.name, generatorOf(v));
  });
  return out;
}

/**
 * Converts the Python objects a function's typed parameters name (`dtype?`, `Generator?`) into
 * autograd's values; the rest stay as Python gave them (functions check their own arguments).
 */
function convertObjects(s: Signature, a: Args): BoundArgs {
  const out = new Map(a);
  for (const p of s.params) {
    const v = a.get(p.name);
    if (p.type === 'dtype') out.set(p.name, toDType(v) ?? null);
    else if (p.type === 'Generator') out.set(p.name, generatorOf(v));
  }
  return out;
}

/** The context a declaration's Python call may use, for one call. */
export function callContext(
  s: Signature,
  args: readonly unknown[],
  kwargs: Kwargs,
  at: PythonCallContext['at'] = (_step, body) => body(),
): PythonCallContext {
  return {
    at,
    invalidArguments: () => invalidArguments(s, args, kwargs),
    warn: (category, message, source) => {
      pyWarn(category, message, source);
    },
    typeName,
    str: pyStr,
    sequence: (v) => (v instanceof PyList || v instanceof PyTuple ? v.items : null),
    dims: toDims,
    int: toInt,
    size: (shape) => pyStr(new TorchSize(shape)),
  };
}

/**
 * A declaration's result as Python sees it: several tensors are a tuple (`split`), or the named
 * tuple the op declares (`max(dim)` → `torch.return_types.max`).
 */
function pythonResult(result: unknown, returns: PythonBinding['returns']): unknown {
  if (!Array.isArray(result)) return result;
  return returns
    ? new PyNamedTuple(returns.namedTuple, [...returns.fields], result)
    : new PyTuple(result);
}

function methodSpec(name: string, b: PythonBinding): MethodSpec {
  const text = b.method ?? `${name}()`;
  const signature = sig(text, b.style ?? 'native', overloads(b.overloads));
  const run: MethodSpec['run'] = (self, a, args, kwargs, asCalled) => {
    const context = asCalled
      ? callContext(asCalled.signature, asCalled.args, kwargs)
      : callContext(signature, args, kwargs);
    const result = b.call(self, convert(signature, a), context);
    return pythonResult(result, b.returns);
  };
  return {
    signature,
    run,
    ...(b.noArgs ? {noArgs: true} : {}),
    ...(b.function === undefined
      ? {}
      : {functionForm: b.function === true ? true : (overloads(b.function) ?? [])}),
    ...(b.reflected ? {reflected: b.reflected} : {}),
    ...(b.out ? {out: b.out} : {}),
  };
}

/** The tensor methods the ops declare, by Python name. */
export function opMethods(): [string, MethodSpec][] {
  return opDeclarations.flatMap((op) =>
    Object.entries(op.python ?? {}).map(([name, b]): [string, MethodSpec] => [
      name,
      methodSpec(name, b),
    ]),
  );
}

/**
 * Where a Python-level function's body runs, given its bound arguments: its traceback frames,
 * outermost first (the function's own line, then any Python function that line calls), for the
 * whole call or, with `step`, for one step of it (see {@link PythonCallContext.at}).
 */
export type FrameOf = (name: string, bound: BoundArgs, step?: string) => readonly LibraryFrame[];

/** Runs `body` inside `frames` (outermost first): an error leaving it gets each of them. */
function inFrames<T>(frames: readonly LibraryFrame[], body: () => T): T {
  return frames.reduceRight<() => T>((inner, frame) => () => inLibrary(frame, inner), body)();
}

/** A Python function built from a declaration (`F.relu`, `torch.cat`). */

function pythonFunction(
  name: string,
  f: PythonFunction,
  style: 'native' | 'python',
  frameOf?: FrameOf,
) {
  const signature = sig(f.signature, f.style ?? style, overloads(f.overloads));
  return {
    name,
    signature,
    call: withOut(name, f.out, (args: readonly unknown[], kwargs: Kwargs): unknown => {
      const bound = convertObjects(signature, bind(signature, args, kwargs));
      const ctx = callContext(signature, args, kwargs, (step, body) =>
        inFrames(frameOf?.(name, bound, step) ?? [], body),
      );
      const result = inFrames(frameOf?.(name, bound) ?? [], () => f.call(bound, ctx));
      return pythonResult(result, undefined);
    }),
  };
}

/**
 * The `torch.nn.functional` functions the ops declare; `frameOf` names the line of PyTorch's
 * functional.py an error leaves (after the arguments are bound, as in Python).
 */
export function opFunctional(frameOf?: FrameOf): ReturnType<typeof pythonFunction>[] {
  return opDeclarations.flatMap((op) =>
    Object.entries(op.pythonFunctional ?? {}).map(([name, f]) =>
      pythonFunction(name, f, 'python', frameOf),
    ),
  );
}

/** The `torch.*` functions the ops declare that are no tensor method's form (`torch.cat`). */
export function opTorchFunctions(): ReturnType<typeof pythonFunction>[] {
  return opDeclarations.flatMap((op) =>
    Object.entries(op.pythonTorch ?? {}).map(([name, f]) => pythonFunction(name, f, 'native')),
  );
}
