/**
 * The script runner: runs the Python subset of a tutorial with `torch` bound to autograd/.
 *
 * Contract with the trace stage (src/trace/, src/run/trace.ts):
 * - `runScript(source, {hooks, observer, limits, filename})` never throws. It returns everything
 *   print() wrote and the error the script ended with (null when it ran to the end). While it runs,
 *   `observer` is autograd/'s observer (installed with `setObserver`, the previous one restored
 *   afterwards), and the hooks are called in program order:
 *   - `statement(span)` before each statement runs (compound statements too; a loop body's
 *     statements once per iteration);
 *   - `operation(span)` just before an operation that may call into torch is applied: a binary or
 *     unary operator, a comparison, a call, a subscript, an attribute access (`x.T` records a
 *     view), an augmented assignment. Ops autograd/ reports after it belong to that span, until
 *     the next `operation` or `statement`;
 *   - `assigned(name, value, span)` after a name is bound (assignment, tuple unpacking, `for`
 *     target, augmented assignment, import, `with … as`); the span is the target name's;
 *   - `printed(text, span)` for each print() call, with its full text (sep and end included) and
 *     the span of the call;
 *   - `warned(text, span)` for a Python warning (PyTorch's UserWarnings), once per source line,
 *     with the text Python writes to stderr.
 * - `parse(source, filename)` only parses; it throws a ScriptError (SyntaxError, IndentationError,
 *   NotImplementedError for constructs outside the subset, …).
 * - A ScriptError has Python's exception `type`, its `message`, a `span` (1-based line/column) and
 *   the Python-style `traceback` whose last line is `Type: message`.
 */
import {getObserver, setObserver} from '../../autograd/report.js';
import type {AutogradObserver} from '../../autograd/observer.js';
import {setGradEnabled} from '../../autograd/gradmode.js';
import {resetSavedTensorHooks} from '../../autograd/saved-hooks.js';
import {setLiveElementsLimit} from '../../autograd/limits.js';
import type {Module} from './ast.js';
import {PyException, ScriptError} from './errors.js';
import {Interpreter, toPyException, type ScriptHooks} from './interpreter.js';
import {resolveLimits, type Limits} from './limits.js';
import {late} from './late.js';
import {parseModule} from './parser.js';
import {printedMessage} from './suggest.js';
import {formatTraceback, innermostSpan, syntaxTraceback} from './traceback.js';

export type {ScriptHooks} from './interpreter.js';
export type {Limits} from './limits.js';
export {defaultLimits} from './limits.js';
export {ScriptError} from './errors.js';
export type {Module, Stmt, Expr} from './ast.js';
export {floatRepr, pyRepr, pyStr} from './repr.js';
export {loadModulesFor, modulesImportedBy, modulesLoadedFor} from './modules.js';
export {loadAllStdlibModules} from './stdlib/all.js';
export {loadNameLists, nameListsLoaded, nameListsMissed} from './name-lists.js';

/** Options of one run. */
export interface RunOptions {
  /** The file name shown in tracebacks (default `<string>`). */
  filename?: string;
  hooks?: ScriptHooks;
  /** autograd/'s observer for the duration of the run. */
  observer?: AutogradObserver;
  limits?: Partial<Limits>;
}

/** What a run produced: the printed text, and the error it ended with (null if none). */
export interface RunResult {
  output: string;
  error: ScriptError | null;
  /** Python warnings the run issued (PyTorch's UserWarnings), each as Python writes it to stderr. */
  warnings?: string[];
}

function lines(source: string): string[] {
  return source.replace(/\r\n?/g, '\n').split('\n');
}

function syntaxError(e: unknown, source: string, filename: string): ScriptError {
  const err = toPyException(e, null);
  return new ScriptError(
    err.type,
    err.message,
    err.span,
    syntaxTraceback(filename, lines(source), err.span, err.type, err.message),
  );
}

/** Parses a script; throws a ScriptError for a syntax error or a construct outside the subset. */
export function parse(source: string, filename = '<string>', maxDepth?: number): Module {
  try {
    return parseModule(source, filename, maxDepth);
  } catch (e) {
    throw syntaxError(e, source, filename);
  }
}

/** Runs a script; never throws. */
export function runScript(source: string, options: RunOptions = {}): RunResult {
  const filename = options.filename ?? '<string>';
  const limits = resolveLimits(options.limits);
  let module: Module;
  try {
    module = parseModule(source, filename, limits.maxDepth);
  } catch (e) {
    return {output: '', error: syntaxError(e, source, filename)};
  }
  const previousObserver = getObserver();
  const previousGradMode = setGradEnabled(true);
  // A run starts with no saved-tensor hooks (a script stopped inside `with` leaves none behind).
  resetSavedTensorHooks();
  let interpreter: Interpreter | null = null;
  // The live-elements limit counts what the script's variables hold, in every running frame.
  const previousLive = setLiveElementsLimit(limits.maxLiveElements, () =>
    interpreter ? interpreter.liveValues() : [],
  );
  try {
    setObserver(options.observer ?? null);
    interpreter = new Interpreter(module, options.hooks ?? {}, limits);
    const running = interpreter;
    late.checkTime = () => {
      running.checkTime(running.current ?? {line: 0, column: 0, endLine: 0, endColumn: 0});
    };
    late.builtins = () => running.builtins;
    interpreter.run();
    return {output: interpreter.output, error: null, warnings: interpreter.warnings};
  } catch (e) {
    const err: PyException = toPyException(e, null);
    const traceback = formatTraceback(filename, module.lines, err);
    return {
      output: interpreter?.output ?? '',
      error: new ScriptError(err.type, printedMessage(err), innermostSpan(err), traceback),
      warnings: interpreter?.warnings ?? [],
    };
  } finally {
    late.checkTime = () => undefined;
    setObserver(previousObserver);
    setGradEnabled(previousGradMode);
    resetSavedTensorHooks();
    setLiveElementsLimit(previousLive.limit, previousLive.roots);
  }
}
