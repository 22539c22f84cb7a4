import { readFileSync, writeFileSync } from "node:fs";
import { compileWith } from "../../../src/api/pipeline.js";
import { emitter } from "../../../src/api/emitters/kubernetes.js";
import { validateManifests } from "../../schemas/kubernetes/validator.js";
import { parseAllDocuments } from "yaml";
const r = compileWith({ sources: [{ path: "score.yaml", text: readFileSync("/tmp/k/score.yaml", "utf8") }], target: "kubernetes", noDefaultRules: true,
  rules: [{ path: "rules/defaults/kubernetes.yaml", text: readFileSync("rules/defaults/kubernetes.yaml", "utf8") }], app: "demo" }, emitter);
for (const d of r.diagnostics) console.log(d.severity, d.code, d.file, d.range?.start.line, d.message);
const text = r.files[0]?.text ?? "";
console.log(text.length);
writeFileSync("/tmp/k/out.yaml", text);
const ms = parseAllDocuments(text).map(d => d.toJS());
console.log(validateManifests(ms).join("\n"));
