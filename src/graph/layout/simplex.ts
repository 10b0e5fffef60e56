/**
 * Network simplex layering (Gansner, Koutsofios, North and Vo 1993, as in Graphviz's ns.c):
 * starting from any feasible layering, find the layering that minimises the total weighted link
 * length, Σ weight·(layer(head) − layer(tail)) with every link at least one layer long. Short links
 * mean few dummy nodes, hence fewer crossings and a more compact picture. Runs on each connected
 * component's spanning tree; deterministic (all searches go in index order).
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops; indices are in range by construction */
import type {FoldedEdge} from './prepare.js';

/**
 * Work budget, in nodes visited by pivots per node of the graph. Each pivot walks the smaller side
 * of the tree edge it exchanges. On the 5,000-node scalar MLP fixture the optimum (total link
 * length 8,735 layers) takes about 600·n visits; after 100·n the length is 8,809 (+0.8%) and stays
 * there until 300·n (degenerate pivots), giving 129,472 crossings against the optimum's 126,208
 * (Graphviz dot: 135,029). The 200-node, 1,000-node and transformer fixtures reach their optimum
 * within the budget. Counting work rather than time keeps the result deterministic.
 */
export const SIMPLEX_WORK_PER_NODE = 100;

/**
 * Improves a feasible layering in place towards a minimal one: until optimal, or after `maxIter`
 * pivots, or when the work budget (SIMPLEX_WORK_PER_NODE · n visits) is spent.
 */
export function networkSimplex(
  n: number,
  edges: readonly FoldedEdge[],
  rank: Int32Array,
  maxIter = Infinity,
  maxWork = SIMPLEX_WORK_PER_NODE * n,
): void {
  if (edges.length === 0) return;
  new Simplex(n, edges, rank).run(maxIter, maxWork);
}

const SEARCH_SIZE = 30;

class Simplex {
  private readonly m: number;
  private readonly tail: Int32Array;
  private readonly head: Int32Array;
  private readonly weight: Int32Array;
  /** All edges at each node (compressed), for searches in either direction. */
  private readonly incStart: Int32Array;
  private readonly incEdge: Int32Array;
  private readonly inTree: Uint8Array;
  private readonly treeAt: number[][];
  private readonly cut: Float64Array;
  private readonly par: Int32Array;
  private readonly low: Int32Array;
  private readonly lim: Int32Array;
  private treeEdges: number[] = [];
  private searchFrom = 0;

  constructor(
    private readonly n: number,
    edges: readonly FoldedEdge[],
    private readonly rank: Int32Array,
  ) {
    const m = (this.m = edges.length);
    this.tail = new Int32Array(m);
    this.head = new Int32Array(m);
    this.weight = new Int32Array(m);
    const incStart = (this.incStart = new Int32Array(n + 1));
    edges.forEach((e, i) => {
      this.tail[i] = e.from;
      this.head[i] = e.to;
      this.weight[i] = e.links.length;
      incStart[e.from + 1]!++;
      incStart[e.to + 1]!++;
    });
    for (let v = 0; v < n; v++) incStart[v + 1]! += incStart[v]!;
    const fill = incStart.slice(0, n);
    this.incEdge = new Int32Array(2 * m);
    for (let i = 0; i < m; i++) {
      this.incEdge[fill[this.tail[i]!]!++] = i;
      this.incEdge[fill[this.head[i]!]!++] = i;
    }
    this.inTree = new Uint8Array(m);
    this.treeAt = Array.from({length: n}, () => []);
    this.cut = new Float64Array(m);
    this.par = new Int32Array(n).fill(-1);
    this.low = new Int32Array(n);
    this.lim = new Int32Array(n);
    this.rangeStack = new Int32Array(n);
    this.rangeCursor = new Int32Array(n);
    this.mark = new Int32Array(n);
  }

  private slack(e: number): number {
    return this.rank[this.head[e]!]! - this.rank[this.tail[e]!]! - 1;
  }

