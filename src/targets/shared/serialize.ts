import { Document, Scalar, parse, visit } from "yaml";

/**
 * Serialises data as YAML that every reader takes the same way: YAML 1.1 readers (kubectl, Helm, Docker Compose's
 * Go YAML) and YAML 1.2 readers. Strings that either version would read as something else (`on`, `no`, `0755`,
 * `0o17`, `1e3`, `~`, dates) are double-quoted; no anchors/aliases; no line folding; LF line ends and exactly one
 * trailing newline. Key order is the caller's insertion order: callers sort where order carries no meaning.
 */
export function toYaml(value: unknown): string {
  const doc = new Document(value, { version: "1.1", aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && needsQuotes(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const text = doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true, directives: false, doubleQuotedMinMultiLineLength: 1 << 30 });
  return text.endsWith("\n") ? text : text + "\n";
}

/** Serialises several documents separated by `---`. */
export function toYamlDocuments(values: readonly unknown[]): string {
  return values.map((v) => "---\n" + toYaml(v)).join("");
}

function needsQuotes(s: string): boolean {
  if (s === "<<" || s === "=") return true; // merge key and the YAML 1.1 "value" type
  if (s.includes("\n")) return false; // emitted as a block scalar, which is always a string
  try {
    return parse(s, { version: "1.2", schema: "core" }) !== s;
  } catch {
    return true;
  }
}

/**
 * Returns a copy of the value with every mapping's keys sorted (code-point order), except that `head` keys come
 * first in the order given. Arrays keep their order.
 */
export function sortKeysDeep(value: unknown, head: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeysDeep(v, head));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>);
  entries.sort(([a], [b]) => {
    const ia = head.indexOf(a);
    const ib = head.indexOf(b);
    if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: sortKeysDeep(v, head), enumerable: true, writable: true, configurable: true });
  return out;
}
