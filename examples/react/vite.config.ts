import {defineConfig} from 'vite';

// React's automatic JSX runtime, compiled by Vite's own transform (no plugin needed to build).
export default defineConfig({oxc: {jsx: {runtime: 'automatic'}}});
