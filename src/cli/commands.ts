import type {Command} from './io.js';
import {render} from './render.js';
import {run} from './run.js';
import {trace} from './trace.js';

/** The subcommands by name; each lives in its own file under src/cli/. */
export const commands: Readonly<Record<string, Command>> = {
  render,
  run,
  trace,
};
