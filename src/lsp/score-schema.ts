import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A JSON schema node, as far as key completion reads it. */
interface SchemaNode {
  $ref?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  enum?: unknown[];
}

let schema: SchemaNode | null | undefined;

/**
 * The upstream Score schema that ships in the package (spec/score-v1b1.json), found from this module upwards: the
 * module runs from dist/lsp or from the CLI bundle in dist/cli/bundle. Null when it cannot be read.
 */
function scoreSchema(): SchemaNode | null {
  if (schema !== undefined) return schema;
  schema = null;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = join(dir, "spec", "score-v1b1.json");
    if (existsSync(file)) {
      try {
        schema = JSON.parse(readFileSync(file, "utf8")) as SchemaNode;
      } catch {
        schema = null;
      }
      break;
    }
    dir = dirname(dir);
  }
  return schema;
}

/** The keys the Score schema allows in the mapping at `path` (sequence items as "-"), with their descriptions. */
export function schemaKeysAt(path: readonly string[]): { key: string; description?: string; values?: string[] }[] {
  const root = scoreSchema();
  if (!root) return [];
  let node: SchemaNode | undefined = deref(root, root);
  for (const segment of path) {
    if (!node) return [];
    if (segment === "-") node = node.items;
    else if (node.properties && Object.hasOwn(node.properties, segment)) node = node.properties[segment];
    else if (typeof node.additionalProperties === "object") node = node.additionalProperties;
    else return [];
    node = node ? deref(root, node) : undefined;
  }
  return Object.entries(node?.properties ?? {}).map(([key, value]) => {
    const v = deref(root, value);
    return {
      key,
      ...(v.description ? { description: v.description } : {}),
      ...(v.enum ? { values: v.enum.map(String) } : {}),
    };
  });
}

function deref(root: SchemaNode, node: SchemaNode): SchemaNode {
  let n = node;
  for (let i = 0; n.$ref && i < 10; i++) {
    const parts = n.$ref.replace(/^#\//, "").split("/");
    let target: unknown = root;
    for (const p of parts) target = (target as Record<string, unknown> | undefined)?.[p];
    if (!target) break;
    n = { ...(target as SchemaNode), ...(n.description ? { description: n.description } : {}) };
  }
  return n;
}
