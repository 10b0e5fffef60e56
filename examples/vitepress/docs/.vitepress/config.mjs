import {gradGraphMarkdownIt} from 'grad-graph/markdown-it';

/** A VitePress site whose `python grad-graph` fences are live autograd graphs. */
export default {
  title: 'grad-graph in VitePress',
  description: 'Code fences that draw their autograd graph',
  markdown: {
    // Scripts run at build time (the page carries their trace); `run=browser` fences run in the reader's browser.
    config: (md) => {
      md.use(gradGraphMarkdownIt, {attributes: {autoplay: ''}});
    },
  },
  themeConfig: {
    nav: [
      {text: 'Home', link: '/'},
      {text: 'In the browser', link: '/browser'},
    ],
    sidebar: [
      {text: 'Built at build time', link: '/'},
      {text: 'Run in the browser', link: '/browser'},
    ],
  },
};
