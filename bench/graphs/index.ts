/** Fixture graphs for the layout tests and benchmarks: autograd-shaped, with plausible node sizes. */
export {GraphRecorder, OP_SIZE, TENSOR_SIZE} from './builder.js';
export {
  SCALAR_MLP_1000,
  SCALAR_MLP_200,
  SCALAR_MLP_5000,
  scalarMlpGraph,
  type ScalarMlpSpec,
} from './scalar-mlp.js';
export {tensorMlpGraph} from './tensor-mlp.js';
export {transformerGraph} from './transformer.js';
