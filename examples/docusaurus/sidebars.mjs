export default {docs: ['index', 'browser']};
