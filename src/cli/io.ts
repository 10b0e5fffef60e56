/** Where a CLI command reads and writes, so tests can run commands in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for `grad-graph run -`). */
  readStdin: () => Promise<string>;
}

/** A subcommand: gets its arguments (after the command word), returns the exit code. */
export type Command = (args: readonly string[], io: CliIO) => Promise<number>;
