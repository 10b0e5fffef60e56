/** The CLI's usage texts, printed by `--help` and after a bad argument. */

/** `grad-graph render`'s usage. */
export const renderUsage = `usage: grad-graph render FILE.py|- [-o graph.svg] [--step N] [--iteration N]
                         [--view dataflow|autograd] [--direction LR|TB] [--lang en|zh]`;

/** The whole CLI's usage, printed by `grad-graph --help`. */
export const usage = `usage: grad-graph run FILE.py        run a script and print what python3 would print
       grad-graph run -              read the script from standard input
       grad-graph trace FILE.py [-o trace.json]
                                     write the run's trace as JSON
       grad-graph render FILE.py -o graph.svg [--step N] [--iteration N]
                                     [--view dataflow|autograd] [--direction LR|TB]
                                     [--lang en|zh] [limits]
                                     draw one step of the run as a standalone SVG
       (run, trace and render take the run limits --max-loop-iterations N, --time-budget-ms N, …:
        grad-graph COMMAND --help lists them)
       grad-graph COMMAND --help     the options of one command
       grad-graph --version
       grad-graph --help`;
