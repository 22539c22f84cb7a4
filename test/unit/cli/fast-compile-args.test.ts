import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { commandLine } from "../../../src/cli/command-line.js";
import { fastCompileArgs } from "../../../src/cli/fast-compile-args.js";
import { memoryIO } from "../../helpers/memory-io.js";

// The fast path must give the compile handler exactly what yargs gives it, for every command line it takes.

/** What yargs hands the compile handler for `argv`, or its usage error. */
async function yargsArgs(argv: readonly string[]): Promise<Record<string, unknown> | { usageError: string }> {
  let got: Record<string, unknown> | undefined;
  const handle = async (_name: string, command: () => Promise<number> | number) => void (await command());
  try {
    await commandLine({ io: memoryIO(), argv }, handle, (args) => {
      got = { ...args };
      return Promise.resolve(0);
    }).parseAsync([...argv]);
  } catch (e) {
    return { usageError: (e as Error).message };
  }
  return got ?? { usageError: "no command ran" };
}

const TYPICAL = ["compile", "score.yaml", "-t", "kubernetes", "-o", "-", "--app", "bench", "--seed", "bench"];

const TAKEN: string[][] = [
  TYPICAL,
  ["compile"],
  ["compile", "a.yaml", "b.yaml", "--target", "helm", "-o", "out/", "-r", "r.yaml", "-r", "s.yaml", "-e", "prod"],
  ["compile", "--format", "json", "--check", "--color", "--namespace", "ns", "--secrets-output", "s.yaml"],
  ["compile", "--image", "api=reg/api:1", "--image", "reg/default:3", "--override-property", "a.b=1"],
  ["compile", "--publish=8080:web:80", "-p", "8081:api:80", "--patch", "p.yaml", "--overrides-file", "o.yaml"],
  ["compile", "--app=", "--seed=", "--env=staging", "--format=github", "1"],
];

const DECLINED: string[][] = [
  ["compile", "--help"],
  ["compile", "-h"],
  ["compile", "--version"],
  ["compile", "--", "-odd.yaml"],
  ["compile", "-"],
  ["compile", "--no-default-rules"],
  ["compile", "-tkubernetes"],
  ["compile", "-t=helm"],
  ["compile", "--check", "false"],
  ["compile", "--color", "true", "a.yaml"],
  ["compile", "-t", "k8s"],
  ["compile", "-t", "helm", "--target", "compose"],
  ["compile", "--outptu", "x"],
  ["compile", "--image", "a=b"],
  ["compile", "--override-property", "novalue"],
  ["compile", "--seed", "-x"],
  ["compile", "-o"],
  ["compile", "--secretsOutput", "s.yaml"],
  ["validate", "a.yaml"],
  ["rules", "check", "r.yaml"],
];

test("the command lines hooks and CI steps run take the fast path, with yargs' arguments", async () => {
  for (const argv of TAKEN) {
    const fast = fastCompileArgs(argv);
    assert.ok(fast, `the fast path takes ${argv.join(" ")}`);
    assert.equal(fast, await yargsArgs(argv), argv.join(" "));
  }
});

test("help, version, --, negations, attached short values, repeats, bad values and other commands go to yargs", () => {
  for (const argv of DECLINED) assert.is(fastCompileArgs(argv), undefined, argv.join(" "));
});

test("property: on random command lines, whatever the fast path takes, yargs parses to the same arguments", async () => {
  const flags = [
    "--target",
    "-t",
    "--output",
    "-o",
    "--app",
    "--seed",
    "--env",
    "-e",
    "--rules",
    "-r",
    "--patch",
    "--namespace",
    "--publish",
    "-p",
    "--image",
    "--override-property",
    "--overrides-file",
    "--secrets-output",
    "--format",
    "--check",
    "--color",
    "--default-rules",
    "--no-check",
    "--no-default-rules",
    "--help",
    "--version",
    "--",
    "--outptu",
    "-x",
  ];
  const values = [
    "kubernetes",
    "helm",
    "compose",
    "k8s",
    "json",
    "text",
    "github",
    "markdown",
    "a.yaml",
    "b.yaml",
    "-",
    "out/",
    "true",
    "false",
    "1",
    "0x10",
    "",
    "api=reg/api:1",
    "reg/x:1",
    "a=b",
    "x.y=1",
    "=v",
    "8080:web:80",
    "-5",
    "--x",
    "prod",
    "a b",
    "café",
  ];
  const token = fc.oneof(
    fc.constantFrom(...flags),
    fc.constantFrom(...values),
    fc
      .tuple(fc.constantFrom(...flags.filter((f) => f.startsWith("--"))), fc.constantFrom(...values))
      .map(([f, v]) => `${f}=${v}`),
    fc.tuple(fc.constantFrom("-t", "-o", "-e", "-r", "-p"), fc.constantFrom(...values)).map(([f, v]) => f + v),
  );
  // Mostly option-value pairs, so that a good share of lines is one the fast path takes.
  const pair = fc.tuple(fc.constantFrom(...flags), fc.constantFrom(...values)).map(([f, v]) => [f, v]);
  const line = fc
    .array(fc.oneof({ arbitrary: pair, weight: 3 }, { arbitrary: token.map((t) => [t]), weight: 1 }), { maxLength: 6 })
    .map((parts) => ["compile", ...parts.flat()]);
  let taken = 0;
  await fc.assert(
    fc.asyncProperty(line, async (argv) => {
      const fast = fastCompileArgs(argv);
      if (fast === undefined) return;
      taken++;
      assert.equal(fast, await yargsArgs(argv), argv.join(" "));
    }),
    { numRuns: 3000, seed: 20261207 },
  );
  assert.ok(taken > 300, `the fast path took ${taken} of 3000 random lines`);
});

test.run();
