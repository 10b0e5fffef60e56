/**
 * The op declaration: what the rest of grad-graph reads about an op, declared once beside its
 * kernels and backward formulas (ops/*.ts). The engine reads each node's `createGraph`; the
 * registry (registry.ts) installs the TypeScript methods and `torch.*` functions; the script
 * runner binds the Python forms from `python`; the narration renders `derivative`.
 *
 * Adding an op is one file that exports its declarations, listed once in registry.ts.
 */
import type {Scalar} from './dtype.js';
import type {Int} from './shape.js';
import type {Tensor} from './tensor.js';
import type {OutRule} from './ops/out.js';

/**
 * ∂output/∂input as data (autograd knows the math; the picture stage words and draws it):
 * a number, an operand of the op (its name and, when uniform, its value; a Python-scalar operand
 * reads the op's scalar argument `arg`), a scalar argument (`alpha`, `exponent`), or a
 * combination. `out` marks a subformula equal to the op's result, so its number is read from the
 * result the engine computed rather than recomputed.
 */
export type Formula =
  | number
  | {readonly operand: number; readonly arg?: string}
  | {readonly arg: string; readonly default?: number}
  | {readonly neg: Formula}
  | {readonly mul: readonly [Formula, Formula]}
  | {readonly sub: readonly [Formula, Formula]}
  /** `a/b`: a number only when both sides are numbers (shown as the fraction `1/4`). */
  | {readonly div: readonly [Formula, Formula]}
  /** `1/x` with its number. */
  | {readonly inverse: Formula}
  | {readonly pow: readonly [Formula, Formula]}
  | {readonly square: Formula}
  | {
      readonly fn: 'ln' | 'exp' | 'tanh' | 'σ' | 'sqrt' | 'sin' | 'cos' | 'sign';
      readonly of: Formula;
    }
  | {readonly out: Formula}
  /** How many input elements each output element reduces (a mean's n). */
  | {readonly reducedCount: true}
  /** `[x > 0]`: 1 where positive, else 0. */
  | {readonly positive: Formula}
  | {readonly transpose: Formula};

/** ∂output/∂input for one input of a node: a formula, or a matrix product's side. */
export type LocalGrad =
  | Formula
  /** The gradient is `grad @ factor` (right) or `factor @ grad` (left), not `grad · factor`. */
  | {readonly matmul: 'left' | 'right'; readonly factor: Formula}
  /**
   * The node only moves elements: each output element is one input element (∂ = 1), so the
   * gradient goes back rearranged: `reshape` to the input's shape, `transpose`d, summed back to
   * the input's shape (`sumTo`, an expand), placed into zeros at the picked part (`scatter`, a
   * select or slice), or unchanged (`copy`: clone, dtype conversion, alias); added into zeros
   * at the picked places (`accumulate`: tensor indexing, gather, where an element may be
   * picked twice), or picked from the gradient at the written places (`gather`: index_put's
   * values, scatter's src).
   */
  | {
      readonly moves:
        'reshape' | 'transpose' | 'sumTo' | 'scatter' | 'copy' | 'accumulate' | 'gather';
    };

/** A backward node an op records (its grad_fn), as PyTorch names it. */
export interface NodeDeclaration {
  /** `grad_fn.name()`, e.g. `AddBackward0`. */
  readonly name: string;
  /**
   * Whether `create_graph=True` may pass through: its backward formula is made of recorded
   * ops, so the gradients it returns carry a graph of their own. Others are refused by the
   * engine, never silently treated as constants.
   */
  readonly createGraph: boolean;
  /** ∂output/∂input by input slot, for narration (absent or null: no simple formula). */
  readonly derivative?: readonly (LocalGrad | null)[];
}

/** Every node declared so far, by name (the first declaration of a name wins). */
const declared = new Map<string, NodeDeclaration>();

/** Declares a backward node. */
export function declareNode(
  name: string,
  createGraph: boolean,
  derivative?: readonly (LocalGrad | null)[],
): NodeDeclaration {
  const node = derivative === undefined ? {name, createGraph} : {name, createGraph, derivative};
  if (!declared.has(name)) declared.set(name, node);
  return node;
}

