/**
 * Container environment variables. Plain values are written inline with Kubernetes `$(VAR)` expansion escaped;
 * any value holding a secret piece goes, whole, into the workload's env Secret and reaches the container through
 * `secretKeyRef`, so the manifest of the pod never holds it.
 */
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Interpolated } from "../../placeholders/types.js";
import { isSecret, textOf } from "../../placeholders/types.js";
import type { Locator } from "./locate.js";
import { envSecretKey, envSecretName } from "./names.js";

/** One entry of a container's `env`. */
export type EnvVar = { name: string; value?: string } | { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } };

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
  return { env, secretData };
}

function validEnvName(name: string): boolean {
  // Kubernetes 1.32+ accepts any printable ASCII character except '=' (RelaxedEnvironmentVariableValidation).
  return name.length > 0 && /^[\x20-\x3c\x3e-\x7e]+$/.test(name);
}

function printable(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}