  private other(e: number, v: number): number {
    return this.tail[e] === v ? this.head[e]! : this.tail[e]!;
  }

  run(maxIter: number, maxWork: number): void {
    this.feasibleTree();
    this.initRanges();
    this.initCutValues();
    let work = 0;
    for (let iter = 0; iter < maxIter && work < maxWork; iter++) {
      const leave = this.leaveEdge();
      if (leave < 0) break;
      const enter = this.enterEdge(leave);
      if (enter < 0) break;
      work += this.side.length;
      this.update(leave, enter);
    }
  }

  private addTreeEdge(e: number): void {
    this.inTree[e] = 1;
    this.treeAt[this.tail[e]!]!.push(e);
    this.treeAt[this.head[e]!]!.push(e);
  }

  /** A spanning tree of tight edges per component, shifting the tree to tighten an edge when stuck. */
  private feasibleTree(): void {
    const inTreeNode = new Uint8Array(this.n);
    const members: number[] = [];
    const stack: number[] = [];
    const grow = (): void => {
      while (stack.length) {
        const v = stack.pop()!;
        for (let k = this.incStart[v]!; k < this.incStart[v + 1]!; k++) {
          const e = this.incEdge[k]!;
          const w = this.other(e, v);
          if (!inTreeNode[w] && this.slack(e) === 0) {
            inTreeNode[w] = 1;
            members.push(w);
            this.addTreeEdge(e);
            stack.push(w);
          }
        }
      }
    };
    for (let root = 0; root < this.n; root++) {
      if (inTreeNode[root]) continue;
      members.length = 0;
      inTreeNode[root] = 1;
      members.push(root);
      stack.push(root);
      grow();
      for (;;) {
        // The least slack edge with exactly one end in the tree, found from the tree's side.
        let best = -1;
        let bestSlack = Infinity;
        for (const v of members) {
          for (let k = this.incStart[v]!; k < this.incStart[v + 1]!; k++) {
            const e = this.incEdge[k]!;
            if (inTreeNode[this.other(e, v)]) continue;
            const s = this.slack(e);
            if (s < bestSlack) {
              bestSlack = s;
              best = e;
            }
          }
        }
        if (best < 0) break;
        const delta = inTreeNode[this.head[best]!] ? -bestSlack : bestSlack;
        for (const v of members) this.rank[v]! += delta;
        const w = inTreeNode[this.head[best]!] ? this.tail[best]! : this.head[best]!;
        inTreeNode[w] = 1;
        members.push(w);
        this.addTreeEdge(best);
        stack.push(w);
        grow();
      }
    }
    this.treeEdges = [];
    for (let e = 0; e < this.m; e++) if (this.inTree[e]) this.treeEdges.push(e);
  }

  /**
   * Postorder numbers (low, lim) and parent edges below `root`, numbering from `start`; only the
   * initial cut values use the numbers, pivots keep parent edges up to date themselves.
   */
  private dfsRange(root: number, parent: number, start: number): void {
    const stack = this.rangeStack;
    const cursor = this.rangeCursor;
    const {par, low, lim, treeAt} = this;
    let top = 0;
    stack[0] = root;
    cursor[0] = 0;
    par[root] = parent;
    low[root] = start;
    let next = start;
    while (top >= 0) {
      const v = stack[top]!;
      const i = cursor[top]!;
      const list = treeAt[v]!;
      if (i < list.length) {
        cursor[top] = i + 1;
        const e = list[i]!;
        if (e === par[v]) continue;
        const w = this.other(e, v);
        par[w] = e;
        low[w] = next;
        stack[++top] = w;
        cursor[top] = 0;
      } else {
        lim[v] = next++;
        top--;
      }
    }
  }

