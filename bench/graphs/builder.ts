/**
 * A tiny recorder that turns autograd-shaped programs into dataflow Graphs: tensors become boxes
 * (90×40), ops become small round nodes (28×28), and every op links its inputs to itself and
 * itself to its output, as the dataflow view draws them.
 */
import type {Graph, GraphLink, GraphNode, TensorRole} from '../../src/graph/model.js';

/** Tensor box size, as the dataflow view sizes a small tensor. */
export const TENSOR_SIZE = {width: 90, height: 40} as const;
/** Op circle size. */
export const OP_SIZE = {width: 28, height: 28} as const;

/** Records tensors and ops in program order and hands back a Graph. */
export class GraphRecorder {
  private readonly nodes: GraphNode[] = [];
  private readonly links: GraphLink[] = [];
  private tensors = 0;
  private ops = 0;

  /** Adds a tensor box and returns its node id. */
  tensor(label: string, role: TensorRole = 'intermediate', sublabel?: string): string {
    const id = `t${this.tensors++}`;
    const node: GraphNode = {
      id,
      kind: 'tensor',
      label,
      role,
      ...TENSOR_SIZE,
      tensorId: this.tensors,
    };
    this.nodes.push(sublabel === undefined ? node : {...node, sublabel});
    return id;
  }

  /** Adds an op reading `inputs` (in argument order, repeats allowed) and returns its output tensor. */
  op(label: string, inputs: readonly string[], output = label): string {
    const opIndex = this.ops++;
    const id = `o${opIndex}`;
    this.nodes.push({id, kind: 'op', label, ...OP_SIZE, opIndex});
    inputs.forEach((source, slot) => {
      this.links.push({id: `l${this.links.length}`, source, target: id, slot});
    });
    const out = this.tensor(output);
    this.links.push({id: `l${this.links.length}`, source: id, target: out});
    return out;
  }

  /** The recorded graph. */
  graph(): Graph {
    return {view: 'dataflow', nodes: [...this.nodes], links: [...this.links]};
  }
}
