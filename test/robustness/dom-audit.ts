/**
 * Audits of a page for injected markup: every element in the document and in every shadow root,
 * and the attributes that would run code or load something.
 */

/** All elements of `root`, descending into open shadow roots. */
export function allElements(root: Document | ShadowRoot | Element): Element[] {
  const out: Element[] = [];
  const walk = (node: Document | ShadowRoot | Element) => {
    for (const el of Array.from(node.querySelectorAll('*'))) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);
  return out;
}

/** What in `root` could run code: script/iframe/object/embed/img/foreignObject elements, on* attributes, javascript: URLs. */
export function injections(root: Document | ShadowRoot | Element): string[] {
  const found: string[] = [];
  for (const el of allElements(root)) {
    const tag = el.localName;
    if (
      ['iframe', 'object', 'embed', 'img', 'image', 'foreignobject', 'foreignObject'].includes(tag)
    ) {
      found.push(`<${tag}>`);
    }
    if (tag === 'script' && el.getAttribute('type') !== 'text/x-python') found.push('<script>');
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) found.push(`${tag}[${attr.name}]`);
      if (
        /^\s*(javascript|data|vbscript):/i.test(attr.value) &&
        /href|src|action/i.test(attr.name)
      ) {
        found.push(`${tag}[${attr.name}=${attr.value.slice(0, 30)}]`);
      }
    }
  }
  return found;
}

/** Scripts in the document outside the harness's own (those present before the test). */
export function scriptCount(): number {
  return allElements(document).filter((e) => e.localName === 'script').length;
}
