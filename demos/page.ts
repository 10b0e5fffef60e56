/** Pages made of prose and grad-notebook / grad-graph elements: the elements and the language switch. */
// The components directly: package.json marks components/** as having side effects (defining the
// elements), while a bare import of src/index.ts would be tree-shaken away in the demos build.
import '../components/grad-graph.js';
import '../components/grad-notebook.js';
import {setUpLang} from './common.js';

setUpLang();
