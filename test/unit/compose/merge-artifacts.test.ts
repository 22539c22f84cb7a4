import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { inspect } from "node:util";
import type { ResolvedResource } from "../../../src/model/resolved.js";
import {
  deepEqual,
  emptySections,
  isObject,
  mergeResourceArtifacts,
  SECTIONS,
  type ComposeSections,
} from "../../../src/targets/compose/merge-artifacts.js";

// mergeResourceArtifacts indexes set-like service lists so that many resources adding to one shared service merge in
// linear time. The oracle below is the merge as first written (each incoming item compared with every item already
// there), kept here to hold the indexed merge to the same sections and diagnostics on random artifacts.

const SET_LISTS = new Set(["configs", "secrets", "volumes", "ports", "depends_on"]);

function oracle(sections: ComposeSections, resources: readonly ResolvedResource[]): string[] {
  const problems: string[] = [];
  for (const resource of resources) {
    for (const section of SECTIONS) {
      for (const [name, definition] of Object.entries(resource.artifacts.compose?.[section] ?? {})) {
        const existing = Object.hasOwn(sections[section], name) ? sections[section][name] : undefined;
        if (existing === undefined) {
          sections[section][name] = structuredClone(definition ?? {});
          continue;
        }
        const merged = mergeValues(existing, definition ?? {}, section === "services" ? 0 : -1);
        if (merged.ok) sections[section][name] = merged.value as Record<string, unknown>;
        else problems.push(`${section}/${name}/${merged.path}/${resource.uid}`);
      }
    }
  }
  return problems;
}

function mergeValues(
  a: unknown,
  b: unknown,
  depth: number,
  key = "",
): { ok: true; value: unknown } | { ok: false; path: string } {
  if (deepEqual(a, b)) return { ok: true, value: a };
  if (isObject(a) && isObject(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) {
      if (!Object.hasOwn(out, k)) {
        out[k] = structuredClone(v);
        continue;
      }
      const m = mergeValues(out[k], v, depth < 0 ? -1 : depth + 1, k);
      if (!m.ok) return { ok: false, path: m.path === "" ? k : `${k}.${m.path}` };
      out[k] = m.value;
    }
    return { ok: true, value: out };
  }
  if (Array.isArray(a) && Array.isArray(b) && depth === 1 && SET_LISTS.has(key))
    return {
      ok: true,
      value: [...(a as unknown[]), ...(b as unknown[]).filter((item) => !a.some((x) => deepEqual(x, item)))],
    };
  return { ok: false, path: "" };
}

// List items that deepEqual tells apart in every way it can: equal text in another key order, numbers and their
// strings, 0 and -0, NaN (never equal), undefined values, holes (which deepEqual skips) and nested lists.
const hole = [, 1]; // eslint-disable-line no-sparse-arrays
const item = fc.constantFrom<unknown>(
  "a",
  "b",
  "1",
  1,
  0,
  -0,
  Number.NaN,
  true,
  null,
  { source: "a", target: "/a" },
  { target: "/a", source: "a" },
  { source: "a", target: "/b" },
  { source: "a", target: undefined },
  { source: "a" },
  [1, 2],
  [2, 1],
  hole,
  [undefined, 1],
  [2, 1, 3],
);
const list = fc.array(item, { maxLength: 4 });
const service = fc.record(
  {
    image: fc.constantFrom("nginx", "nginx", "nginx", "redis"),
    configs: list,
    ports: list,
    command: fc.constantFrom<unknown>(["a"], ["a"], ["b"]),
  },
  { requiredKeys: ["image"] },
);
const resources = fc
  .array(fc.tuple(fc.constantFrom("router", "db", "cache"), service), { minLength: 1, maxLength: 12 })
  .map((entries) =>
    entries.map(
      ([name, definition], i) =>
        ({ uid: `r${i}`, artifacts: { compose: { services: { [name]: definition } } } }) as unknown as ResolvedResource,
    ),
  );

test("property: the indexed merge gives the sections and collisions of the merge that compares every item", () => {
  fc.assert(
    fc.property(resources, (rs) => {
      const expected = emptySections();
      const problems = oracle(expected, rs);
      const actual = emptySections();
      const diagnostics = mergeResourceArtifacts(actual, rs);
      const show = (s: ComposeSections) => inspect(s, { depth: Infinity, sorted: false });
      assert.is(show(actual), show(expected));
      assert.is(diagnostics.length, problems.length);
      diagnostics.forEach((d, i) => {
        const [section, name, path, uid] = problems[i]!.split("/");
        assert.match(d.message, `${section} '${name}' is defined differently by resource '${uid}'`);
        if (path) assert.match(d.message, `(field ${path})`);
      });
    }),
    { numRuns: 3000, seed: 20261207 },
  );
});

test("a router that 2,000 routes each add a config to merges them all, once each, in order", () => {
  const rs = Array.from(
    { length: 2000 },
    (_, i) =>
      ({
        uid: `route-${i}`,
        artifacts: {
          compose: {
            services: {
              router: { image: "nginx", configs: [{ source: `route-${i}`, target: `/etc/nginx/conf.d/${i}.conf` }] },
            },
          },
        },
      }) as unknown as ResolvedResource,
  );
  const sections = emptySections();
  assert.equal(mergeResourceArtifacts(sections, [...rs, ...rs]), []);
  const configs = sections.services.router!.configs as { source: string }[];
  assert.equal(
    configs.map((c) => c.source),
    rs.map((r) => r.uid),
  );
});

test.run();
