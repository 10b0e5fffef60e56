/**
 * The syntax tree of the Python subset, shaped like Python's own `ast` module (same node names and
 * fields where the subset has them). Every node carries its source span.
 */
import type {Span} from '../trace/span.js';

/** A binary operator, by its Python spelling. */
export type BinOpName =
  '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '<<' | '>>' | '&' | '|' | '^';
/** A comparison operator, by its Python spelling (`not in`, `is not` as two words). */
export type CmpOpName = '<' | '>' | '<=' | '>=' | '==' | '!=' | 'in' | 'not in' | 'is' | 'is not';
/** A unary operator. */
export type UnaryOpName = '-' | '+' | '~' | 'not';

/** A constant's value: int (bigint), float, bool, None (null), str, or the Ellipsis marker. */
export type ConstantValue = bigint | number | boolean | null | string | {readonly ellipsis: true};

/** A keyword argument `name=value` in a call; `**mapping` has a null name. */
export interface Keyword {
  readonly name: string | null;
  readonly value: Expr;
  readonly span: Span;
}

/** An expression node. */
export type Expr =
  | {readonly kind: 'Name'; readonly id: string; readonly span: Span}
  | {readonly kind: 'Constant'; readonly value: ConstantValue; readonly span: Span}
  | {readonly kind: 'FormattedString'; readonly parts: readonly FStringPart[]; readonly span: Span}
  | {readonly kind: 'List'; readonly elts: readonly Expr[]; readonly span: Span}
  | {readonly kind: 'Tuple'; readonly elts: readonly Expr[]; readonly span: Span}
  | {
      readonly kind: 'BinOp';
      readonly op: BinOpName;
      readonly left: Expr;
      readonly right: Expr;
      readonly span: Span;
    }
  | {
      readonly kind: 'UnaryOp';
      readonly op: UnaryOpName;
      readonly operand: Expr;
      readonly span: Span;
    }
  | {
      readonly kind: 'BoolOp';
      readonly op: 'and' | 'or';
      readonly values: readonly Expr[];
      readonly span: Span;
    }
  | {
      readonly kind: 'Compare';
      readonly left: Expr;
      readonly ops: readonly CmpOpName[];
      readonly comparators: readonly Expr[];
      readonly span: Span;
    }
  | {readonly kind: 'Attribute'; readonly value: Expr; readonly attr: string; readonly span: Span}
  | {
      readonly kind: 'Call';
      readonly func: Expr;
      readonly args: readonly Expr[];
      readonly keywords: readonly Keyword[];
      readonly span: Span;
    }
  | {readonly kind: 'Subscript'; readonly value: Expr; readonly index: Expr; readonly span: Span}
  | {
      readonly kind: 'Slice';
      readonly lower: Expr | null;
      readonly upper: Expr | null;
      readonly step: Expr | null;
      readonly span: Span;
    }
  | {
      readonly kind: 'IfExp';
      readonly test: Expr;
      readonly body: Expr;
      readonly orelse: Expr;
      readonly span: Span;
    }
  | {readonly kind: 'Starred'; readonly value: Expr; readonly span: Span}
  | {readonly kind: 'Lambda'; readonly args: Arguments; readonly body: Expr; readonly span: Span}
  | {
      /** `{k: v, **m}`: a null key marks a `**m` entry. */
      readonly kind: 'Dict';
      readonly keys: readonly (Expr | null)[];
      readonly values: readonly Expr[];
      readonly span: Span;
    }
  | {readonly kind: 'Set'; readonly elts: readonly Expr[]; readonly span: Span}
  /** `yield` / `yield x`: makes the function it is in a generator function. */
  | {readonly kind: 'Yield'; readonly value: Expr | null; readonly span: Span}
  /** `yield from x`: delegates to the iterator of `x`; its value is what that returned. */
  | {readonly kind: 'YieldFrom'; readonly value: Expr; readonly span: Span}
  /**
   * Never made by the parser: a sub-expression a suspended generator has already evaluated
   * (suspend.ts), so that the expression around a `yield` runs on the ordinary evaluator.
   */
  | {readonly kind: 'Evaluated'; readonly value: unknown; readonly span: Span}
  | {
      readonly kind: 'ListComp' | 'SetComp' | 'GeneratorExp';
      readonly elt: Expr;
      readonly generators: readonly Comprehension[];
      readonly span: Span;
    }
  | {
      readonly kind: 'DictComp';
      readonly key: Expr;
      readonly value: Expr;
      readonly generators: readonly Comprehension[];
      readonly span: Span;
    };

/** One `for target in iter if cond…` clause of a comprehension. */
export interface Comprehension {
  readonly target: Expr;
  readonly iter: Expr;
  readonly ifs: readonly Expr[];
}

/** One parameter of a `def` or `lambda`, with its default value (null when it has none). */
export interface Param {
  readonly name: string;
  readonly default: Expr | null;
  readonly span: Span;
}

