/**
 * Splits a dotted path on `.`, where a backslash before one of `escapable` stands for that character itself. Score
 * placeholders escape only the dot (`\.`, score-go SplitRefParts); override paths also escape the backslash (`\\`,
 * score-go ParseDotPathParts). Any other backslash is kept as written.
 */
export function splitEscaped(input: string, escapable: string): string[] {
  if (!input.includes("\\")) return input.split(".");
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    const next = input[i + 1];
    if (ch === "\\" && next !== undefined && escapable.includes(next)) {
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
