import { test } from "uvu";
import * as assert from "uvu/assert";
import { escapeExpansion } from "../../../src/targets/kubernetes/env.js";
import { emitKubernetes } from "../../../src/targets/kubernetes/index.js";
import { envSecretKey } from "../../../src/targets/kubernetes/names.js";
import { validateManifests } from "../../schemas/kubernetes/validator.js";
import { app, find, workload } from "./build-app.js";

/** Kubernetes' env/command expansion (k8s.io/kubernetes third_party/forked/golang/expansion), with every variable defined. */
function expand(input: string, vars: Record<string, string>): string {
  let out = "";
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== "$" || i + 1 >= input.length) {
      out += input[i];
      continue;
    }
    const next = input[i + 1];
    if (next === "$") {
      out += "$";
      i += 1;
    } else if (next === "(") {
      const close = input.indexOf(")", i + 2);
      if (close === -1) {
        out += "$(";
        i += 1;
      } else {
        const name = input.slice(i + 2, close);
        out += name in vars ? vars[name] : `$(${name})`;
        i = close;
      }
    } else {
      out += "$" + next;
      i += 1;
    }
  }
  return out;
}

test("escaped values come out of Kubernetes expansion unchanged", () => {
  const vars = { HOME: "/root", X: "x" };
  for (const s of [
    "plain",
    "$",
    "$$",
    "$$$",
    "$(HOME)",
    "$$(HOME)",
    "a$(X)b$$c$",
    "$(unclosed",
    "$HOME",
    "price: 5$",
    "$)$($$(",
    "${metadata.name}",
  ]) {
    assert.is(expand(escapeExpansion(s), vars), s, s);
  }
  assert.is(escapeExpansion("$(HOME)"), "$$(HOME)");
});

test("a variable with a secret piece goes whole into the workload's env Secret, referenced by secretKeyRef", () => {
  const w = workload("api", {
    main: {
      variables: {
        DB_PASSWORD: { secret: "pw-0123456789abcdef" },
        DB_URL: ["postgres://user:", { secret: "pw-0123456789abcdef" }, "@db:5432/app"],
        DB_HOST: "db",
      },
    },
    sidecar: { variables: { DB_PASSWORD: { secret: "other-secret-value" } } },
  });
  const result = emitKubernetes(app([w]), {});
  assert.equal(result.diagnostics, []);
  const [secret] = find(result.manifests, "Secret", "api-env");
  assert.equal(secret.stringData, {
    "main.DB_PASSWORD": "pw-0123456789abcdef",
    "main.DB_URL": "postgres://user:pw-0123456789abcdef@db:5432/app",
    "sidecar.DB_PASSWORD": "other-secret-value",
  });
  assert.is(secret.type, "Opaque");
  const [deployment] = find(result.manifests, "Deployment");
  const [main, sidecar] = deployment.spec.template.spec.containers;
  assert.equal(main.env, [
    { name: "DB_HOST", value: "db" },
    { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { key: "main.DB_PASSWORD", name: "api-env" } } },
    { name: "DB_URL", valueFrom: { secretKeyRef: { key: "main.DB_URL", name: "api-env" } } },
  ]);
  assert.equal(sidecar.env, [
    { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { key: "sidecar.DB_PASSWORD", name: "api-env" } } },
  ]);
  assert.equal(validateManifests(result.manifests), []);
  const text = result.files[0]?.text ?? "";
  assert.is(text.split("pw-0123456789abcdef").length - 1, 2, "only in the Secret's stringData");
});

test("secret keys encode characters a Secret key cannot hold, injectively", () => {
  assert.is(envSecretKey("main", "DB_PASSWORD"), "main.DB_PASSWORD");
  assert.is(envSecretKey("main", "a.b"), "main.a.2eb");
  assert.is(envSecretKey("main", "a b"), "main.a.20b");
  assert.is(envSecretKey("main", "é"), "main..c3.a9");
  assert.is.not(envSecretKey("main", "a.2eb"), envSecretKey("main", "a.b"));
  const w = workload("api", { main: { variables: { "my var.x": { secret: "0123456789secret" } } } });
  const result = emitKubernetes(app([w]), {});
  assert.equal(validateManifests(result.manifests), []);
});

test("no env Secret without secret variables", () => {
  const result = emitKubernetes(app([workload("api", { main: { variables: { A: "1" } } })]), {});
  assert.equal(find(result.manifests, "Secret"), []);
});

test.run();
