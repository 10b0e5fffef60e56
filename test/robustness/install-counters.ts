/**
 * Imported first by the lifecycle test, so the counters wrap the globals before d3-timer, Lit or
 * the element capture them.
 */
import {installCounters} from './live-resources.js';

installCounters();
