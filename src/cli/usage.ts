/** The CLI's usage text, printed by `grad-graph --help` and after a bad argument. */
export const usage = `usage: grad-graph run FILE.py        run a script and print what python3 would print
       grad-graph run -              read the script from standard input
       grad-graph trace FILE.py      write the run's trace as JSON
       grad-graph render FILE.py -o graph.svg [--step N] [--view dataflow|autograd]
                                     [--direction LR|TB] [--lang en|zh]
       grad-graph --help`;
