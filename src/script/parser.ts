/**
 * The statement half of the parser and its entry point `parseModule`: imports, assignments,
 * `for`, `if`, `with`, `pass`/`break`/`continue` and expression statements, with CPython 3.11's
 * syntax and indentation errors. Statements outside the subset (`def`, `class`, `while`, …) are
 * refused before anything runs.
 */
import type {Span} from '../trace/span.js';
import {joinSpans, type Alias, type Expr, type Module, type Stmt, type BinOpName} from './ast.js';
import {PyException} from './errors.js';
import {tokenize} from './lexer.js';
import {ExprParser, exprName} from './parse-expr.js';
import {defaultMaxDepth, GenericSyntaxError} from './parser-base.js';
import {keywords} from './tokens.js';

/** The modules a script may import, by dotted name. */
export const importableModules: ReadonlySet<string> = new Set([
  'torch',
  'torch.nn',
  'torch.nn.functional',
  'torch.autograd',
]);

const augOps: ReadonlySet<string> = new Set([
  '+=',
  '-=',
  '*=',
  '/=',
  '//=',
  '%=',
  '**=',
  '@=',
  '&=',
  '|=',
  '^=',
  '<<=',
  '>>=',
]);

const unsupportedStatements: Readonly<Record<string, string>> = {
  while: "'while' loops are",
  def: "function definitions ('def') are",
  class: "class definitions ('class') are",
  try: "'try' statements are",
  async: "'async' is",
  del: "'del' statements are",
  global: "'global' statements are",
  assert: "'assert' statements are",
  raise: "'raise' statements are",
  lambda: "'lambda' expressions are",
};

/** Parses a whole script into a Module; throws a PyException (SyntaxError, …) for bad input. */
export function parseModule(source: string, filename: string, maxDepth = defaultMaxDepth): Module {
  // A byte-order mark at the start is not part of the program, as in CPython.
  const text = source.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const parser = new Parser(text, maxDepth);
  const body = parser.module();
  return {kind: 'Module', body, filename, lines: text.split('\n')};
}

class Parser extends ExprParser {
  private loopDepth = 0;

  constructor(source: string, maxDepth: number, origin?: {line: number; column: number}) {
    super(tokenize(source, origin), maxDepth);
  }

  module(): Stmt[] {
    try {
      const body: Stmt[] = [];
      while (this.peek().kind !== 'eof') {
        if (this.peek().kind === 'newline') {
          this.next();
          continue;
        }
        body.push(...this.statement());
      }
      return body;
    } catch (e) {
      throw this.resolve(e);
    }
  }

  /** An f-string field's expression, parsed as CPython does: as if in parentheses. */
  protected subExpression(source: string, at: {line: number; column: number}): Expr {
    const sub = new Parser(`(${source})`, this.maxDepth - this.depth, {
      line: at.line,
      column: at.column - 1,
    });
    try {
      const e = sub.expressions();
      if (sub.peek().kind !== 'newline') sub.invalid();
      return e;
    } catch (e) {
      if (e instanceof GenericSyntaxError) {
        throw new PyException('SyntaxError', 'f-string: invalid syntax', e.token.span);
      }
      throw e;
    }
  }

  private statement(): Stmt[] {
    const t = this.peek();
    if (t.kind === 'name') {
      if (t.text === 'if') return [this.ifStatement('if')];
      if (t.text === 'for') return [this.forStatement()];
      if (t.text === 'with') return [this.withStatement()];
      const what = unsupportedStatements[t.text];
      if (what) this.unsupported(what, t.span);
      if (t.text === 'match' && this.peek(1).kind === 'name' && this.isOp(':', 2)) {
        this.unsupported("'match' statements are", t.span);
      }
    }
    if (t.kind === 'op' && t.text === '@') this.unsupported('decorators are', t.span);
    return this.simpleStatements();
  }

  private simpleStatements(): Stmt[] {
    const stmts = [this.simpleStatement()];
    while (this.eatOp(';')) {
      if (this.peek().kind === 'newline') break;
      stmts.push(this.simpleStatement());
    }
    if (this.peek().kind !== 'newline') this.invalid();
    this.next();
    return stmts;
  }

