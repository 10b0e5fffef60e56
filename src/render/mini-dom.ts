/**
 * A minimal XML document: just enough DOM for d3-selection's joins (create, insert, order,
 * attributes, text) and for serialising the result. It lets the renderer build a standalone SVG
 * in Node (the CLI, snapshot tests) without a browser emulator, and gives byte-identical output
 * in a page, where `exportSVG()` uses it too.
 */

/** A text node: holds characters, serialised escaped. */
export class MiniText {
  readonly nodeType = 3;
  parentNode: MiniElement | null = null;
  constructor(
    readonly ownerDocument: MiniDocument,
    public data: string,
  ) {}
  get textContent(): string {
    return this.data;
  }
  set textContent(value: string) {
    this.data = value;
  }
  get nextSibling(): MiniChild | null {
    return siblingOf(this, 1);
  }
  get previousSibling(): MiniChild | null {
    return siblingOf(this, -1);
  }
}

/** Anything that can sit in an element's child list. */
export type MiniChild = MiniElement | MiniText;

function siblingOf(node: MiniChild, delta: number): MiniChild | null {
  const parent = node.parentNode;
  if (!parent) return null;
  const i = parent.childNodes.indexOf(node);
  return parent.childNodes[i + delta] ?? null;
}

/** An element with ordered attributes and children. */
export class MiniElement {
  readonly nodeType = 1;
  parentNode: MiniElement | null = null;
  readonly childNodes: MiniChild[] = [];
  private readonly attrs = new Map<string, string>();

  constructor(
    readonly ownerDocument: MiniDocument,
    readonly namespaceURI: string | null,
    readonly localName: string,
  ) {}

  get tagName(): string {
    return this.localName;
  }
  get nodeName(): string {
    return this.localName;
  }
  get children(): MiniElement[] {
    return this.childNodes.filter((c): c is MiniElement => c instanceof MiniElement);
  }
  get firstChild(): MiniChild | null {
    return this.childNodes[0] ?? null;
  }
  get lastChild(): MiniChild | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }
  get nextSibling(): MiniChild | null {
    return siblingOf(this, 1);
  }
  get previousSibling(): MiniChild | null {
    return siblingOf(this, -1);
  }

  getAttribute(name: string): string | null {
    return this.attrs.get(name) ?? null;
  }
  setAttribute(name: string, value: unknown): void {
    this.attrs.set(name, String(value));
  }
  removeAttribute(name: string): void {
    this.attrs.delete(name);
  }
  hasAttribute(name: string): boolean {
    return this.attrs.has(name);
  }
  /** The attributes in the order they were first set. */
  attributeEntries(): [string, string][] {
    return [...this.attrs.entries()];
  }

  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(value: string) {
    for (const c of this.childNodes) c.parentNode = null;
    this.childNodes.length = 0;
    if (value !== '') this.appendChild(this.ownerDocument.createTextNode(value));
  }

  appendChild<T extends MiniChild>(child: T): T {
    return this.insertBefore(child, null);
  }
  insertBefore<T extends MiniChild>(child: T, next: MiniChild | null): T {
    if (child.parentNode) child.parentNode.removeChild(child);
    const i = next ? this.childNodes.indexOf(next) : -1;
    if (i < 0) this.childNodes.push(child);
    else this.childNodes.splice(i, 0, child);
    child.parentNode = this;
    return child;
  }
  removeChild<T extends MiniChild>(child: T): T {
    const i = this.childNodes.indexOf(child);
    if (i >= 0) this.childNodes.splice(i, 1);
    child.parentNode = null;
    return child;
  }
  remove(): void {
    this.parentNode?.removeChild(this);
  }

  /** DOM's tree-order comparison, which d3's `selection.order()` uses on siblings. */
  compareDocumentPosition(other: MiniChild): number {
    const mine = pathFromRoot(this);
    const theirs = pathFromRoot(other);
    for (let i = 0; i < Math.min(mine.length, theirs.length); i++) {
      const a = mine[i] ?? 0;
      const b = theirs[i] ?? 0;
      if (a !== b) return a < b ? 4 : 2;
    }
    return mine.length < theirs.length ? 20 : mine.length > theirs.length ? 10 : 0;
  }
}

function pathFromRoot(node: MiniChild): number[] {
  const path: number[] = [];
  let current: MiniChild = node;
  while (current.parentNode) {
    path.unshift(current.parentNode.childNodes.indexOf(current));
    current = current.parentNode;
  }
  return path;
}

/** The document that creates elements and text; it has no window and no layout. */
export class MiniDocument {
  readonly nodeType = 9;
  readonly defaultView = null;
  readonly documentElement: MiniElement;
  constructor() {
    this.documentElement = this.createElementNS('http://www.w3.org/2000/svg', 'svg');
  }
  createElementNS(namespace: string | null, name: string): MiniElement {
    return new MiniElement(this, namespace, name);
  }
  createElement(name: string): MiniElement {
    return new MiniElement(this, 'http://www.w3.org/1999/xhtml', name);
  }
  createTextNode(data: string): MiniText {
    return new MiniText(this, data);
  }
}

/** A fresh minimal document, typed as a DOM Document for the renderer (it implements what d3 uses). */
export function createMiniDocument(): Document {
  return new MiniDocument() as unknown as Document;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

/** Serialises a mini element as XML, declaring the SVG namespace on the root. */
export function serializeMini(root: Element, indent = '  '): string {
  const node = root as unknown as MiniElement;
  if (!(node instanceof MiniElement)) throw new TypeError('serializeMini expects a mini element');
  const out: string[] = [];
  const write = (el: MiniElement, depth: number, isRoot: boolean): void => {
    const pad = indent.repeat(depth);
    let open = `${pad}<${el.localName}`;
    if (isRoot && el.namespaceURI && !el.hasAttribute('xmlns'))
      open += ` xmlns="${el.namespaceURI}"`;
    for (const [k, v] of el.attributeEntries()) open += ` ${k}="${escapeAttr(v)}"`;
    if (el.childNodes.length === 0) {
      out.push(`${open}/>`);
      return;
    }
    const onlyText = el.childNodes.every((c) => c instanceof MiniText);
    const mixed = el.childNodes.some((c) => c instanceof MiniText);
    if (onlyText || mixed) {
      // Text content is kept on one line so whitespace inside <text> is not changed.
      out.push(`${open}>${inline(el)}</${el.localName}>`);
      return;
    }
    out.push(`${open}>`);
    for (const c of el.childNodes) write(c as MiniElement, depth + 1, false);
    out.push(`${pad}</${el.localName}>`);
  };
  const inline = (el: MiniElement): string =>
    el.childNodes
      .map((c) => {
        if (c instanceof MiniText) return escapeText(c.data);
        let s = `<${c.localName}`;
        for (const [k, v] of c.attributeEntries()) s += ` ${k}="${escapeAttr(v)}"`;
        return c.childNodes.length ? `${s}>${inline(c)}</${c.localName}>` : `${s}/>`;
      })
      .join('');
  write(node, 0, true);
  return out.join('\n');
}
