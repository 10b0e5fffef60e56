/** Pages made of prose and grad-notebook / grad-graph elements: the elements and the language switch. */
import '../src/index.js';
import {setUpLang} from './common.js';

setUpLang();