  private simpleStatement(): Stmt {
    const t = this.peek();
    if (t.kind === 'name') {
      switch (t.text) {
        case 'pass':
          this.next();
          return {kind: 'Pass', span: t.span};
        case 'break':
        case 'continue':
          this.next();
          if (this.loopDepth === 0) {
            this.fail(
              'SyntaxError',
              t.text === 'break' ? "'break' outside loop" : "'continue' not properly in loop",
              t.span,
            );
          }
          return {kind: t.text === 'break' ? 'Break' : 'Continue', span: t.span};
        case 'import':
          return this.importStatement();
        case 'from':
          return this.fromImport();
        case 'return': {
          this.next();
          const end = this.peek().kind === 'newline' ? t.span : this.expressions().span;
          this.fail('SyntaxError', "'return' outside function", joinSpans(t.span, end));
          break;
        }
        case 'nonlocal': {
          this.next();
          const name = this.next();
          this.fail(
            'SyntaxError',
            'nonlocal declaration not allowed at module level',
            joinSpans(t.span, name.span),
          );
          break;
        }
        default: {
          const what = unsupportedStatements[t.text];
          if (what) this.unsupported(what, t.span);
        }
      }
    }
    return this.expressionStatement();
  }

  private expressionStatement(): Stmt {
    const first = this.expressions();
    const t = this.peek();
    if (t.kind === 'op' && t.text === '=') return this.assignment(first);
    if (t.kind === 'op' && augOps.has(t.text)) {
      this.next();
      this.checkAugTarget(first);
      const value = this.expressions();
      const op = t.text.slice(0, -1) as BinOpName;
      return {
        kind: 'AugAssign',
        target: first,
        op,
        value,
        span: joinSpans(this.outer(first), this.outer(value)),
      };
    }
    if (t.kind === 'op' && t.text === ':') this.unsupported('variable annotations are', t.span);
    if (
      first.kind === 'Name' &&
      (first.id === 'print' || first.id === 'exec') &&
      this.startsExpression()
    ) {
      const save = this.i;
      try {
        const rest = this.expressions();
        this.fail(
          'SyntaxError',
          `Missing parentheses in call to '${first.id}'. Did you mean ${first.id}(...)?`,
          joinSpans(this.outer(first), this.outer(rest)),
        );
      } catch (e) {
        if (!(e instanceof GenericSyntaxError)) throw e;
        this.i = save;
      }
    }
    return {kind: 'Expr', value: first, span: first.span};
  }

  private assignment(first: Expr): Stmt {
    const exprs = [first];
    while (this.eatOp('=')) {
      if (this.isKeyword('yield'))
        this.fail('SyntaxError', "'yield' outside function", this.peek().span);
      exprs.push(this.expressions());
    }
    const value = exprs.pop() as Expr;
    const single = exprs.length === 1 && !this.isOp('=');
    for (const target of exprs) this.checkTarget(target, single);
    return {
      kind: 'Assign',
      targets: exprs,
      value,
      span: joinSpans(this.outer(first), this.outer(value)),
    };
  }

  /** Refuses an assignment target Python refuses, with its message. */
  private checkTarget(e: Expr, single: boolean): void {
    switch (e.kind) {
      case 'Name':
      case 'Attribute':
      case 'Subscript':
        return;
      case 'Tuple':
      case 'List':
        for (const elt of e.elts) this.checkTarget(elt, false);
        return;
      default: {
        const name = exprName(e);
        const fixed = name === 'None' || name === 'True' || name === 'False';
        const hint = single && !fixed ? " here. Maybe you meant '==' instead of '='?" : '';
        this.fail('SyntaxError', `cannot assign to ${name}${hint}`, e.span);
      }
    }
  }

  private checkAugTarget(e: Expr): void {
    if (e.kind === 'Name' || e.kind === 'Attribute' || e.kind === 'Subscript') return;
    this.fail(
      'SyntaxError',
      `'${exprName(e)}' is an illegal expression for augmented assignment`,
      e.span,
    );
  }

  private dottedName(): {name: string; span: Span} {
    const first = this.peek();
    if (first.kind !== 'name' || keywords.has(first.text)) this.invalid();
    this.next();
    let name = first.text;
    let span = first.span;
    while (this.eatOp('.')) {
      const part = this.peek();
      if (part.kind !== 'name' || keywords.has(part.text)) this.invalid();
      this.next();
      name += `.${part.text}`;
      span = joinSpans(span, part.span);
    }
    return {name, span};
  }

  private checkModule(name: string, span: Span): void {
    if (!importableModules.has(name)) {
      this.fail(
        'NotImplementedError',
        `importing '${name}' is not supported by grad-graph's Python subset (only torch, torch.nn and torch.nn.functional)`,
        span,
      );
    }
  }

  private asName(): string | null {
    if (!this.eatKeyword('as')) return null;
    const t = this.peek();
    if (t.kind !== 'name' || keywords.has(t.text)) this.invalid();
    this.next();
    return t.text;
  }

  private importStatement(): Stmt {
    const start = this.next().span;
    const names: Alias[] = [];
    do {
      const {name, span} = this.dottedName();
      this.checkModule(name, span);
      names.push({name, asname: this.asName(), span: joinSpans(span, this.previous().span)});
    } while (this.eatOp(','));
    return {kind: 'Import', names, span: joinSpans(start, this.previous().span)};
  }

