/**
 * The script worker's own file: answers the run's requests (script-worker.ts) and nothing else, so
 * it loads in a worker whatever else the page's bundle holds. script-worker-start.ts points at it
 * in the one form app bundlers recognise, and they emit it as the worker's code.
 */
import {serveScripts} from './script-worker.js';

serveScripts();
