/**
 * The expression half of the parser: Python's expression grammar from the conditional expression
 * down to atoms, by recursive descent with Python's precedence. Constructs outside the subset
 * (lambda, comprehensions, dicts, starred arguments, …) are refused with a clear error.
 */
import type {Span} from '../trace/span.js';
import {
  joinSpans,
  type BinOpName,
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
    if (this.isOp('*')) this.unsupported('starred expressions are', this.peek().span);
    const first = this.expression();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eatOp(',')) {
      if (this.isOp('*')) this.unsupported('starred expressions are', this.peek().span);
      if (!this.startsExpression()) break;
      elts.push(this.expression());
    }
    const last = elts[elts.length - 1] as Expr;
    const end = this.previous().text === ',' ? this.previous().span : last.span;
    return {kind: 'Tuple', elts, span: joinSpans(this.outer(first), end)};
  }

  /** expression: a conditional expression `a if test else b`, or a disjunction. */
  protected expression(): Expr {
    this.enter();
    try {
      if (this.isKeyword('lambda')) this.unsupported("'lambda' expressions are", this.peek().span);
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
      if (this.isKeyword('for') && this.bracketLevel > 0) {
        this.unsupported('comprehensions and generator expressions are', this.peek().span);
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
    if (this.isKeyword('not') || this.isKeyword('lambda')) return;
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
    this.next();
    this.bracketLevel++;
    const args: Expr[] = [];
    const keywordArgs: Keyword[] = [];
    while (!this.isOp(')')) {
      const t = this.peek();
      if (t.kind === 'op' && (t.text === '*' || t.text === '**')) {
        this.unsupported(`'${t.text}' argument unpacking is`, t.span);
      }
      if (t.kind === 'name' && !keywords.has(t.text) && this.isOp('=', 1)) {
        this.next();
        this.next();
        const value = this.expression();
        const span = joinSpans(this.outer(t), this.outer(value));
        if (keywordArgs.some((k) => k.name === t.text)) {
          this.fail('SyntaxError', `keyword argument repeated: ${t.text}`, span);
        }
        keywordArgs.push({name: t.text, value, span});
      } else {
        const value = this.expression();
        if (this.isOp('=')) {
          const eq = this.peek();
          this.fail(
            'SyntaxError',
            'expression cannot contain assignment, perhaps you meant "=="?',
            joinSpans(this.outer(value), this.outer(eq)),
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
    return {
      kind: 'Call',
      func,
      args,
      keywords: keywordArgs,
      span: joinSpans(this.outer(func), this.outer(end)),
    };
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
        if (t.text === '{') this.unsupported('dict and set displays are', t.span);
        if (t.text === '...') this.unsupported('Ellipsis (...) is', t.span);
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
      if (t.text === 'yield') this.fail('SyntaxError', "'yield' outside function", t.span);
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
      if (this.isOp('*')) this.unsupported("'*' unpacking is", this.peek().span);
      const first = this.expression();
      if (this.isOp(':=')) this.unsupported("the walrus operator ':=' is", this.peek().span);
      if (this.isOp(')')) {
        this.bracketLevel--;
        const close = this.next();
        this.parenSpans.set(first, joinSpans(open.span, close.span));
        return first;
      }
      if (!this.isOp(',')) this.invalid();
      const elts = [first];
      while (this.eatOp(',')) {
        if (this.isOp(')')) break;
        elts.push(this.expression());
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
        if (this.isOp('*')) this.unsupported("'*' unpacking is", this.peek().span);
        elts.push(this.expression());
        if (!this.eatOp(',')) break;
      }
      this.bracketLevel--;
      const close = this.expectOp(']');
      return {kind: 'List', elts, span: joinSpans(this.outer(open), this.outer(close))};
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