/**
 * Every backward node the loaded op files declared, listed or not in an op's `nodes` (views'
 * internal `UnsafeViewBackward0`, C++-only `MulBackward1`): the grad_fn names the engine can
 * give a tensor, besides AccumulateGrad and a custom Function's `<Name>Backward`.
 */
export function declaredNodes(): readonly NodeDeclaration[] {
  return [...declared.values()];
}

/** One of PyTorch's printed overloads: its text and how many arguments it takes. */
export interface OverloadDeclaration {
  readonly text: string;
  readonly min: number;
  readonly max: number;
  /** A deprecated overload PyTorch accepts but does not print. */
  readonly hidden?: boolean;
  /** Required arguments counting keyword-only ones, when PyTorch's "takes from …" needs it. */
  readonly required?: number;
}

/**
 * Arguments bound from a Python call by parameter name, already converted to autograd's values
 * by their declared types: `int` → Int, `int?` → Int | null, `ints?` → Int | Int[] | null,
 * `*ints` → Int[], `dtype?` → DType | null, `bool` → boolean; Tensor and numbers as they are.
 */
export type BoundArgs = ReadonlyMap<string, unknown>;

/** What a Python binding may ask of the runner that called it. */
export interface PythonCallContext {
  /** Raise PyTorch's "received an invalid combination of arguments" for this call. */
  invalidArguments(): never;
  /** Emit a Python warning (`UserWarning`), as PyTorch's Python code does (from `source`'s line). */
  warn(category: string, message: string, source?: WarningSource): void;
  /** A Python int argument as an Int (PyTorch's errors for anything else). */
  int(value: unknown): Int;
  /** `str(torch.Size(shape))`, for messages. */
  size(shape: readonly number[]): string;
  /** Python's name for the type of a value (`int`, `list`, `Tensor`), for messages. */
  typeName(value: unknown): string;
  /** Python's `str(value)`, for messages. */
  str(value: unknown): string;
  /** The items of a Python list or tuple, or null for anything else. */
  sequence(value: unknown): readonly unknown[] | null;
  /** A Python `dim=` argument (an int, a list/tuple of ints, or None) as Int | Int[] | null. */
  dims(value: unknown): Int | Int[] | null;
  /**
   * Runs `body` as the step `step` of the Python function's body ('target.size', 'broadcast',
   * 'call', …): an error leaving it gets that line's traceback frames. A function that names
   * its steps has no frame of its own.
   */
  at<T>(step: string, body: () => T): T;
}

/** Where PyTorch's Python code issues a warning (the line Python prints with it). */
export interface WarningSource {
  readonly file: string;
  readonly line: number;
  readonly source: string;
}

/** A Python function (of `torch.nn.functional`, or of `torch` with no tensor `self`). */
export interface PythonFunction {
  /** Its signature: `relu(any input, any inplace=False)`. */
  readonly signature: string;
  /** 'native' (PyTorch's C++ argument parser; the default for `torch.*`) or 'python'. */
  readonly style?: 'native' | 'python';
  /** PyTorch's printed overloads, for its messages. */
  readonly overloads?: readonly OverloadDeclaration[];
  readonly call: (args: BoundArgs, ctx: PythonCallContext) => unknown;
  /** It takes `out=` (ops/out.ts: how the out tensor's dtype may differ from the result's). */
  readonly out?: OutRule;
}

/** A Python result that PyTorch returns as a named tuple (`torch.return_types.max`). */
export interface NamedTupleResult {
  readonly namedTuple: string;
  readonly fields: readonly string[];
}

/**
 * How the script runner binds an op's Python forms. Signatures are PyTorch's, in the compact
 * form the runner parses: `add(TensorOrNumber other, *, Number alpha=1)`.
 */
