import { LineCounter } from "yaml";

/**
 * yaml's LineCounter for a text its parser did not read (the fast reader's files, a NUL found before parsing, bytes
 * that are not UTF-8): lines start at 0 and after every "\n", as the parser records them, so positions agree.
 */
export function lineCounterOf(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) counter.addNewLine(i + 1);
  return counter;
}
