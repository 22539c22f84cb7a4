import { didYouMean } from "../shared/suggest.js";
import { lookupKeys, metadataResolver, unknownRoot } from "../placeholders/map-lookup.js";
import type { LookupResult, PlaceholderResolver } from "../placeholders/types.js";
import type { ResourceState } from "./evaluate-resource.js";

/**
 * Resolves a workload's placeholders: `${metadata.KEY...}` from its metadata, `${resources.NAME.KEY...}` from the
 * outputs of the rule that won for that resource. An output the rule does not provide is PLACEHOLDER_UNKNOWN_OUTPUT,
 * naming the rule and the outputs it does provide. Secret outputs come back flagged secret.
 */
export function workloadResolver(
  metadata: Record<string, unknown>,
  resourceUids: Readonly<Record<string, string>>,
  states: ReadonlyMap<string, ResourceState>,
): PlaceholderResolver {
  const meta = metadataResolver(metadata);
  return {
    lookup(parts, ref): LookupResult {
      if (parts[0] === "metadata") return meta.lookup(parts, ref);
      if (parts[0] !== "resources") return unknownRoot(ref);
      const name = parts[1];
      const uid = name === undefined ? undefined : resourceUids[name];
      if (name === undefined || uid === undefined)
        return {
          ok: false,
          code: "PLACEHOLDER_INVALID_REF",
          message: `invalid ref '${ref}': no known resource '${name ?? ""}'`,
        };
      const state = states.get(uid);
      if (!state)
        return {
          ok: false,
          code: "PLACEHOLDER_INVALID_REF",
          message: `invalid ref '${ref}': resource '${name}' (${uid}) could not be resolved`,
        };
      const key = parts[2];
      if (key === undefined)
        return {
          ok: false,
          code: "PLACEHOLDER_INVALID_REF",
          message: `invalid ref '${ref}': at least one lookup key is required`,
        };
      const found = state.output(key);
      if (!found) {
        const provided = state.declaredKeys();
        return {
          ok: false,
          code: "PLACEHOLDER_UNKNOWN_OUTPUT",
          message: `invalid ref '${ref}': resource '${name}' (${uid}) has no output '${key}': rule "${state.rule.rule.id}" provides ${provided.length ? provided.join(", ") : "no outputs"}`,
          hint: `${didYouMean(key, provided) ?? `use one of the outputs of rule "${state.rule.rule.id}",`} or add "${key}" to its outputs`,
        };
      }
      if (!found.ok)
        return { ok: false, code: "PLACEHOLDER_INVALID_REF", message: `invalid ref '${ref}': ${found.message}` };
      if (parts.length === 3)
        return {
          ok: true,
          value: found.val.value,
          secret: found.val.secret,
          ...(found.val.segments ? { segments: found.val.segments } : {}),
        };
      const deeper = lookupKeys(found.val.value, parts.slice(3));
      if (!deeper.ok)
        return { ok: false, code: "PLACEHOLDER_INVALID_REF", message: `invalid ref '${ref}': ${deeper.message}` };
      return { ok: true, value: deeper.value, secret: found.val.secret };
    },
  };
}
