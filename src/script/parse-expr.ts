/**
 * The expression half of the parser: Python's expression grammar from the conditional expression
 * down to atoms, by recursive descent with Python's precedence: lambdas, comprehensions, dict and
 * set displays, starred items, argument unpacking and `yield` included. Constructs outside the
 * subset (`await`, the walrus, …) are refused with a clear error.
 */
import type {Span} from '../trace/span.js';
import {
  joinSpans,
  type Arguments,
  type BinOpName,
  type Comprehension,
  type Param,
  type CmpOpName,
  type ConstantValue,
  type Expr,
  type FStringPart,
  type Keyword,
} from './ast.js';
import {PyException} from './errors.js';
import {parseFString} from './fstring.js';
import {GenericSyntaxError, ParserBase} from './parser-base.js';
import {keywords, type Token} from './tokens.js';
import {yieldInComprehension} from './yields.js';

const comparisonOps = new Set(['<', '>', '<=', '>=', '==', '!=']);
const termOps: ReadonlySet<string> = new Set(['*', '/', '//', '%', '@']);
const sumOps: ReadonlySet<string> = new Set(['+', '-']);
const shiftOps: ReadonlySet<string> = new Set(['<<', '>>']);
const andOps: ReadonlySet<string> = new Set(['&']);
const xorOps: ReadonlySet<string> = new Set(['^']);
const orOps: ReadonlySet<string> = new Set(['|']);

/** What an expression is called in CPython's "cannot assign to …" messages. */
export function exprName(e: Expr): string {
  switch (e.kind) {
    case 'Name':
      return 'name';
    case 'Attribute':
      return 'attribute';
    case 'Subscript':
      return 'subscript';
    case 'List':
      return 'list';
    case 'Tuple':
      return 'tuple';
    case 'Call':
      return 'function call';
    case 'BinOp':
    case 'UnaryOp':
    case 'BoolOp':
      return 'expression';
    case 'Compare':
      return 'comparison';
    case 'IfExp':
      return 'conditional expression';
    case 'FormattedString':
      return 'f-string expression';
    case 'Slice':
      return 'slice';
    case 'Starred':
      return 'starred';
    case 'Lambda':
      return 'lambda';
    case 'Dict':
      return 'dict literal';
    case 'Set':
      return 'set display';
    case 'ListComp':
      return 'list comprehension';
    case 'SetComp':
      return 'set comprehension';
    case 'DictComp':
      return 'dict comprehension';
    case 'GeneratorExp':
      return 'generator expression';
    case 'Yield':
    case 'YieldFrom':
      return 'yield expression';
    case 'Evaluated':
      return 'expression';
    case 'Constant': {
      const v = e.value;
      if (v === null) return 'None';
      if (v === true) return 'True';
      if (v === false) return 'False';
      if (typeof v === 'object') return 'ellipsis';
      return 'literal';
    }
  }
}

/** Parses expressions; the statement parser extends it. */
export abstract class ExprParser extends ParserBase {
  /**
   * The spans of parenthesized expressions with their parentheses. The expression keeps its own
   * span, as in CPython's AST, but a node built around it starts or ends at the parenthesis
   * (`(b * b).sum()` starts at column 1, as CPython's Call does).
   */
  private readonly parenSpans = new WeakMap<object, Span>();
  /** How many `def`s (or lambdas) the parser is inside: `yield` outside one is a SyntaxError. */
  protected functionDepth = 0;

  /** An operand's span for the node around it: with its parentheses, if it had any. */
  protected outer(x: {readonly span: Span}): Span {
    return this.parenSpans.get(x) ?? x.span;
  }

  /** Refuses a construct outside the subset, pointing at it. */
  protected unsupported(what: string, at: Span): never {
    this.fail('NotImplementedError', `${what} not supported by grad-graph's Python subset`, at);
  }

