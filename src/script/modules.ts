/**
 * The code a script needs before it runs. A run is synchronous, but rarely used parts of the runner
 * (the standard-library modules) are chunks of their own: `loadModulesFor` reads the modules a
 * source imports from its tokens (every `import a.b, c` and `from a import b`, at any depth) and
 * loads those chunks, so the run that follows finds them.
 */
import {tokenize} from './lexer.js';
import {loadStdlibModules, stdlibLoaded} from './stdlib/index.js';
import type {Token} from './tokens.js';

/** The dotted name starting at `tokens[i]`, and the index after it. */
function dottedName(tokens: readonly Token[], i: number): [string, number] {
  let name = '';
  let k = i;
  while (tokens[k]?.kind === 'name') {
    name += tokens[k]?.text ?? '';
    if (tokens[k + 1]?.kind !== 'op' || tokens[k + 1]?.text !== '.') return [name, k + 1];
    name += '.';
    k += 2;
  }
  return [name, k];
}

/**
 * The modules `source` imports, as dotted names (`from a import b` gives `a` and `a.b`, which may
 * be a submodule). A source that does not tokenize gives the names before its error: it stops at
 * a SyntaxError before any import runs.
 */
export function modulesImportedBy(source: string): string[] {
  const {tokens} = tokenize(source);
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token?.kind !== 'name') continue;
    if (token.text === 'import') {
      // import a.b as c, d
      let k = i + 1;
      for (;;) {
        const [name, next] = dottedName(tokens, k);
        if (name) names.push(name);
        k = tokens[next]?.text === 'as' ? next + 2 : next;
        if (tokens[k]?.text !== ',') break;
        k++;
      }
      i = k - 1;
    } else if (token.text === 'from') {
      const [module, next] = dottedName(tokens, i + 1);
      if (!module || tokens[next]?.text !== 'import') continue;
      names.push(module);
      let k = next + 1;
      if (tokens[k]?.text === '(') k++;
      for (;;) {
        const [name, after] = dottedName(tokens, k);
        if (name) names.push(`${module}.${name}`);
        k = tokens[after]?.text === 'as' ? after + 2 : after;
        if (tokens[k]?.text !== ',') break;
        k++;
      }
      i = k - 1;
    }
  }
  return names;
}

/**
 * Loads the runner's chunks that the sources import (a notebook passes its cells), so a run of
 * them finds every module it imports. Rejects when a chunk cannot load (the network); runs that
 * do not wait for it (the CLI, the build-time plugins) load everything with ./stdlib/all.ts.
 */
export async function loadModulesFor(sources: string | readonly string[]): Promise<void> {
  await loadStdlibModules(importsOf(sources));
}

/** Whether everything the sources import has loaded, so they can run at once. */
export function modulesLoadedFor(sources: string | readonly string[]): boolean {
  return stdlibLoaded(importsOf(sources));
}

function importsOf(sources: string | readonly string[]): string[] {
  return (typeof sources === 'string' ? [sources] : sources).flatMap(modulesImportedBy);
}
