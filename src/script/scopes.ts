/**
 * Python's static scoping: which names a function (or lambda, or comprehension) binds locally,
 * which it declares `global` or `nonlocal`. As in CPython, this is decided from the text before
 * the code runs: any assignment in a function body makes the name local to the whole body.
 * `checkScopes` raises CPython's compile-time SyntaxErrors about declarations.
 */
import type {Arguments, Comprehension, Expr, Module, Stmt} from './ast.js';
import {PyException} from './errors.js';

/** What a scope binds and declares. */
export interface ScopeInfo {
  /** Names bound in the scope (parameters included), minus the `global`/`nonlocal` ones. */
  readonly locals: ReadonlySet<string>;
  readonly globals: ReadonlySet<string>;
  readonly nonlocals: ReadonlySet<string>;
}

/** A node that opens a function scope. */
export type ScopeNode =
  | Extract<Stmt, {kind: 'FunctionDef'}>
  | Extract<Expr, {kind: 'Lambda'}>
  | Extract<Expr, {kind: 'ListComp' | 'SetComp' | 'GeneratorExp' | 'DictComp'}>;

const cache = new WeakMap<object, ScopeInfo>();

/** The names of a parameter list, in order. */
export function parameterNames(args: Arguments): string[] {
  const names = [...args.posonly, ...args.args].map((p) => p.name);
  if (args.vararg) names.push(args.vararg.name);
  names.push(...args.kwonly.map((p) => p.name));
  if (args.kwarg) names.push(args.kwarg.name);
  return names;
}

function targetNames(e: Expr, out: Set<string>): void {
  switch (e.kind) {
    case 'Name':
      out.add(e.id);
      return;
    case 'Tuple':
    case 'List':
      for (const elt of e.elts) targetNames(elt, out);
      return;
    case 'Starred':
      targetNames(e.value, out);
      return;
    default:
      return;
  }
}

interface Collected {
  bound: Set<string>;
  globals: Set<string>;
  nonlocals: Set<string>;
}

function collect(body: readonly Stmt[], out: Collected): void {
  for (const s of body) {
    switch (s.kind) {
      case 'Assign':
        for (const t of s.targets) targetNames(t, out.bound);
        break;
      case 'AugAssign':
      case 'AnnAssign':
        targetNames(s.target, out.bound);
        break;
      case 'Delete':
        for (const t of s.targets) targetNames(t, out.bound);
        break;
      case 'For':
        targetNames(s.target, out.bound);
        collect(s.body, out);
        collect(s.orelse, out);
        break;
      case 'While':
      case 'If':
        collect(s.body, out);
        collect(s.orelse, out);
        break;
      case 'With':
        for (const item of s.items) if (item.target) targetNames(item.target, out.bound);
        collect(s.body, out);
        break;
      case 'Try':
        collect(s.body, out);
        for (const h of s.handlers) {
          if (h.name) out.bound.add(h.name);
          collect(h.body, out);
        }
        collect(s.orelse, out);
        collect(s.finalbody, out);
        break;
      case 'Import':
        for (const a of s.names) out.bound.add(a.asname ?? a.name.split('.')[0] ?? a.name);
        break;
      case 'ImportFrom':
        for (const a of s.names) out.bound.add(a.asname ?? a.name);
        break;
      case 'FunctionDef':
      case 'ClassDef':
        out.bound.add(s.name);
        break;
      case 'Global':
        for (const n of s.names) out.globals.add(n);
        break;
      case 'Nonlocal':
        for (const n of s.names) out.nonlocals.add(n);
        break;
      default:
        break;
    }
  }
}

function comprehensionNames(generators: readonly Comprehension[]): Set<string> {
  const names = new Set<string>();
  for (const g of generators) targetNames(g.target, names);
  return names;
}

/** The scope of a function, lambda or comprehension (computed once per node). */
export function scopeOf(node: ScopeNode): ScopeInfo {
  let info = cache.get(node);
  if (info) return info;
  const out: Collected = {bound: new Set(), globals: new Set(), nonlocals: new Set()};
  switch (node.kind) {
    case 'FunctionDef':
      for (const n of parameterNames(node.args)) out.bound.add(n);
      collect(node.body, out);
      break;
    case 'Lambda':
      for (const n of parameterNames(node.args)) out.bound.add(n);
      break;
    default:
      out.bound = comprehensionNames(node.generators);
  }
  for (const n of out.globals) out.bound.delete(n);
  for (const n of out.nonlocals) out.bound.delete(n);
  info = {locals: out.bound, globals: out.globals, nonlocals: out.nonlocals};
  cache.set(node, info);
  return info;
}

/**
 * Raises CPython's compile-time errors about `global` and `nonlocal`: a nonlocal name no
 * enclosing function binds, a parameter declared global or nonlocal.
 */
export function checkScopes(module: Module): void {
  walk(module.body, []);
}

function walk(body: readonly Stmt[], enclosing: readonly ScopeInfo[]): void {
  for (const s of body) {
    switch (s.kind) {
      case 'FunctionDef': {
        const info = scopeOf(s);
        const params = new Set(parameterNames(s.args));
        for (const stmt of declarations(s.body)) {
          for (const name of stmt.names) {
            if (params.has(name)) {
              const what = stmt.kind === 'Global' ? 'global' : 'nonlocal';
              throw new PyException(
                'SyntaxError',
                `name '${name}' is parameter and ${what}`,
                stmt.span,
              );
            }
            if (
              stmt.kind === 'Nonlocal' &&
              !enclosing.some((e) => e.locals.has(name) || e.nonlocals.has(name))
            ) {
              throw new PyException(
                'SyntaxError',
                `no binding for nonlocal '${name}' found`,
                stmt.span,
              );
            }
          }
        }
        walk(s.body, [...enclosing, info]);
        break;
      }
      case 'ClassDef':
        walk(s.body, enclosing);
        break;
      case 'If':
      case 'For':
      case 'While':
        walk(s.body, enclosing);
        walk(s.orelse, enclosing);
        break;
      case 'With':
        walk(s.body, enclosing);
        break;
      case 'Try':
        walk(s.body, enclosing);
        for (const h of s.handlers) walk(h.body, enclosing);
        walk(s.orelse, enclosing);
        walk(s.finalbody, enclosing);
        break;
      default:
        break;
    }
  }
}

/** The `global`/`nonlocal` statements of a function body (not of nested functions). */
function declarations(body: readonly Stmt[]): Extract<Stmt, {kind: 'Global' | 'Nonlocal'}>[] {
  const out: Extract<Stmt, {kind: 'Global' | 'Nonlocal'}>[] = [];
  const visit = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      if (s.kind === 'Global' || s.kind === 'Nonlocal') out.push(s);
      else if (s.kind === 'If' || s.kind === 'For' || s.kind === 'While') {
        visit(s.body);
        visit(s.orelse);
      } else if (s.kind === 'With') visit(s.body);
      else if (s.kind === 'Try') {
        visit(s.body);
        for (const h of s.handlers) visit(h.body);
        visit(s.orelse);
        visit(s.finalbody);
      }
    }
  };
  visit(body);
  return out;
}
