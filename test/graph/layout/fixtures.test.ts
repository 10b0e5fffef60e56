import {describe, expect, it} from 'vitest';
import {
  SCALAR_MLP_1000,
  SCALAR_MLP_200,
  SCALAR_MLP_5000,
  scalarMlpGraph,
  tensorMlpGraph,
  transformerGraph,
} from '../../../bench/graphs/index.js';
import type {Graph} from '../../../src/graph/model.js';

function wellFormed(graph: Graph): void {
  const ids = new Set(graph.nodes.map((n) => n.id));
  expect(ids.size).toBe(graph.nodes.length);
  expect(new Set(graph.links.map((l) => l.id)).size).toBe(graph.links.length);
  for (const link of graph.links) {
    expect(ids.has(link.source)).toBe(true);
    expect(ids.has(link.target)).toBe(true);
  }
  for (const node of graph.nodes) {
    expect([node.width, node.height]).toEqual(node.kind === 'op' ? [28, 28] : [90, 40]);
  }
}

describe('fixture graphs (bench/graphs)', () => {
  it.each([
    ['scalar MLP ~200', scalarMlpGraph(SCALAR_MLP_200), 200],
    ['scalar MLP ~1,000', scalarMlpGraph(SCALAR_MLP_1000), 1000],
    ['scalar MLP ~5,000', scalarMlpGraph(SCALAR_MLP_5000), 5000],
    ['tensor MLP ~23', tensorMlpGraph(), 23],
    ['transformer ~800', transformerGraph(), 800],
  ])('%s is well formed and about the size it says', (_, graph, size) => {
    wellFormed(graph);
    expect(graph.nodes.length).toBeGreaterThan(size * 0.85);
    expect(graph.nodes.length).toBeLessThan(size * 1.15);
  });

  it('builds micrograd neurons: tanh(b + w0·x0 + w1·x1 + …), adds chained', () => {
    const graph = scalarMlpGraph({inputs: 2, layers: [1], examples: 1});
    const labels = graph.nodes.filter((n) => n.kind === 'op').map((n) => n.label);
    // × then + for each input, then tanh; then the loss: −, ** 2, + 0.
    expect(labels).toEqual(['×', '+', '×', '+', 'tanh', '−', '** 2', '+ 0']);
    const adds = graph.nodes.filter((n) => n.kind === 'op' && n.label === '+').map((n) => n.id);
    // The second add reads the first add's output: the chain that makes these graphs deep.
    const firstSum = graph.links.find((l) => l.source === adds[0])?.target;
    expect(graph.links.some((l) => l.source === firstSum && l.target === adds[1])).toBe(true);
  });

  it('shares the parameters between the examples of a batch', () => {
    const graph = scalarMlpGraph({inputs: 3, layers: [4, 4, 1], examples: 2});
    const w = graph.nodes.find((n) => n.label === 'w0.0.0')?.id;
    expect(graph.links.filter((l) => l.source === w)).toHaveLength(2);
  });
});
