/**
 * The simple statements of the parser (one logical line each: assignments and augmented
 * assignments, expression statements, `pass`, `break`, `continue`, `return`, `raise`, `global`,
 * `nonlocal`, `del`, `assert`, `import` and `from … import`), with CPython 3.11's syntax errors.
 * The compound statements (parser.ts) build on it.
 */
import type {Span} from '../trace/span.js';
import {joinSpans, type Alias, type BinOpName, type Expr, type Stmt} from './ast.js';
import {exprName} from './parse-atoms.js';
import {ExprParser} from './parse-expr.js';
import {GenericSyntaxError} from './parser-base.js';
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

/** Statements of Python 3.11 the subset refuses, and how the refusal names them. */
export const unsupportedStatements: Readonly<Record<string, string>> = {
  async: "'async' is",
};

/** Parses simple statements; parser.ts's Parser adds blocks and compound statements. */
export abstract class SimpleStatementParser extends ExprParser {
  /** How many loops enclose the statement being parsed (`break` and `continue` need one). */
  protected loopDepth = 0;

  protected simpleStatements(): Stmt[] {
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
}
