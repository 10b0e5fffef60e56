/**
 * The operators of the expression grammar (parser part two of three): from the conditional
 * expression and `yield` down to primaries (attributes, subscripts, slices, calls and their
 * arguments), by recursive descent with Python's precedence, starred items included, over the
 * atoms parse-atoms.ts parses. Constructs outside the subset (`await`, the walrus, …) are refused
 * with a clear error.
 */
import {joinSpans, type BinOpName, type CmpOpName, type Expr, type Keyword} from './ast.js';
import {AtomParser} from './parse-atoms.js';
import {GenericSyntaxError} from './parser-base.js';
import {keywords, type Token} from './tokens.js';

const comparisonOps = new Set(['<', '>', '<=', '>=', '==', '!=']);
const termOps: ReadonlySet<string> = new Set(['*', '/', '//', '%', '@']);
const sumOps: ReadonlySet<string> = new Set(['+', '-']);
const shiftOps: ReadonlySet<string> = new Set(['<<', '>>']);
const andOps: ReadonlySet<string> = new Set(['&']);
const xorOps: ReadonlySet<string> = new Set(['^']);
const orOps: ReadonlySet<string> = new Set(['|']);

/** Parses expressions; the statement parser extends it. */
export abstract class ExprParser extends AtomParser {
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
}
