/**
 * grad-graph: run PyTorch-flavoured code, draw its computation graph, and step through it.
 * Importing this module defines the custom elements.
 */
export {GradGraph} from '../components/grad-graph.js';
export {usage} from './cli/usage.js';