  private fromImport(): Stmt {
    const start = this.next().span;
    if (this.isOp('.') || this.isOp('...'))
      this.unsupported('relative imports are', this.peek().span);
    const {name: module, span: moduleSpan} = this.dottedName();
    if (!this.eatKeyword('import')) this.invalid();
    this.checkModule(module, moduleSpan);
    if (this.isOp('*')) this.unsupported("'import *' is", this.peek().span);
    const paren = this.eatOp('(');
    if (paren) this.bracketLevel++;
    const names: Alias[] = [];
    do {
      if (paren && this.isOp(')')) break;
      const t = this.peek();
      if (t.kind !== 'name' || keywords.has(t.text)) this.invalid();
      this.next();
      names.push({
        name: t.text,
        asname: this.asName(),
        span: joinSpans(t.span, this.previous().span),
      });
    } while (this.eatOp(','));
    if (paren) {
      this.bracketLevel--;
      this.expectOp(')');
    }
    return {kind: 'ImportFrom', module, names, span: joinSpans(start, this.previous().span)};
  }

  /** The indented block after a compound statement's header (or statements on the same line). */
  private block(keyword: string, line: number): Stmt[] {
    if (this.peek().kind !== 'newline') return this.simpleStatements();
    this.next();
    const t = this.peek();
    if (t.kind !== 'indent') {
      this.fail(
        'IndentationError',
        `expected an indented block after '${keyword}' statement on line ${line}`,
        t.span,
      );
    }
    this.next();
    const body: Stmt[] = [];
    while (this.peek().kind !== 'dedent' && this.peek().kind !== 'eof') {
      body.push(...this.statement());
    }
    this.next();
    return body;
  }

  /** An `if` or `elif` test: CPython's hints for `=` written instead of `==`. */
  private test(): Expr {
    const e = this.expression();
    if (this.isOp('=')) {
      const save = this.i;
      this.next();
      try {
        const value = this.bitOr();
        if (!this.isOp('=') && !this.isOp(':=')) {
          if (e.kind === 'Name') {
            this.fail(
              'SyntaxError',
              "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
              joinSpans(this.outer(e), this.outer(value)),
            );
          }
          this.fail(
            'SyntaxError',
            `cannot assign to ${exprName(e)} here. Maybe you meant '==' instead of '='?`,
            e.span,
          );
        }
      } catch (err) {
        if (!(err instanceof GenericSyntaxError)) throw err;
      }
      this.i = save;
    }
    return e;
  }

  private ifStatement(keyword: 'if' | 'elif'): Stmt {
    const start = this.next().span;
    const test = this.test();
    this.expectColon();
    const body = this.block(keyword, start.line);
    let orelse: Stmt[] = [];
    if (this.isKeyword('elif')) {
      orelse = [this.ifStatement('elif')];
    } else if (this.isKeyword('else')) {
      const elseToken = this.next();
      this.expectColon();
      orelse = this.block('else', elseToken.span.line);
    }
    return {kind: 'If', test, body, orelse, span: joinSpans(start, test.span)};
  }

  /** A `for` target: names, attributes or subscripts, possibly a tuple of them. */
  private targetList(): Expr {
    const first = this.bitOr();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eatOp(',')) {
      if (this.isKeyword('in')) break;
      elts.push(this.bitOr());
    }
    const last = elts[elts.length - 1] as Expr;
    return {kind: 'Tuple', elts, span: joinSpans(this.outer(first), this.outer(last))};
  }

  private forStatement(): Stmt {
    const start = this.next().span;
    const target = this.targetList();
    if (!this.eatKeyword('in')) this.invalid();
    this.checkTarget(target, false);
    const iter = this.expressions();
    this.expectColon();
    this.loopDepth++;
    const body = this.block('for', start.line);
    this.loopDepth--;
    let orelse: Stmt[] = [];
    if (this.isKeyword('else')) {
      const elseToken = this.next();
      this.expectColon();
      orelse = this.block('else', elseToken.span.line);
    }
    return {kind: 'For', target, iter, body, orelse, span: joinSpans(start, iter.span)};
  }

  private withStatement(): Stmt {
    const start = this.next().span;
    const items: {context: Expr; target: Expr | null}[] = [];
    do {
      const context = this.expression();
      let target: Expr | null = null;
      if (this.eatKeyword('as')) {
        target = this.bitOr();
        this.checkTarget(target, false);
      }
      items.push({context, target});
    } while (this.eatOp(','));
    const end = this.previous().span;
    this.expectColon();
    const body = this.block('with', start.line);
    return {kind: 'With', items, body, span: joinSpans(start, end)};
  }
}