  private initRanges(): void {
    const seen = new Uint8Array(this.n);
    let next = 1;
    // Root each tree at its last node (in a trace, the loss or output): pivots then tend to
    // fall in small subtrees, and renumbering stays local.
    for (let v = this.n - 1; v >= 0; v--) {
      if (seen[v]) continue;
      this.dfsRange(v, -1, next);
      // Mark this tree's nodes and continue numbering after it.
      const stack = [v];
      seen[v] = 1;
      while (stack.length) {
        const x = stack.pop()!;
        next = Math.max(next, this.lim[x]! + 1);
        for (const e of this.treeAt[x]!) {
          const w = this.other(e, x);
          if (!seen[w]) {
            seen[w] = 1;
            stack.push(w);
          }
        }
      }
    }
  }

  private inSubtree(v: number, x: number): boolean {
    const l = this.lim[x]!;
    return this.low[v]! <= l && l <= this.lim[v]!;
  }

  /** Cut values of all tree edges, children before parents (Graphviz's x_cutval). */
  private initCutValues(): void {
    const order = Array.from({length: this.n}, (_, v) => v).sort(
      (a, b) => this.lim[a]! - this.lim[b]!,
    );
    for (const v of order) {
      const f = this.par[v]!;
      if (f < 0) continue;
      const dir = this.tail[f] === v ? 1 : -1;
      let sum = 0;
      for (let k = this.incStart[v]!; k < this.incStart[v + 1]!; k++) {
        const e = this.incEdge[k]!;
        const w = this.other(e, v);
        let outside: boolean;
        let rv: number;
        if (!this.inSubtree(v, w)) {
          outside = true;
          rv = this.weight[e]!;
        } else {
          outside = false;
          rv = (this.inTree[e] ? this.cut[e]! : 0) - this.weight[e]!;
        }
        let d = dir > 0 ? (this.head[e] === v ? 1 : -1) : this.tail[e] === v ? 1 : -1;
        if (outside) d = -d;
        sum += d < 0 ? -rv : rv;
      }
      this.cut[f] = sum;
    }
  }

  /** A tree edge with a negative cut value: the most negative of the next few found, cyclically. */
  private leaveEdge(): number {
    const list = this.treeEdges;
    let best = -1;
    let found = 0;
    const count = list.length;
    for (let k = 0; k < count; k++) {
      const i = (this.searchFrom + k) % count;
      const e = list[i]!;
      if (this.cut[e]! < 0) {
        if (best < 0 || this.cut[e]! < this.cut[list[best]!]!) best = i;
        if (++found >= SEARCH_SIZE) break;
      }
    }
    if (best < 0) return -1;
    this.searchFrom = best;
    return list[best]!;
  }

  /** The child end of tree edge e (the end whose parent edge e is). */
  private childOf(e: number): number {
    return this.par[this.tail[e]!] === e ? this.tail[e]! : this.head[e]!;
  }

  /**
   * Stamps the smaller of the two components that removing tree edge `e` leaves, and lists it in
   * `side`: both are searched in step, and the first to run out is the smaller, so the cost is
   * twice the smaller side however the tree is rooted.
   */
  private collectSmallerSide(e: number): void {
    const a = this.tail[e]!;
    const b = this.head[e]!;
    const stampA = ++this.stampCount;
    const stampB = ++this.stampCount;
    const qa = this.side;
    const qb = this.otherSide;
    qa.length = 0;
    qb.length = 0;
    qa.push(a);
    qb.push(b);
    this.mark[a] = stampA;
    this.mark[b] = stampB;
    let ia = 0;
    let ib = 0;
    for (;;) {
      if (ia === qa.length) {
        this.sideStamp = stampA;
        this.sideIsTail = true;
        return;
      }
      this.expand(qa[ia++]!, e, stampA, qa);
      if (ib === qb.length) {
        this.side = qb;
        this.otherSide = qa;
        this.sideStamp = stampB;
        this.sideIsTail = false;
        return;
      }
      this.expand(qb[ib++]!, e, stampB, qb);
    }
  }

