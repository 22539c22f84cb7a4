import helloRules from "../../examples/hello/rules.yaml";
import helloScore from "../../examples/hello/score.yaml";
import productionRules from "../examples/production.rules.yaml";
import shopRules from "../examples/shop.rules.yaml";
import shopScore from "../examples/shop.score.yaml";
import type { PlaygroundState } from "./run-compile.js";

/** A built-in example: what the example selector loads into the editors. */
export interface Example {
  id: string;
  title: string;
  state: PlaygroundState;
}

export const EXAMPLES: readonly Example[] = [
  {
    id: "hello",
    title: "Hello world (web app + database)",
    state: { score: helloScore, rules: helloRules, env: "local", target: "compose" },
  },
  {
    id: "shop",
    title: "Multi-service app (3 workloads)",
    state: { score: shopScore, rules: shopRules, env: "local", target: "compose" },
  },
  {
    id: "production",
    title: "Production rules table",
    state: { score: shopScore, rules: productionRules, env: "production", target: "kubernetes" },
  },
];

/** The example a fresh page shows. */
export const DEFAULT_EXAMPLE: Example = EXAMPLES[0]!;