export interface PythonBinding {
  /** `Tensor.<name>(…)`: the signature (the method's name is its name). */
  readonly method?: string;
  /** 'python' for methods PyTorch writes in Python (`Tensor.norm`): Python's argument messages. */
  readonly style?: 'native' | 'python';
  /** A C method taking no arguments (`_TensorBase.t() takes no arguments (1 given)`). */
  readonly noArgs?: boolean;
  /** PyTorch's printed overloads of the method, for its messages. */
  readonly overloads?: readonly OverloadDeclaration[];
  /**
   * `torch.<name>(input, …)`: true for the method's signature with `input` first, or PyTorch's
   * own printed overloads of the functional form.
   */
  readonly function?: true | readonly OverloadDeclaration[];
  /** `torch.<name>(number, tensor)`: the functional form with a Python number first. */
  readonly reflected?: (input: Scalar, other: Tensor) => Tensor;
  /** The call, with `self` the tensor and the arguments bound and converted. */
  readonly call: (self: Tensor, args: BoundArgs, ctx: PythonCallContext) => unknown;
  /** A result of several tensors returned as this named tuple. */
  readonly returns?: NamedTupleResult;
  /** The `torch.<name>` form takes `out=` (ops/out.ts: how its dtype may differ). */
  readonly out?: OutRule;
}

/**
 * A Python operator on tensors (`+`, `//`, `@`, `>`, unary `-`, `abs`): which of its Python
 * protocol methods the op provides. Several ops may provide parts of one operator (`+` from
 * `add`, `+=` from `add_`).
 */
export interface OperatorBinding {
  /** `t op other`, other a tensor or a Python number (only a tensor when `tensorOnly`). */
  readonly binary?: (self: Tensor, other: Tensor | Scalar) => unknown;
  /** `number op t` (Python's reflected method, `__radd__`). */
  readonly reflected?: (self: Tensor, other: Scalar) => unknown;
  /** `t op= other`. */
  readonly inPlace?: (self: Tensor, other: Tensor | Scalar) => unknown;
  /** The other operand must be a tensor (`@`). */
  readonly tensorOnly?: boolean;
  /** The unary operator: `-t`, `abs(t)`. */
  readonly unary?: (self: Tensor) => unknown;
}

/** A TypeScript method installed on Tensor.prototype (its type declared by the op file). */
export type TensorMethod = (this: Tensor, ...args: never[]) => unknown;

/** A function of the `torch` namespace (its type declared by the op file on TorchFunctions). */
export type TorchFunction = (...args: never[]) => unknown;

/** An op: its name, the nodes it records, and its TypeScript and Python forms. */
export interface OpDeclaration {
  /** PyTorch's Python name (`add`, `log_softmax`); the observer reports ops by it. */
  readonly name: string;
  /** The grad_fn nodes it may record. */
  readonly nodes?: readonly NodeDeclaration[];
  /** Tensor methods (`x.add(y)`), by TypeScript name. */
  readonly methods?: Readonly<Record<string, TensorMethod>>;
  /** Tensor getters (`x.T`), by TypeScript name. */
  readonly getters?: Readonly<Record<string, (this: Tensor) => unknown>>;
  /** `torch.*` functions, by TypeScript name. */
  readonly functions?: Readonly<Record<string, TorchFunction>>;
  /** `torch.nn.functional` (`F`) functions, by TypeScript name. */
  readonly functional?: Readonly<Record<string, TorchFunction>>;
  /** The Python forms (several for ops with several Python names). */
  readonly python?: Readonly<Record<string, PythonBinding>>;
  /** Python functions of `torch.nn.functional`, by Python name. */
  readonly pythonFunctional?: Readonly<Record<string, PythonFunction>>;
  /** The Python operators it provides, by symbol (`+`, `//`, `@`, `>`; unary: `-`, `abs`). */
  readonly operators?: Readonly<Record<string, OperatorBinding>>;
  /** Python functions of `torch` that are not a tensor method's form (`torch.cat`), by name. */
  readonly pythonTorch?: Readonly<Record<string, PythonFunction>>;
}

/** Declares an op (the identity, typed). */
export function declareOp(op: OpDeclaration): OpDeclaration {
  return op;
}

/** Shorthand for an OverloadDeclaration. */
export function overload(
  text: string,
  min: number,
  max: number,
  hidden = false,
  required?: number,
): OverloadDeclaration {
  return {text, min, max, hidden, ...(required === undefined ? {} : {required})};
}

/**
 * The `torch.*` functions the op files declare (each op file adds its own to this interface,
 * beside the implementation it declares).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TorchFunctions {}

/** The `torch.nn.functional` functions the op files declare. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FunctionalFunctions {}
