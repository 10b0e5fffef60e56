// MkDocs 1.4 writes extra_javascript as classic scripts: load grad-graph's one-file module, next to
// this file, with data-enhance, so it turns the grad-graph fences into live graphs.
(function () {
  var script = document.createElement('script');
  script.type = 'module';
  script.src = new URL('grad-graph.js', document.currentScript.src).href;
  script.setAttribute('data-enhance', '');
  document.head.appendChild(script);
})();
