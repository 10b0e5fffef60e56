/**
 * autograd/: a tensor and autograd engine that behaves like PyTorch 1.13. It imports nothing of ours.
 */
export const version = '0.1.0';
