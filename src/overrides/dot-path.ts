/**
 * Splits an override path on `.` like score-go's `ParseDotPathParts`: `\.` is a literal dot inside a part and `\\`
 * a literal backslash (so `a.b\\.c` is `a`, `b\`, `c`). An empty path is one empty part.
 */
export function parseDotPath(input: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    const next = input[i + 1];
    if (ch === "\\" && (next === "\\" || next === ".")) {
      current += next;
      i++;
    } else if (ch === ".") {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}
