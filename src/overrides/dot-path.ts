import { splitEscaped } from "../shared/split-escaped.js";

/**
 * Splits an override path on `.` like score-go's `ParseDotPathParts`: `\.` is a literal dot inside a part and `\\`
 * a literal backslash (so `a.b\\.c` is `a`, `b\`, `c`). An empty path is one empty part.
 */
export function parseDotPath(input: string): string[] {
  return splitEscaped(input, ".\\");
}
