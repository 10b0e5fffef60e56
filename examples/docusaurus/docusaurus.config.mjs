import {remarkGradGraph} from 'grad-graph/remark';
import gradGraph from 'grad-graph/docusaurus';

/** A Docusaurus site whose `python grad-graph` fences are live autograd graphs. */
export default {
  title: 'grad-graph in Docusaurus',
  url: 'http://localhost',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  presets: [
    [
      'classic',
      {
        docs: {
          routeBasePath: '/',
          sidebarPath: './sidebars.mjs',
          // Scripts run at build time (the page carries their trace); `run=browser` fences run in the reader's browser.
          remarkPlugins: [[remarkGradGraph, {attributes: {autoplay: ''}}]],
        },
        blog: false,
        pages: false,
      },
    ],
  ],
  plugins: [gradGraph],
  themeConfig: {
    navbar: {
      title: 'grad-graph',
      items: [{to: '/browser', label: 'In the browser', position: 'left'}],
    },
  },
};