  /** Can the current token start an expression? */
  protected startsExpression(ahead = 0): boolean {
    const t = this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)] as Token;
    if (t.kind === 'number' || t.kind === 'string') return true;
    if (t.kind === 'name') {
      return !keywords.has(t.text) || ['None', 'True', 'False', 'not', 'lambda'].includes(t.text);
    }
    return t.kind === 'op' && ['(', '[', '{', '-', '+', '~', '...'].includes(t.text);
  }

  /** star_expressions: one expression, or a tuple of them separated by commas. */
  protected expressions(): Expr {
    const first = this.starOrExpression();
    if (!this.isOp(',')) {
      if (first.kind === 'Starred') {
        this.fail('SyntaxError', "can't use starred expression here", first.span);
      }
      return first;
    }
    const elts = [first];
    while (this.eatOp(',')) {
      if (!this.startsExpression() && !this.isOp('*')) break;
      elts.push(this.starOrExpression());
    }
    const last = elts[elts.length - 1] as Expr;
    const end = this.previous().text === ',' ? this.previous().span : last.span;
    return {kind: 'Tuple', elts, span: joinSpans(this.outer(first), end)};
  }

  /** A comprehension node, refused as CPython's compiler refuses a `yield` in its own scope. */
  private comprehension<
    T extends Extract<Expr, {kind: 'ListComp' | 'SetComp' | 'DictComp' | 'GeneratorExp'}>,
  >(node: T): T {
    const y = yieldInComprehension(node);
    if (y) this.fail('SyntaxError', `'yield' inside ${exprName(node)}`, y.span);
    return node;
  }

  /**
   * `yield`, `yield a, b` or `yield from x` (at the `yield` keyword): allowed where CPython
   * allows them, as a statement, the value of an assignment, or in parentheses.
   */
  protected yieldExpression(): Expr {
    const t = this.next();
    if (this.functionDepth === 0) this.fail('SyntaxError', "'yield' outside function", t.span);
    if (this.eatKeyword('from')) {
      const value = this.expression();
      return {kind: 'YieldFrom', value, span: joinSpans(t.span, this.outer(value))};
    }
    if (!this.startsExpression() && !this.isOp('*'))
      return {kind: 'Yield', value: null, span: t.span};
    const value = this.expressions();
    return {kind: 'Yield', value, span: joinSpans(t.span, this.outer(value))};
  }

  /** `*expr` (a Starred item of a display, target or call) or an expression. */
  protected starOrExpression(): Expr {
    if (!this.isOp('*')) return this.expression();
    const star = this.next();
    const value = this.bitOr();
    return {kind: 'Starred', value, span: joinSpans(star.span, this.outer(value))};
  }

  /** expression: a conditional expression `a if test else b`, a lambda, or a disjunction. */
  protected expression(): Expr {
    this.enter();
    try {
      if (this.isKeyword('lambda')) return this.lambda();
      const startToken = this.peek();
      const body = this.disjunction();
      if (this.isKeyword('if')) {
        this.next();
        const test = this.disjunction();
        if (!this.eatKeyword('else')) {
          if (this.isOp(':')) this.invalid();
          this.fail(
            'SyntaxError',
            "expected 'else' after 'if' expression",
            joinSpans(this.outer(body), this.outer(test)),
          );
        }
        const orelse = this.expression();
        return {
          kind: 'IfExp',
          test,
          body,
          orelse,
          span: joinSpans(this.outer(body), this.outer(orelse)),
        };
      }
      this.checkMissingComma(startToken, body);
      return body;
    } finally {
      this.leave();
    }
  }

  /** CPython's "Perhaps you forgot a comma?": two expressions side by side inside brackets. */
  private checkMissingComma(startToken: Token, first: Expr): void {
    if (this.bracketLevel === 0 || !this.startsExpression()) return;
    if (this.isKeyword('not') || this.isKeyword('lambda') || this.isKeyword('for')) return;
    const second = this.tokens[this.tokens.indexOf(startToken) + 1];
    if (startToken.kind === 'name' && second?.kind === 'string') return;
    if (first.kind === 'Name' && (first.id === 'print' || first.id === 'exec')) return;
    const save = this.i;
    let next: Expr;
    try {
      next = this.disjunction();
    } catch (e) {
      if (e instanceof GenericSyntaxError) {
        this.i = save;
        return;
      }
      throw e;
    }
    this.fail(
      'SyntaxError',
      'invalid syntax. Perhaps you forgot a comma?',
      joinSpans(this.outer(first), this.outer(next)),
    );
  }

  protected disjunction(): Expr {
    const first = this.conjunction();
    if (!this.isKeyword('or')) return first;
    const values = [first];
    while (this.eatKeyword('or')) values.push(this.conjunction());
    const last = values[values.length - 1] as Expr;
    return {kind: 'BoolOp', op: 'or', values, span: joinSpans(this.outer(first), this.outer(last))};
  }

  private conjunction(): Expr {
    const first = this.inversion();
    if (!this.isKeyword('and')) return first;
    const values = [first];
    while (this.eatKeyword('and')) values.push(this.inversion());
    const last = values[values.length - 1] as Expr;
    return {
      kind: 'BoolOp',
      op: 'and',
      values,
      span: joinSpans(this.outer(first), this.outer(last)),
    };
  }

  private inversion(): Expr {
    if (this.isKeyword('not')) {
      const start = this.next().span;
      this.enter();
      try {
        const operand = this.inversion();
        return {kind: 'UnaryOp', op: 'not', operand, span: joinSpans(start, this.outer(operand))};
      } finally {
        this.leave();
      }
    }
    return this.comparison();
  }

  private compareOp(): CmpOpName | null {
    const t = this.peek();
    if (t.kind === 'op' && comparisonOps.has(t.text)) {
      this.next();
      return t.text as CmpOpName;
    }
    if (t.kind === 'name') {
      if (t.text === 'in') {
        this.next();
        return 'in';
      }
      if (t.text === 'not' && this.isKeyword('in', 1)) {
        this.next();
        this.next();
        return 'not in';
      }
      if (t.text === 'is') {
        this.next();
        return this.eatKeyword('not') ? 'is not' : 'is';
      }
    }
    return null;
  }

  private comparison(): Expr {
    const left = this.bitOr();
    const ops: CmpOpName[] = [];
    const comparators: Expr[] = [];
    for (let op = this.compareOp(); op !== null; op = this.compareOp()) {
      ops.push(op);
      comparators.push(this.bitOr());
    }
    if (ops.length === 0) return left;
    const last = comparators[comparators.length - 1] as Expr;
    return {
      kind: 'Compare',
      left,
      ops,
      comparators,
      span: joinSpans(this.outer(left), this.outer(last)),
    };
  }

  /** A left-associative chain of binary operators at one precedence level. */
  private binaryChain(ops: ReadonlySet<string>, operand: () => Expr): Expr {
    let left = operand();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !ops.has(t.text)) return left;
      this.next();
      const right = operand();
      left = {
        kind: 'BinOp',
        op: t.text as BinOpName,
        left,
        right,
        span: joinSpans(this.outer(left), this.outer(right)),
      };
    }
  }

  protected bitOr(): Expr {
    return this.binaryChain(orOps, () =>
      this.binaryChain(xorOps, () =>
        this.binaryChain(andOps, () =>
          this.binaryChain(shiftOps, () =>
            this.binaryChain(sumOps, () => this.binaryChain(termOps, () => this.factor())),
          ),
        ),
      ),
    );
  }

  private factor(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '~')) {
      this.next();
      this.enter();
      try {
        const operand = this.factor();
        return {
          kind: 'UnaryOp',
          op: t.text,
          operand,
          span: joinSpans(this.outer(t), this.outer(operand)),
        };
      } finally {
        this.leave();
      }
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.primary();
    if (!this.isOp('**')) return base;
    this.next();
    this.enter();
    try {
      const exponent = this.factor();
      return {
        kind: 'BinOp',
        op: '**',
        left: base,
        right: exponent,
        span: joinSpans(this.outer(base), this.outer(exponent)),
      };
    } finally {
      this.leave();
    }
  }

  private primary(): Expr {
    let e = this.atom();
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const name = this.peek();
        if (name.kind !== 'name' || keywords.has(name.text)) this.invalid();
        this.next();
        e = {
          kind: 'Attribute',
          value: e,
          attr: name.text,
          span: joinSpans(this.outer(e), this.outer(name)),
        };
      } else if (this.isOp('(')) {
        e = this.call(e);
      } else if (this.isOp('[')) {
        this.next();
        this.bracketLevel++;
        if (this.isOp(']')) this.invalid();
        const index = this.slices();
        this.bracketLevel--;
        const end = this.expectOp(']');
        e = {kind: 'Subscript', value: e, index, span: joinSpans(this.outer(e), this.outer(end))};
      } else {
        return e;
      }
    }
  }

  private slices(): Expr {
    const first = this.slice();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eatOp(',')) {
      if (this.isOp(']')) break;
      elts.push(this.slice());
    }
    const last = elts[elts.length - 1] as Expr;
    return {kind: 'Tuple', elts, span: joinSpans(this.outer(first), this.outer(last))};
  }

  private slice(): Expr {
    const start = this.peek().span;
    let lower: Expr | null = null;
    if (!this.isOp(':')) {
      lower = this.expression();
      if (!this.isOp(':')) return lower;
    }
    this.next();
    const bound = () =>
      this.isOp(':') || this.isOp(']') || this.isOp(',') ? null : this.expression();
    const upper = bound();
    let step: Expr | null = null;
    if (this.eatOp(':')) step = bound();
    const end = this.previous().span;
    return {kind: 'Slice', lower, upper, step, span: joinSpans(start, end)};
  }

  private call(func: Expr): Expr {
    const {args, keywords: keywordArgs, end} = this.callArguments();
    return {
      kind: 'Call',
      func,
      args,
      keywords: keywordArgs,
      span: joinSpans(this.outer(func), this.outer(end)),
    };
  }

  /** `(args…)` of a call or a class header: positional, keyword, `*` and `**` arguments. */
  protected callArguments(): {args: Expr[]; keywords: Keyword[]; end: Token} {
    const open = this.next();
    this.bracketLevel++;
    const args: Expr[] = [];
    const keywordArgs: Keyword[] = [];
    let unpackedKwargs = false;
    while (!this.isOp(')')) {
      const t = this.peek();
      if (t.kind === 'op' && t.text === '**') {
        this.next();
        const value = this.expression();
        keywordArgs.push({name: null, value, span: joinSpans(t.span, this.outer(value))});
        unpackedKwargs = true;
      } else if (t.kind === 'op' && t.text === '*') {
        const value = this.starOrExpression();
        if (unpackedKwargs) {
          this.fail(
            'SyntaxError',
            'iterable argument unpacking follows keyword argument unpacking',
            value.span,
          );
        }
        args.push(value);
      } else if (t.kind === 'name' && !keywords.has(t.text) && this.isOp('=', 1)) {
        this.next();
        this.next();
        const value = this.expression();
        const span = joinSpans(this.outer(t), this.outer(value));
        if (keywordArgs.some((k) => k.name === t.text)) {
          this.fail('SyntaxError', `keyword argument repeated: ${t.text}`, span);
        }
        keywordArgs.push({name: t.text, value, span});
      } else {
        let value = this.expression();
        if (this.isKeyword('for')) {
          // A generator expression as the sole argument: its parentheses are the call's.
          const generators = this.comprehensionClauses();
          const close = this.peek();
          value = this.comprehension({
            kind: 'GeneratorExp',
            elt: value,
            generators,
            span: joinSpans(open.span, close.span),
          });
          if (args.length > 0 || keywordArgs.length > 0 || !this.isOp(')')) {
            this.fail(
              'SyntaxError',
              'Generator expression must be parenthesized',
              joinSpans(this.outer(value.elt), this.previous().span),
            );
          }
        }
        if (this.isOp('=')) {
          const eq = this.peek();
          this.fail(
            'SyntaxError',
            'expression cannot contain assignment, perhaps you meant "=="?',
            joinSpans(this.outer(value), this.outer(eq)),
          );
        }
        if (unpackedKwargs) {
          this.fail(
            'SyntaxError',
            'positional argument follows keyword argument unpacking',
            value.span,
          );
        }
        if (keywordArgs.length > 0) {
          this.fail('SyntaxError', 'positional argument follows keyword argument', value.span);
        }
        args.push(value);
      }
      if (!this.eatOp(',')) break;
    }
    this.bracketLevel--;
    const end = this.expectOp(')');
    return {args, keywords: keywordArgs, end};
  }

  /** The `for … in … if …` clauses after a comprehension's element. */
  protected comprehensionClauses(): Comprehension[] {
    const clauses: Comprehension[] = [];
    while (this.isKeyword('for')) {
      this.next();
      const target = this.targetList();
      if (!this.eatKeyword('in')) this.invalid();
      this.checkTarget(target, false);
      const iter = this.disjunction();
      const ifs: Expr[] = [];
      while (this.eatKeyword('if')) ifs.push(this.disjunction());
      clauses.push({target, iter, ifs});
    }
    if (this.isKeyword('async')) this.unsupported("'async' is", this.peek().span);
    return clauses;
  }

  /** A `for` target: names, attributes, subscripts or starred names, possibly a tuple of them. */
  protected targetList(): Expr {
    const first = this.targetItem();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eatOp(',')) {
      if (this.isKeyword('in') || this.isOp('=')) break;
      elts.push(this.targetItem());
    }
    const last = elts[elts.length - 1] as Expr;
    return {kind: 'Tuple', elts, span: joinSpans(this.outer(first), this.outer(last))};
  }

  private targetItem(): Expr {
    if (!this.isOp('*')) return this.bitOr();
    const star = this.next();
    const value = this.bitOr();
    return {kind: 'Starred', value, span: joinSpans(star.span, this.outer(value))};
  }

  /** Refuses an assignment target Python refuses (the statement parser implements it). */
  protected abstract checkTarget(e: Expr, single: boolean): void;

  /** `lambda params: body`. */
  private lambda(): Expr {
    const start = this.next().span;
    const args = this.parameters(':', false);
    this.expectOp(':');
    this.functionDepth++;
    try {
      const body = this.expression();
      return {kind: 'Lambda', args, body, span: joinSpans(start, this.outer(body))};
    } finally {
      this.functionDepth--;
    }
  }

  /**
   * A parameter list up to `end` (`)` for a def, `:` for a lambda), with CPython's errors for
   * misplaced defaults, stars and slashes. Annotations are parsed and dropped (def only).
   */
  protected parameters(end: string, annotations: boolean): Arguments {
    const posonly: Param[] = [];
    const args: Param[] = [];
    const kwonly: Param[] = [];
    let vararg: Param | null = null;
    let kwarg: Param | null = null;
    let star = false;
    const names = new Set<string>();
    const param = (): Param => {
      const t = this.peek();
      if (t.kind !== 'name' || keywords.has(t.text)) this.invalid();
      this.next();
      if (names.has(t.text)) {
        this.fail('SyntaxError', `duplicate argument '${t.text}' in function definition`, t.span);
      }
      names.add(t.text);
      if (annotations && this.eatOp(':')) this.expression();
      return {name: t.text, default: null, span: t.span};
    };
    while (!this.isOp(end)) {
      if (kwarg)
        this.fail('SyntaxError', 'arguments cannot follow var-keyword argument', this.peek().span);
      if (this.isOp('/')) {
        const slash = this.next();
        if (star || posonly.length > 0 || args.length === 0) {
          this.fail(
            'SyntaxError',
            star
              ? '/ must be ahead of *'
              : posonly.length
                ? '/ may appear only once'
                : 'at least one argument must precede /',
            slash.span,
          );
        }
        posonly.push(...args.splice(0));
      } else if (this.isOp('**')) {
        this.next();
        kwarg = param();
      } else if (this.isOp('*')) {
        const t = this.next();
        if (star) this.fail('SyntaxError', '* argument may appear only once', t.span);
        star = true;
        if (!this.isOp(',')) vararg = param();
        else if (this.isOp(',', 0) && (this.isOp(end, 1) || this.isOp('**', 1))) {
          this.fail('SyntaxError', 'named arguments must follow bare *', t.span);
        }
      } else {
        const p = param();
        let def: Expr | null = null;
        if (this.eatOp('=')) def = this.expression();
        const full = {...p, default: def};
        if (star) kwonly.push(full);
        else {
          const previous = args[args.length - 1] ?? posonly[posonly.length - 1];
          if (!def && previous?.default) {
            this.fail('SyntaxError', 'non-default argument follows default argument', p.span);
          }
          args.push(full);
        }
      }
      if (!this.eatOp(',')) break;
    }
    if (star && !vararg && kwonly.length === 0) {
      this.fail('SyntaxError', 'named arguments must follow bare *', this.peek().span);
    }
    return {posonly, args, vararg, kwonly, kwarg};
  }

  private atom(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'name':
        return this.nameAtom(t);
      case 'number':
        this.next();
        return {kind: 'Constant', value: parseNumber(t), span: t.span};
      case 'string':
        return this.strings();
      case 'op':
        if (t.text === '(') return this.parenthesized();
        if (t.text === '[') return this.list();
        if (t.text === '{') return this.braces();
        if (t.text === '...') {
          this.next();
          return {kind: 'Constant', value: {ellipsis: true}, span: t.span};
        }
        return this.invalid();
      default:
        return this.invalid();
    }
  }

  private nameAtom(t: Token): Expr {
    const constants: Readonly<Record<string, ConstantValue>> = {
      True: true,
      False: false,
      None: null,
    };
    if (t.text in constants) {
      this.next();
      return {kind: 'Constant', value: constants[t.text] ?? null, span: t.span};
    }
    if (keywords.has(t.text)) {
      if (t.text === 'await') this.unsupported("'await' is", t.span);
      this.invalid();
    }
    this.next();
    return {kind: 'Name', id: t.text, span: t.span};
  }

  private parenthesized(): Expr {
    const open = this.next();
    this.bracketLevel++;
    this.enter();
    try {
      if (this.isOp(')')) {
        this.bracketLevel--;
        const close = this.next();
        return {kind: 'Tuple', elts: [], span: joinSpans(this.outer(open), this.outer(close))};
      }
      const first = this.isKeyword('yield') ? this.yieldExpression() : this.starOrExpression();
      if (this.isOp(':=')) this.unsupported("the walrus operator ':=' is", this.peek().span);
      if (first.kind !== 'Starred' && this.isKeyword('for')) {
        const generators = this.comprehensionClauses();
        this.bracketLevel--;
        const close = this.expectOp(')');
        return this.comprehension({
          kind: 'GeneratorExp',
          elt: first,
          generators,
          span: joinSpans(open.span, close.span),
        });
      }
      if (this.isOp(')') && first.kind !== 'Starred') {
        this.bracketLevel--;
        const close = this.next();
        this.parenSpans.set(first, joinSpans(open.span, close.span));
        return first;
      }
      if (!this.isOp(',')) this.invalid();
      const elts = [first];
      while (this.eatOp(',')) {
        if (this.isOp(')')) break;
        elts.push(this.starOrExpression());
      }
      this.bracketLevel--;
      const close = this.expectOp(')');
      return {kind: 'Tuple', elts, span: joinSpans(this.outer(open), this.outer(close))};
    } finally {
      this.leave();
    }
  }

  private list(): Expr {
    const open = this.next();
    this.bracketLevel++;
    this.enter();
    try {
      const elts: Expr[] = [];
      while (!this.isOp(']')) {
        const item = this.starOrExpression();
        if (elts.length === 0 && item.kind !== 'Starred' && this.isKeyword('for')) {
          const generators = this.comprehensionClauses();
          this.bracketLevel--;
          const close = this.expectOp(']');
          const span = joinSpans(open.span, close.span);
          return this.comprehension({kind: 'ListComp', elt: item, generators, span});
        }
        elts.push(item);
        if (!this.eatOp(',')) break;
      }
      this.bracketLevel--;
      const close = this.expectOp(']');
      return {kind: 'List', elts, span: joinSpans(this.outer(open), this.outer(close))};
    } finally {
      this.leave();
    }
  }

  /** `{…}`: a dict or set display, or a dict or set comprehension. */
  private braces(): Expr {
    const open = this.next();
    this.bracketLevel++;
    this.enter();
    try {
      const keys: (Expr | null)[] = [];
      const values: Expr[] = [];
      const elts: Expr[] = [];
      const done = (): Span => {
        this.bracketLevel--;
        return joinSpans(open.span, this.expectOp('}').span);
      };
      if (this.isOp('}')) return {kind: 'Dict', keys, values, span: done()};
      let isDict: boolean;
      if (this.eatOp('**')) {
        keys.push(null);
        values.push(this.bitOr());
        isDict = true;
      } else {
        const first = this.starOrExpression();
        if (first.kind !== 'Starred' && this.eatOp(':')) {
          const value = this.expression();
          if (this.isKeyword('for')) {
            const generators = this.comprehensionClauses();
            return this.comprehension({
              kind: 'DictComp',
              key: first,
              value,
              generators,
              span: done(),
            });
          }
          keys.push(first);
          values.push(value);
          isDict = true;
        } else {
          if (first.kind !== 'Starred' && this.isKeyword('for')) {
            const generators = this.comprehensionClauses();
            return this.comprehension({kind: 'SetComp', elt: first, generators, span: done()});
          }
          elts.push(first);
          isDict = false;
        }
      }
      while (this.eatOp(',')) {
        if (this.isOp('}')) break;
        if (isDict) {
          if (this.eatOp('**')) {
            keys.push(null);
            values.push(this.bitOr());
          } else {
            keys.push(this.expression());
            this.expectOp(':');
            values.push(this.expression());
          }
        } else elts.push(this.starOrExpression());
      }
      const span = done();
      return isDict ? {kind: 'Dict', keys, values, span} : {kind: 'Set', elts, span};
    } finally {
      this.leave();
    }
  }

  /** Adjacent string literals concatenate; an f-string among them makes the whole an f-string. */
  private strings(): Expr {
    const first = this.peek();
    const parts: FStringPart[] = [];
    let formatted = false;
    let lastSpan = first.span;
    while (this.peek().kind === 'string') {
      const t = this.next();
      lastSpan = t.span;
      const prefix = t.prefix ?? '';
      if (prefix.includes('b')) this.unsupported('bytes literals are', t.span);
      if (prefix.includes('f')) {
        formatted = true;
        parts.push(...parseFString(t, (src, at) => this.subExpression(src, at)));
      } else {
        parts.push(t.text);
      }
    }
    const span = joinSpans(this.outer(first), lastSpan);
    if (!formatted) {
      const text = parts.map((p) => (typeof p === 'string' ? p : '')).join('');
      return {kind: 'Constant', value: text, span};
    }
    return {kind: 'FormattedString', parts, span};
  }

  /** Parses the expression of an f-string's replacement field (the statement parser owns it). */
  protected abstract subExpression(source: string, at: {line: number; column: number}): Expr;
}

/** A number token's value: int as bigint, float as number; imaginary numbers are refused. */
function parseNumber(t: Token): bigint | number {
  const text = t.text.replace(/_/g, '');
  if (/[jJ]$/.test(text)) {
    throw new PyException(
      'NotImplementedError',
      "complex numbers are not supported by grad-graph's Python subset",
      t.span,
    );
  }
  if (/^0[xXoObB]/.test(text)) return BigInt(text.toLowerCase());
  if (/[.eE]/.test(text)) return Number(text);
  return BigInt(text);
}
