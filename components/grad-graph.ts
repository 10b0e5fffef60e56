import {LitElement, css, html, type PropertyValues} from 'lit';
import {customElement, property} from 'lit/decorators.js';
import {select} from 'd3-selection';

/** A node of the placeholder picture: an id and where it sits. */
export interface SketchNode {
  id: string;
  x: number;
  y: number;
}

/**
 * Draws a computation graph. This first version draws the nodes it is given as circles with D3;
 * the trace → graph → layout → render pipeline replaces it.
 *
 * @csspart graph - The SVG that holds the picture.
 */
@customElement('grad-graph')
export class GradGraph extends LitElement {
  static override styles = css`
    :host {
      display: block;
      --grad-graph-node-fill: #4c78a8;
    }
    svg {
      width: 100%;
      height: auto;
    }
    circle {
      fill: var(--grad-graph-node-fill);
      stroke: #1d3557;
    }
  `;

  /** The nodes to draw. */
  @property({attribute: false}) nodes: SketchNode[] = [];

  override render() {
    return html`<svg
      part="graph"
      viewBox="0 0 400 200"
      role="img"
      aria-label="computation graph"
    ></svg>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('nodes')) return;
    const svg = this.renderRoot.querySelector('svg');
    if (!svg) return;
    select(svg)
      .selectAll('circle')
      .data(this.nodes, (d) => (d as SketchNode).id)
      .join('circle')
      .attr('cx', (d) => d.x)
      .attr('cy', (d) => d.y)
      .attr('r', 12);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'grad-graph': GradGraph;
  }
}
