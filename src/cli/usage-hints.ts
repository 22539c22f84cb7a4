import { didYouMean } from "../shared/suggest.js";

// Names users reach for that no edit distance finds (`-t k8s`).
const ALIASES: Readonly<Record<string, string>> = {
  k8s: "kubernetes",
  kube: "kubernetes",
  "docker-compose": "compose",
  docker: "compose",
  chart: "helm",
};

/**
 * Adds a "did you mean" to yargs' usage messages for an unknown option (`--outptu`) or a value outside an option's
 * choices (`-t k8s`); other messages are returned unchanged. yargs suggests commands itself (recommendCommands).
 */
export function withUsageHint(message: string, optionNames: readonly string[]): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const hints = unknown[1]!
      .split(", ")
      .map((name) => [name, didYouMean(name, optionNames)] as const)
      .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
      .map(([name, hint]) => `--${name}: ${hint.replace(/"([^"]+)"/, (_m, o: string) => `"--${o}"`)}`);
    return hints.length > 0 ? `${message}\n${hints.join("\n")}` : message;
  }
  const invalid = /Argument: ([^,]+), Given: "([^"]*)", Choices: (.+)$/m.exec(message);
  if (invalid) {
    const given = invalid[2]!;
    const choices = [...invalid[3]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    const alias = ALIASES[given.toLowerCase()];
    const hint =
      alias !== undefined && choices.includes(alias) ? `did you mean "${alias}"?` : didYouMean(given, choices);
    return hint ? `${message}\n${hint}` : message;
  }
  return message;
}