/** A parameter list: `def f(a, /, b, c=1, *args, d, e=2, **kwargs)`. */
export interface Arguments {
  readonly posonly: readonly Param[];
  readonly args: readonly Param[];
  readonly vararg: Param | null;
  readonly kwonly: readonly Param[];
  readonly kwarg: Param | null;
}

/** An `except Type as name:` clause; `type` is null for a bare `except:`. */
export interface ExceptHandler {
  readonly type: Expr | null;
  readonly name: string | null;
  readonly body: readonly Stmt[];
  readonly span: Span;
}

/** A piece of an f-string: literal text, or a replacement field `{expr!conv:spec}`. */
export type FStringPart =
  | string
  | {
      readonly expr: Expr;
      readonly conversion: 's' | 'r' | null;
      readonly spec: readonly FStringPart[];
      /** Set for the self-documenting form `{x=}`: the text `x=` printed before the value. */
      readonly debugText: string | null;
    };

/** One imported name: `torch.nn.functional as F` is {name: 'torch.nn.functional', asname: 'F'}. */
export interface Alias {
  readonly name: string;
  readonly asname: string | null;
  readonly span: Span;
}

/** A statement node. */
export type Stmt =
  | {readonly kind: 'Import'; readonly names: readonly Alias[]; readonly span: Span}
  | {
      readonly kind: 'ImportFrom';
      readonly module: string;
      readonly names: readonly Alias[];
      readonly span: Span;
    }
  | {
      readonly kind: 'Assign';
      readonly targets: readonly Expr[];
      readonly value: Expr;
      readonly span: Span;
    }
  | {
      /**
       * `target: annotation = value` (value null for a bare `x: int`); `simple` for a name not
       * in parentheses (the one kind `__annotations__` records).
       */
      readonly kind: 'AnnAssign';
      readonly target: Expr;
      readonly annotation: Expr;
      readonly value: Expr | null;
      readonly simple: boolean;
      readonly span: Span;
    }
  | {
      readonly kind: 'AugAssign';
      readonly target: Expr;
      readonly op: BinOpName;
      readonly value: Expr;
      readonly span: Span;
    }
  | {readonly kind: 'Expr'; readonly value: Expr; readonly span: Span}
  | {
      readonly kind: 'For';
      readonly target: Expr;
      readonly iter: Expr;
      readonly body: readonly Stmt[];
      readonly orelse: readonly Stmt[];
      readonly span: Span;
    }
  | {
      readonly kind: 'If';
      readonly test: Expr;
      readonly body: readonly Stmt[];
      readonly orelse: readonly Stmt[];
      readonly span: Span;
    }
  | {
      readonly kind: 'With';
      readonly items: readonly {readonly context: Expr; readonly target: Expr | null}[];
      readonly body: readonly Stmt[];
      readonly span: Span;
    }
  | {readonly kind: 'Pass' | 'Break' | 'Continue'; readonly span: Span}
  | {
      readonly kind: 'FunctionDef';
      readonly name: string;
      readonly args: Arguments;
      readonly body: readonly Stmt[];
      readonly decorators: readonly Expr[];
      readonly span: Span;
    }
  | {
      readonly kind: 'ClassDef';
      readonly name: string;
      readonly bases: readonly Expr[];
      readonly keywords: readonly Keyword[];
      readonly body: readonly Stmt[];
      readonly decorators: readonly Expr[];
      readonly span: Span;
    }
  | {readonly kind: 'Return'; readonly value: Expr | null; readonly span: Span}
  | {
      readonly kind: 'While';
      readonly test: Expr;
      readonly body: readonly Stmt[];
      readonly orelse: readonly Stmt[];
      readonly span: Span;
    }
  | {
      readonly kind: 'Try';
      readonly body: readonly Stmt[];
      readonly handlers: readonly ExceptHandler[];
      readonly orelse: readonly Stmt[];
      readonly finalbody: readonly Stmt[];
      readonly span: Span;
    }
  | {
      readonly kind: 'Raise';
      readonly exc: Expr | null;
      readonly cause: Expr | null;
      readonly span: Span;
    }
  | {readonly kind: 'Assert'; readonly test: Expr; readonly msg: Expr | null; readonly span: Span}
  | {readonly kind: 'Global' | 'Nonlocal'; readonly names: readonly string[]; readonly span: Span}
  | {readonly kind: 'Delete'; readonly targets: readonly Expr[]; readonly span: Span};

/** A parsed script: its statements and its source lines (for tracebacks). */
export interface Module {
  readonly kind: 'Module';
  readonly body: readonly Stmt[];
  readonly filename: string;
  /** The source split into lines (without line ends), line 1 at index 0. */
  readonly lines: readonly string[];
}

/** The span from the start of `a` to the end of `b`. */
export function joinSpans(a: Span, b: Span): Span {
  return {line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn};
}
