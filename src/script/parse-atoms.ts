/**
 * The atoms of the expression grammar (parser part one of three): names, numbers, strings and
 * f-strings, parenthesized expressions, list/dict/set displays with their comprehensions,
 * lambdas and parameter lists, assignment target lists. parse-expr.ts builds the operators and
 * calls over them; parser.ts the statements.
 */
import type {Span} from '../trace/span.js';
import {
  joinSpans,
  type Arguments,
  type Comprehension,
  type Param,
  type ConstantValue,
  type Expr,
  type FStringPart,
} from './ast.js';
import {PyException} from './errors.js';
import {parseFString} from './fstring.js';
import {ParserBase} from './parser-base.js';
import {keywords, type Token} from './tokens.js';
import {yieldInComprehension} from './yields.js';

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

/** Parses atoms, displays, lambdas and targets; parse-expr.ts extends it. */
export abstract class AtomParser extends ParserBase {
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
  /** expression: a conditional expression or lambda (parse-expr.ts). */
  protected abstract expression(): Expr;
  /** disjunction: `or` and everything that binds tighter (parse-expr.ts). */
  protected abstract disjunction(): Expr;
  /** bitwise_or: `|` and everything that binds tighter (parse-expr.ts). */
  protected abstract bitOr(): Expr;
  /** A `*x` item or an expression (parse-expr.ts). */
  protected abstract starOrExpression(): Expr;
  /** `yield`, `yield a, b` or `yield from x` (parse-expr.ts). */
  protected abstract yieldExpression(): Expr;

  /** A comprehension node, refused as CPython's compiler refuses a `yield` in its own scope. */
  protected comprehension<
    T extends Extract<Expr, {kind: 'ListComp' | 'SetComp' | 'DictComp' | 'GeneratorExp'}>,
  >(node: T): T {
    const y = yieldInComprehension(node);
    if (y) this.fail('SyntaxError', `'yield' inside ${exprName(node)}`, y.span);
    return node;
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
  protected lambda(): Expr {
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

  protected atom(): Expr {
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