  private expand(x: number, cut: number, stamp: number, queue: number[]): void {
    for (const e of this.treeAt[x]!) {
      if (e === cut) continue;
      const w = this.other(e, x);
      if (this.mark[w] === stamp) continue;
      this.mark[w] = stamp;
      queue.push(w);
    }
  }

  /**
   * The least slack non-tree edge from the head component of `f` to its tail component, searched
   * from the smaller component: edges into it when that is the tail component, out of it when it
   * is the head component.
   */
  private enterEdge(f: number): number {
    this.collectSmallerSide(f);
    const stamp = this.sideStamp;
    const tailSide = this.sideIsTail;
    let best = -1;
    let bestSlack = Infinity;
    for (const x of this.side) {
      for (let k = this.incStart[x]!; k < this.incStart[x + 1]!; k++) {
        const e = this.incEdge[k]!;
        if (this.inTree[e]) continue;
        if ((tailSide ? this.head[e] : this.tail[e]) !== x) continue;
        if (this.mark[this.other(e, x)] === stamp) continue;
        const s = this.slack(e);
        if (s < bestSlack || (s === bestSlack && e < best)) {
          bestSlack = s;
          best = e;
        }
      }
    }
    return best;
  }

  private side: number[] = [];
  private otherSide: number[] = [];
  private sideStamp = 0;
  private sideIsTail = false;
  private readonly rangeStack: Int32Array;
  private readonly rangeCursor: Int32Array;
  private mark: Int32Array;
  private stampCount = 0;

  private parent(v: number): number {
    const e = this.par[v]!;
    return e < 0 ? -1 : this.other(e, v);
  }

  /** Exchanges tree edge e for f: tightens f, updates cut values along the cycle, re-hangs the subtree. */
  private update(e: number, f: number): void {
    const c = this.childOf(e);
    // enterEdge(e) has just stamped the smaller side of e and left it in this.side.
    const stamp = this.sideStamp;
    const delta = this.slack(f);
    if (delta > 0) {
      // f runs from the head component to the tail component: lower the tail side or raise the head side.
      const shift = this.sideIsTail ? delta : -delta;
      for (const x of this.side) this.rank[x]! -= shift;
    }
    // f's end below e (in c's subtree), whichever side was stamped.
    const sideHasChild = this.mark[c] === stamp;
    const tailMarked = this.mark[this.tail[f]!] === stamp;
    const inside = tailMarked === sideHasChild ? this.tail[f]! : this.head[f]!;
    // The lowest common ancestor of f's ends, in the tree before the exchange.
    const outside = this.other(f, inside);
    const seen = ++this.stampCount;
    for (let x = outside; x >= 0; x = this.parent(x)) this.mark[x] = seen;
    let lca = inside;
    while (this.mark[lca] !== seen) lca = this.parent(lca);
    const value = this.cut[e]!;
    this.treeUpdate(this.tail[f]!, lca, value, true);
    this.treeUpdate(this.head[f]!, lca, value, false);
    this.cut[f] = -value;
    this.cut[e] = 0;
    // Swap the edges and re-hang the cut-off subtree from f's end inside it.
    this.inTree[e] = 0;
    for (const v of [this.tail[e]!, this.head[e]!]) {
      const list = this.treeAt[v]!;
      list.splice(list.indexOf(e), 1);
    }
    this.addTreeEdge(f);
    this.treeEdges[this.searchFrom] = f; // leaveEdge left e's index there
    let via = f;
    for (let x = inside; ;) {
      const up = this.par[x]!;
      this.par[x] = via;
      if (x === c) break;
      via = up;
      x = this.other(up, x);
    }
  }

  /** Adds (or subtracts) the leaving edge's cut value along the tree path from v up to `lca`. */
  private treeUpdate(v: number, lca: number, value: number, dir: boolean): void {
    while (v !== lca) {
      const e = this.par[v]!;
      const d = v === this.tail[e] ? dir : !dir;
      if (d) this.cut[e]! += value;
      else this.cut[e]! -= value;
      v = this.other(e, v);
    }
  }
}
