/**
 * The `dir()` lists of CPython's and PyTorch's types and modules (pynames.ts, ~10 KB gzip): the
 * candidates of the "Did you mean" hints, `dir()` of builtin values, and whether a missing member
 * is one PyTorch has ("not supported by grad-graph yet") or none (AttributeError). Only an error
 * or `dir()` reads them, so a page loads them when needed: a run that read them before they loaded
 * is counted (`nameListsMissed`), and the runner runs it again once they have loaded (in the
 * worker, which always has them, or after `loadNameLists`). The CLI, the build-time plugins and
 * the script worker install them at once (stdlib/all.ts).
 */

let lists: Readonly<Record<string, string>> | null = null;
let missed = 0;

/** Installs the lists (a caller that imported pynames.ts statically). */
export function useNameLists(dirLists: Readonly<Record<string, string>>): void {
  lists = dirLists;
}

/** Loads the lists (a chunk of their own); a failed load rejects, and a later call tries again. */
export async function loadNameLists(): Promise<void> {
  if (lists) return;
  lists = (await import('./pynames.js')).dirLists;
}

/** Whether the lists have loaded. */
export function nameListsLoaded(): boolean {
  return lists !== null;
}

/** How many times a run read the lists before they loaded (compare before and after a run). */
export function nameListsMissed(): number {
  return missed;
}

/** The space-separated names `dir()` lists for a type or module; '' (counted) before they load. */
export function dirListOf(key: string): string {
  if (!lists) {
    missed++;
    return '';
  }
  return lists[key] ?? '';
}
