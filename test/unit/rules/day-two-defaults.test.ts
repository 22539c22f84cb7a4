/**
 * Fast checks of the day-two properties of the built-in defaults (test/integration proves them against real
 * servers; these run without them).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { parse, parseAllDocuments } from "yaml";
import { compile } from "../../../src/api/compile.js";
import { ROOT } from "../../helpers/corpus.js";

const SCORE = readFileSync(ROOT + "test/integration/score.yaml", "utf8");
const compose = (seed: string) => parse(compile({ sources: [{ path: "score.yaml", text: SCORE }], target: "compose", seed }).files[0]!.text);
const manifests = (seed: string) => compile({ sources: [{ path: "score.yaml", text: SCORE }], target: "kubernetes", seed }).files.flatMap((f) => parseAllDocuments(f.text).map((d) => d.toJS()));

test("compose: no RABBITMQ_ERLANG_COOKIE; RabbitMQ and SQL Server keep a fixed host name", () => {
  const file = compose("s");
  const text = JSON.stringify(file);
  assert.not.match(text, "RABBITMQ_ERLANG_COOKIE");
  const rabbit = Object.entries(file.services).filter(([, s]: [string, any]) => String(s.image).includes("rabbitmq") && !s.network_mode);
  assert.is(rabbit.length, 1);
  for (const [name, s] of rabbit as [string, any][]) assert.is(s.hostname, name);
  const mssql = compile({ sources: [{ path: "score.yaml", text: SCORE.replace("resources:\n", "resources:\n  ms:\n    type: mssql\n") }], target: "compose", seed: "s" });
  const ms = Object.entries(parse(mssql.files[0]!.text).services).find(([, s]: [string, any]) => String(s.image).includes("mssql"))!;
  assert.is((ms[1] as any).hostname, ms[0]);
});

test("compose: postgres jobs use the server's trusted local access, not the derived superuser password", () => {
  const file = compose("s");
  const jobs = Object.values(file.services).filter((s: any) => String(s.image).includes("postgres") && s.entrypoint?.[0] === "psql") as any[];
  assert.ok(jobs.length >= 3);
  for (const job of jobs) {
    assert.match(job.network_mode, /^service:pg-/);
    assert.equal(job.environment, undefined);
    assert.is(job.command[job.command.indexOf("-h") + 1], "127.0.0.1");
  }
});

test("kubernetes: postgres readiness is over TCP; no Secret value is spliced into a command or script", () => {
  const all = manifests("s");
  for (const sts of all.filter((m: any) => m.kind === "StatefulSet" && /^pgi?-/.test(m.metadata.name))) {
    const c = sts.spec.template.spec.containers[0];
    assert.equal(c.readinessProbe.exec.command.slice(0, 3), ["pg_isready", "-h", "127.0.0.1"]);
    assert.ok(c.lifecycle.postStart.exec.command);
  }
  const secrets = all.filter((m: any) => m.kind === "Secret").flatMap((m: any) => Object.values<string>(m.stringData ?? {}));
  assert.ok(secrets.length > 3);
  const scripts = JSON.stringify(all.filter((m: any) => m.kind !== "Secret"));
  for (const value of secrets) assert.not.ok(scripts.includes(value), "a Secret value appears outside its Secret");
});

test("a new seed changes the values but not the names, host names or volumes (the data stays where it was)", () => {
  const [a, b] = [compose("one"), compose("two")];
  assert.equal(Object.keys(a.services), Object.keys(b.services));
  assert.equal(Object.keys(a.volumes), Object.keys(b.volumes));
  for (const name of Object.keys(a.services)) assert.equal(a.services[name].hostname, b.services[name].hostname);
  assert.is.not(JSON.stringify(a), JSON.stringify(b));
});

test.run();
