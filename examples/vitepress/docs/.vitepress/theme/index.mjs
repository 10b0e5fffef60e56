import DefaultTheme from 'vitepress/theme';
import {enhanceAppWithGradGraph} from 'grad-graph/vitepress';

export default {
  extends: DefaultTheme,
  enhanceApp(context) {
    enhanceAppWithGradGraph(context);
  },
};
