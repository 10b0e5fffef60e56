/**
 * The node tests run scripts straight through the synchronous runner (traceSource, runScript), as
 * the CLI and the build-time plugins do: every standard module loaded at once. The browser tests
 * load each module when a script imports it, as a page does.
 */
import {loadAllStdlibModules} from '../src/script/index.js';

loadAllStdlibModules();
