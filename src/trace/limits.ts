/**
 * The recorder's limit, in a module of its own so that what only reads it (the run limits table a
 * viewer reads for its attributes) does not load the recorder.
 */

/** The default cap on ops recorded in one trace: far above any teaching script. */
export const defaultMaxOps = 200_000;
