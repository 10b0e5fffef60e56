/**
 * The reader's hands on the picture: the keyboard (play, step, first, last, select), the pointer
 * (click selects a node, hover or focus shows its details) and the inspector those details are
 * shown in. It holds which node is hovered and which is selected.
 */
import {nothing, type ReactiveControllerHost} from 'lit';
import type {GraphNode, State} from '../src/graph/index.js';
import {detailRows, tensorOf} from './details.js';
import {gradEvent} from './events.js';
import {isNodeMove, keyCommand, type KeyCommand, type NodeMove} from './keys.js';
import {detailsBox} from './panels.js';
import type {Shown} from './run-controller.js';

/** What the interaction asks its element (callbacks, so the element's public API stays its own). */
export interface InteractionHooks {
  /** The picture shown, or null. */
  readonly shown: () => Shown | null;
  /** Does a step command of the keyboard. */
  readonly command: (command: Exclude<KeyCommand, 'select' | NodeMove>) => void;
  /** Moves the focus from node `from` of the picture to another (the roving tabindex). */
  readonly moveFocus: (move: NodeMove, from: string | null) => void;
  /** A node was selected (by click or Enter): mark it in the picture. */
  readonly markSelected: (id: string | null) => void;
}

/** Keyboard, pointer and inspector of one element. */
export class Interaction {
  /** The node whose details show (hovered or focused), or null. */
  hovered: string | null = null;
  /** The node the reader picked last, or null. */
  selected: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly hooks: InteractionHooks,
  ) {}

  /** The keys of the element (bound on its base). */
  readonly onKeydown = (e: KeyboardEvent): void => {
    const command = keyCommand(e);
    if (command === null) return;
    if (isNodeMove(command)) this.hooks.moveFocus(command, this.nodeAt(e)?.id ?? null);
    else if (command !== 'select') this.hooks.command(command);
    else {
      const node = this.nodeAt(e);
      if (!node) return;
      this.select(node);
    }
    e.preventDefault();
  };

  /** A click on the picture: selects the node under it. */
  readonly onClick = (e: Event): void => {
    const node = this.nodeAt(e);
    if (node) this.select(node);
  };

  /** Hover or focus on the picture: shows the node's details. */
  readonly onPointer = (e: Event): void => {
    const node = this.nodeAt(e);
    if (node && node.id !== this.hovered) {
      this.hovered = node.id;
      this.host.requestUpdate();
    }
  };

  /** The pointer or focus left the picture: hides the details. */
  readonly onLeave = (): void => {
    if (this.hovered === null) return;
    this.hovered = null;
    this.host.requestUpdate();
  };

  /** The inspector of the hovered node at state `st` (nothing when no node is hovered). */
  inspector(st: State | null) {
    const p = this.hooks.shown();
    const id = this.hovered;
    const node = id && p ? p.graph.nodes.find((n) => n.id === id) : undefined;
    if (!node || !st || !p) return nothing;
    return detailsBox(node, detailRows(node, st.nodes[node.id], p.trace));
  }

  /**
   * Puts the inspector at its node: under it, or above it where there is no room below, and
   * always inside the element (`frame`, whose shadow root is `root`), over the panels if need
   * be, so a short picture or a narrow panel never clips it and a big graph never strands it.
   */
  place(frame: HTMLElement, root: ParentNode): void {
    const box = root.querySelector<HTMLElement>('.details');
    const id = this.hovered;
    if (!box || id === null) return;
    const node = root.querySelector(`svg[part="graph"] .gg-node[data-id="${CSS.escape(id)}"]`);
    if (!node) return;
    const s = frame.getBoundingClientRect();
    const n = node.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    const margin = 6;
    const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, hi));
    let top = n.bottom - s.top + margin;
    if (top + b.height > s.height - margin) top = n.top - s.top - margin - b.height;
    top = clamp(top, margin, s.height - margin - b.height);
    const left = clamp(
      n.left - s.left + n.width / 2 - b.width / 2,
      margin,
      s.width - margin - b.width,
    );
    box.style.left = `${Math.round(left)}px`;
    box.style.top = `${Math.round(top)}px`;
  }

  private select(node: GraphNode): void {
    this.selected = node.id;
    this.hooks.markSelected(node.id);
    this.host.dispatchEvent(
      gradEvent('grad-node-select', {
        node,
        tensor: tensorOf(node, this.hooks.shown()?.trace ?? null),
      }),
    );
  }

  /** The picture's node an event happened on (through the shadow root), or null. */
  private nodeAt(e: Event): GraphNode | null {
    const el = e
      .composedPath()
      .find(
        (t): t is Element =>
          t instanceof Element && t.hasAttribute('data-id') && t.classList.contains('gg-node'),
      );
    const id = el?.getAttribute('data-id');
    return this.hooks.shown()?.graph.nodes.find((n) => n.id === id) ?? null;
  }
}
