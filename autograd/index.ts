/**
 * autograd/: a tensor and autograd engine that behaves like PyTorch 1.13. It imports nothing of ours.
 *
 * `import {torch, F, Tensor} from 'grad-graph/autograd'`: see torch.ts for the namespace,
 * tensor.ts for the methods, observer.ts for the record the pictures are drawn from.
 */
export const version = '0.1.0';

export {Tensor, peekNextTensorId} from './tensor.js';
export type {ReduceOptions, VersionCounter} from './tensor.js';
export {Node, AccumulateGrad, FunctionNode, fakeAddress} from './node.js';
export type {Edge, OutputMeta} from './node.js';
export {torch, F} from './torch.js';
export {opDeclarations, nodeDeclaration, declaredNodeNames, operators} from './registry.js';
export type {
  BoundArgs,
  Formula,
  FunctionalFunctions,
  LocalGrad,
  NamedTupleResult,
  NodeDeclaration,
  OpDeclaration,
  OperatorBinding,
  OverloadDeclaration,
  PythonBinding,
  PythonCallContext,
  PythonFunction,
  TorchFunctions,
  WarningSource,
} from './op.js';
export {TorchError} from './errors.js';
export type {PyErrorType} from './errors.js';
export type {DType, Scalar} from './dtype.js';
export {promoteTypes, resultType, isFloating, isIntegral, elementSize, DTYPES} from './dtype.js';
export type {Int, SizeArg} from './shape.js';
export type {IndexItem} from './ops/views.js';
export type {NestedList} from './ops/convert.js';
export type {FactoryOptions, NestedData} from './ops/factories.js';
export type {ClassLossOptions, Reduction} from './ops/nn.js';
export type {NormOptions} from './ops/vector-norm.js';
export type {BackwardOptions, GradOptions} from './engine.js';
export {backward, grad} from './engine.js';
export {isGradEnabled, setGradEnabled, noGrad, enableGrad} from './gradmode.js';
export {setObserver, getObserver} from './report.js';
export type {
  AutogradObserver,
  OpEvent,
  OpArg,
  BackwardEvent,
  EngineStepEvent,
  AccumulateEvent,
} from './observer.js';
export {formatNumbers, formatTensor, formatValues} from './print/format.js';
export type {PrintableValues} from './print/format.js';
export {formatSize, formatDType, formatGradFn} from './print/repr.js';
export {formatFloatRepr} from './print/pyformat.js';
export {getMaxElements, liveElements, setLiveElementsLimit, setMaxElements} from './limits.js';
export type {LiveRoots} from './limits.js';
