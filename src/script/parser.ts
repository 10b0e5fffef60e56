/**
 * The statement half of the parser and its entry point `parseModule`: every statement of Python
 * 3.11 but `async` and `match`, with CPython 3.11's syntax and indentation errors.
 * Statements outside the subset are refused before anything runs.
 */
import type {Span} from '../trace/span.js';
import {
  joinSpans,
  type Alias,
  type BinOpName,
  type ExceptHandler,
  type Expr,
  type Module,
  type Stmt,
} from './ast.js';
import {PyException} from './errors.js';
import {tokenize} from './lexer.js';
import {exprName} from './parse-atoms.js';
import {ExprParser} from './parse-expr.js';
import {defaultMaxDepth, GenericSyntaxError} from './parser-base.js';
import {checkScopes} from './scopes.js';
import {keywords} from './tokens.js';

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
  async: "'async' is",
};

/** Parses a whole script into a Module; throws a PyException (SyntaxError, …) for bad input. */
export function parseModule(source: string, filename: string, maxDepth = defaultMaxDepth): Module {
  // A byte-order mark at the start is not part of the program, as in CPython.
  const text = source.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const parser = new Parser(text, maxDepth);
  const body = parser.module();
  const module: Module = {kind: 'Module', body, filename, lines: text.split('\n')};
  checkScopes(module);
  return module;
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
    // A field may hold a `yield` where the f-string's function may.
    sub.functionDepth = this.functionDepth;
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
      if (t.text === 'while') return [this.whileStatement()];
      if (t.text === 'with') return [this.withStatement()];
      if (t.text === 'def') return [this.functionDef([])];
      if (t.text === 'class') return [this.classDef([])];
      if (t.text === 'try') return [this.tryStatement()];
      const what = unsupportedStatements[t.text];
      if (what) this.unsupported(what, t.span);
      if (t.text === 'match' && this.peek(1).kind === 'name' && this.isOp(':', 2)) {
        this.unsupported("'match' statements are", t.span);
      }
    }
    if (t.kind === 'op' && t.text === '@') return [this.decorated()];
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
          const value = this.atStatementEnd() ? null : this.expressions();
          const span = value ? joinSpans(t.span, this.outer(value)) : t.span;
          if (this.functionDepth === 0) this.fail('SyntaxError', "'return' outside function", span);
          return {kind: 'Return', value, span};
        }
        case 'global':
        case 'nonlocal': {
          this.next();
          const names: string[] = [];
          do {
            const name = this.peek();
            if (name.kind !== 'name' || keywords.has(name.text)) this.invalid();
            this.next();
            names.push(name.text);
          } while (this.eatOp(','));
          const span = joinSpans(t.span, this.previous().span);
          if (t.text === 'nonlocal' && this.functionDepth === 0) {
            this.fail('SyntaxError', 'nonlocal declaration not allowed at module level', span);
          }
          return {kind: t.text === 'global' ? 'Global' : 'Nonlocal', names, span};
        }
        case 'raise': {
          this.next();
          let exc: Expr | null = null;
          let cause: Expr | null = null;
          if (!this.atStatementEnd()) {
            exc = this.expression();
            if (this.eatKeyword('from')) cause = this.expression();
          }
          return {kind: 'Raise', exc, cause, span: joinSpans(t.span, this.previous().span)};
        }
        case 'assert': {
          this.next();
          const test = this.expression();
          const msg = this.eatOp(',') ? this.expression() : null;
          return {kind: 'Assert', test, msg, span: joinSpans(t.span, this.previous().span)};
        }
        case 'del': {
          this.next();
          const targets: Expr[] = [];
          do {
            if (this.atStatementEnd()) break;
            const target = this.bitOr();
            this.checkDelTarget(target);
            targets.push(target);
          } while (this.eatOp(','));
          if (targets.length === 0) this.invalid();
          return {kind: 'Delete', targets, span: joinSpans(t.span, this.previous().span)};
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
    if (this.isKeyword('yield')) {
      const value = this.yieldExpression();
      if (this.isOp('=')) {
        this.fail('SyntaxError', 'assignment to yield expression not possible', value.span);
      }
      return {kind: 'Expr', value, span: value.span};
    }
    const first = this.expressions();
    const t = this.peek();
    if (t.kind === 'op' && t.text === '=') return this.assignment(first);
    if (t.kind === 'op' && augOps.has(t.text)) {
      this.next();
      this.checkAugTarget(first);
      const value = this.valueExpressions();
      const op = t.text.slice(0, -1) as BinOpName;
      return {
        kind: 'AugAssign',
        target: first,
        op,
        value,
        span: joinSpans(this.outer(first), this.outer(value)),
      };
    }
    if (t.kind === 'op' && t.text === ':') {
      // An annotated assignment `x: int = 1` (or a bare `x: int`).
      this.next();
      if (first.kind === 'Tuple' || first.kind === 'List') {
        this.fail(
          'SyntaxError',
          `only single target (not ${first.kind === 'Tuple' ? 'tuple' : 'list'}) can be annotated`,
          first.span,
        );
      }
      this.checkTarget(first, true);
      const annotation = this.expression();
      const value = this.eatOp('=') ? this.valueExpressions() : null;
      const simple = first.kind === 'Name' && this.outer(first) === first.span;
      const end = value ?? annotation;
      const span = joinSpans(this.outer(first), this.outer(end));
      return {kind: 'AnnAssign', target: first, annotation, value, simple, span};
    }
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
    while (this.eatOp('=')) exprs.push(this.valueExpressions());
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

  /** The value of an assignment: a `yield` expression or star_expressions. */
  private valueExpressions(): Expr {
    return this.isKeyword('yield') ? this.yieldExpression() : this.expressions();
  }

  private atStatementEnd(): boolean {
    const t = this.peek();
    return t.kind === 'newline' || t.kind === 'eof' || (t.kind === 'op' && t.text === ';');
  }

  private checkDelTarget(e: Expr): void {
    if (e.kind === 'Name' || e.kind === 'Attribute' || e.kind === 'Subscript') return;
    if (e.kind === 'Tuple' || e.kind === 'List') {
      for (const elt of e.elts) this.checkDelTarget(elt);
      return;
    }
    this.fail('SyntaxError', `cannot delete ${exprName(e)}`, e.span);
  }

  /** Refuses an assignment target Python refuses, with its message. */
  protected checkTarget(e: Expr, single: boolean): void {
    switch (e.kind) {
      case 'Name':
      case 'Attribute':
      case 'Subscript':
        return;
      case 'Starred':
        this.checkTarget(e.value, false);
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
      names.push({name, asname: this.asName(), span: joinSpans(span, this.previous().span)});
    } while (this.eatOp(','));
    return {kind: 'Import', names, span: joinSpans(start, this.previous().span)};
  }

  private fromImport(): Stmt {
    const start = this.next().span;
    if (this.isOp('.') || this.isOp('...'))
      this.unsupported('relative imports are', this.peek().span);
    const {name: module} = this.dottedName();
    if (!this.eatKeyword('import')) this.invalid();
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
        `expected an indented block after ${keyword.includes(' ') ? keyword : `'${keyword}' statement`} on line ${line}`,
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

  private whileStatement(): Stmt {
    const start = this.next().span;
    const test = this.test();
    this.expectColon();
    this.loopDepth++;
    const body = this.block('while', start.line);
    this.loopDepth--;
    let orelse: Stmt[] = [];
    if (this.isKeyword('else')) {
      const elseToken = this.next();
      this.expectColon();
      orelse = this.block('else', elseToken.span.line);
    }
    return {kind: 'While', test, body, orelse, span: joinSpans(start, test.span)};
  }

  /** `@decorator` lines, then the `def` or `class` they decorate. */
  private decorated(): Stmt {
    const decorators: Expr[] = [];
    while (this.isOp('@')) {
      this.next();
      decorators.push(this.expression());
      if (this.peek().kind !== 'newline') this.invalid();
      this.next();
    }
    if (this.isKeyword('def')) return this.functionDef(decorators);
    if (this.isKeyword('class')) return this.classDef(decorators);
    if (this.isKeyword('async')) this.unsupported("'async' is", this.peek().span);
    return this.invalid();
  }

  private defName(): string {
    const t = this.peek();
    if (t.kind !== 'name' || keywords.has(t.text)) this.invalid();
    this.next();
    return t.text;
  }

  private functionDef(decorators: Expr[]): Stmt {
    const start = this.next().span;
    const name = this.defName();
    this.expectOp('(');
    this.bracketLevel++;
    const args = this.parameters(')', true);
    this.bracketLevel--;
    this.expectOp(')');
    if (this.eatOp('->')) this.expression();
    this.expectColon();
    const loops = this.loopDepth;
    this.loopDepth = 0;
    this.functionDepth++;
    try {
      const body = this.block('function definition', start.line);
      return {
        kind: 'FunctionDef',
        name,
        args,
        body,
        decorators,
        span: joinSpans(start, this.tokens[this.i - 1]?.span ?? start),
      };
    } finally {
      this.functionDepth--;
      this.loopDepth = loops;
    }
  }

  private classDef(decorators: Expr[]): Stmt {
    const start = this.next().span;
    const name = this.defName();
    let bases: Expr[] = [];
    let keywordArgs: Extract<Expr, {kind: 'Call'}>['keywords'] = [];
    if (this.isOp('(')) {
      const call = this.callArguments();
      bases = [...call.args];
      keywordArgs = call.keywords;
    }
    this.expectColon();
    const loops = this.loopDepth;
    const functions = this.functionDepth;
    this.loopDepth = 0;
    this.functionDepth = 0;
    try {
      const body = this.block('class definition', start.line);
      return {kind: 'ClassDef', name, bases, keywords: keywordArgs, body, decorators, span: start};
    } finally {
      this.loopDepth = loops;
      this.functionDepth = functions;
    }
  }

  private tryStatement(): Stmt {
    const start = this.next().span;
    this.expectColon();
    const body = this.block('try', start.line);
    const handlers: ExceptHandler[] = [];
    while (this.isKeyword('except')) {
      const t = this.next();
      if (this.isOp('*')) this.unsupported("'except*' is", this.peek().span);
      let type: Expr | null = null;
      let name: string | null = null;
      if (!this.isOp(':')) {
        type = this.expressions();
        if (this.eatKeyword('as')) name = this.defName();
      }
      const header = joinSpans(t.span, this.previous().span);
      this.expectColon();
      const handlerBody = this.block('except', t.span.line);
      handlers.push({type, name, body: handlerBody, span: header});
    }
    for (let i = 0; i < handlers.length - 1; i++) {
      const h = handlers[i] as ExceptHandler;
      if (!h.type) this.fail('SyntaxError', "default 'except:' must be last", h.span);
    }
    let orelse: Stmt[] = [];
    let finalbody: Stmt[] = [];
    if (handlers.length > 0 && this.isKeyword('else')) {
      const e = this.next();
      this.expectColon();
      orelse = this.block('else', e.span.line);
    }
    if (this.isKeyword('finally')) {
      const f = this.next();
      this.expectColon();
      finalbody = this.block('finally', f.span.line);
    }
    if (handlers.length === 0 && finalbody.length === 0) {
      this.fail('SyntaxError', "expected 'except' or 'finally' block", this.peek().span);
    }
    return {kind: 'Try', body, handlers, orelse, finalbody, span: start};
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
