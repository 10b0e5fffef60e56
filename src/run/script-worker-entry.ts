/**
 * The script worker's own file: answers the run's requests (script-worker.ts) and nothing else, so
 * it loads in a worker whatever else the page's bundle holds. script-worker-start.ts points at it
 * in the one form app bundlers recognise, and they emit it as the worker's code.
 *
 * Every standard module is imported here statically: an app bundler builds a worker as one file
 * (Vite's default worker format, iife, cannot split code), so the worker must not need a chunk of
 * its own; the worker runs only the long scripts, after the page's first picture.
 */
import {loadAllStdlibModules} from '../script/stdlib/all.js';
import {serveScripts} from './script-worker.js';

loadAllStdlibModules();
serveScripts();
