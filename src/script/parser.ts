/**
 * The statement half of the parser and its entry point `parseModule`: every statement of Python
 * 3.11 but `async` and `match`, with CPython 3.11's syntax and indentation errors.
 * Statements outside the subset are refused before anything runs.
 */
import {joinSpans, type ExceptHandler, type Expr, type Module, type Stmt} from './ast.js';
import {PyException} from './errors.js';
import {tokenize} from './lexer.js';
import {exprName} from './parse-atoms.js';
import {defaultMaxDepth, GenericSyntaxError} from './parser-base.js';
import {checkScopes} from './scopes.js';
import {keywords} from './tokens.js';
import {SimpleStatementParser, unsupportedStatements} from './parse-simple.js';

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

class Parser extends SimpleStatementParser {
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
