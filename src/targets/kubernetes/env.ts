/**
 * Container environment variables. Plain values are written inline with Kubernetes `$(VAR)` expansion escaped;
 * any value holding a secret piece goes, whole, into the workload's env Secret and reaches the container through
 * `secretKeyRef`, so the manifest of the pod never holds it. A value that is a reference to a Secret living elsewhere
 * (`secretRef`) reads that Secret directly; a longer value that embeds references (a URL) is composed with `$(VAR)`
 * from one variable per reference (and one per other secret piece, kept in the env Secret), declared before every
 * other variable so Kubernetes can expand them.
 */
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Interpolated } from "../../placeholders/types.js";
import { isSecret, textOf, type Segment } from "../../placeholders/types.js";
import { composeSecretVariable } from "../../rules/secret-ref.js";
import type { Locator } from "./locate.js";
import { envSecretKey, envSecretName } from "./names.js";

/** One entry of a container's `env`. */
export type EnvVar =
  { name: string; value?: string } | { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } };

/** The env list of one container and the secret values it needs in the workload's env Secret. */
export interface ContainerEnv {
  env: EnvVar[];
  secretData: Record<string, string>;
}

/**
 * Escapes a literal value for Kubernetes env/command expansion, which turns `$$` into `$` and `$(VAR)` into the
 * variable's value: every `$` that starts either sequence is doubled, so the container sees the value unchanged.
 */
export function escapeExpansion(value: string): string {
  return value.replace(/\$(?=[$(])/g, "$$$$");
}

/** Builds the env of one container, sorted by variable name. */
export function containerEnv(
  workload: string,
  container: string,
  variables: Record<string, Interpolated>,
  at: Locator,
  diagnostics: Diagnostic[],
): ContainerEnv {
  const env: EnvVar[] = [];
  const secretData: Record<string, string> = {};
  // Variables that carry one reference each, for the values that embed references: by name, sorted at the end.
  const refVariables = new Map<string, { secretKeyRef: { name: string; key: string } }>();
  const partVariables: EnvVar[] = [];
  for (const name of Object.keys(variables).sort()) {
    const value = variables[name] as Interpolated;
    if (!validEnvName(name)) {
      diagnostics.push(
        error(
          "TARGET_INVALID_NAME",
          `containers.${container}.variables: '${printable(name)}' is not a valid Kubernetes environment variable name`,
          at(["containers", container, "variables", name], "key"),
          "use printable ASCII characters other than '='",
        ),
      );
      continue;
    }
    const refs = value.segments.filter((s) => s.ref);
    if (refs.length > 0) {
      const only = value.segments.length === 1 ? value.segments[0]!.ref : undefined;
      if (only) {
        env.push({ name, valueFrom: { secretKeyRef: { name: only.name, key: only.key } } });
        continue;
      }
      // Secret pieces scorec knows (derived, or literal text of a secret output) go to the env Secret, each read by
      // a variable of its own, since Kubernetes expands $(VAR) only in plain values.
      let part = 0;
      const text = value.segments.map((s) => {
        if (s.ref || !s.secret) return composed(s, refVariables);
        const partName = `${name}_SCOREC_PART_${++part}`;
        const key = envSecretKey(container, partName);
        secretData[key] = s.text;
        partVariables.push({ name: partName, valueFrom: { secretKeyRef: { name: envSecretName(workload), key } } });
        return `$(${partName})`;
      });
      env.push({ name, value: text.join("") });
      continue;
    }
    if (isSecret(value)) {
      const key = envSecretKey(container, name);
      secretData[key] = textOf(value);
      env.push({ name, valueFrom: { secretKeyRef: { name: envSecretName(workload), key } } });
    } else {
      const text = escapeExpansion(textOf(value));
      // An empty value is written as a bare name, as score-k8s (and the Kubernetes serializer) do.
      env.push(text === "" ? { name } : { name, value: text });
    }
  }
  for (const refName of [...refVariables.keys(), ...partVariables.map((v) => v.name)]) {
    if (Object.hasOwn(variables, refName)) {
      diagnostics.push(
        error(
          "TARGET_NAME_COLLISION",
          `containers.${container}.variables: '${refName}' is a variable scorec declares to compose a secret into another variable`,
          at(["containers", container, "variables", refName], "key"),
          "rename this variable",
        ),
      );
    }
  }
  const declared: EnvVar[] = [...refVariables.keys()]
    .sort()
    .map((refName) => ({ name: refName, valueFrom: refVariables.get(refName)! }));
  return { env: [...declared, ...partVariables, ...env], secretData };
}

// A piece of a value that embeds references: plain text escaped, a reference as $(ITS_VARIABLE).
function composed(
  segment: Segment,
  refVariables: Map<string, { secretKeyRef: { name: string; key: string } }>,
): string {
  if (!segment.ref) return escapeExpansion(segment.text);
  const variable = composeSecretVariable(segment.ref);
  refVariables.set(variable, { secretKeyRef: { name: segment.ref.name, key: segment.ref.key } });
  return `$(${variable})`;
}

function validEnvName(name: string): boolean {
  // Kubernetes 1.32+ accepts any printable ASCII character except '=' (RelaxedEnvironmentVariableValidation).
  return name.length > 0 && /^[\x20-\x3c\x3e-\x7e]+$/.test(name);
}

function printable(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}
