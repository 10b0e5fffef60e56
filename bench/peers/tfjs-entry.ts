/**
 * TensorFlow.js with its CPU backend and every gradient registered. Its gradient files are
 * extensionless ES modules that Node cannot load directly, so bench/peers/tfjs.ts bundles this
 * entry with Vite before importing it.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';

export {tf};
