import { warning, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Container, ContainerProbe } from "../../score/types.js";
import { composeCommandText } from "./dollar-escape.js";
import { containerLocation, type ContainerSite } from "./site.js";

/**
 * Turns the container's exec probe into a Compose healthcheck, as score-compose does: the readiness probe's `exec`
 * wins over the liveness probe's, the command runs without a shell (`CMD`), every 5s with a 5s timeout. `httpGet`
 * probes have no Compose equivalent (the image may lack curl/wget) and are skipped with a warning.
 */
export function healthcheckOf(
  container: Container,
  site: ContainerSite,
): { healthcheck?: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const probes: [string, ContainerProbe | undefined][] = [
    ["readinessProbe", container.readinessProbe],
    ["livenessProbe", container.livenessProbe],
  ];
  for (const [key, probe] of probes) {
    if (probe?.httpGet && !probe.exec) {
      diagnostics.push(
        warning(
          "TARGET_UNSUPPORTED",
          `containers.${site.container}.${key}: httpGet probes have no Compose equivalent and are ignored`,
          containerLocation(site, key, "httpGet"),
          "add an exec probe (for example curl or wget inside the image) to get a Compose healthcheck",
        ),
      );
    }
  }
  const exec = container.readinessProbe?.exec ?? container.livenessProbe?.exec;
  if (!exec) return { diagnostics };
  const test = ["CMD", ...exec.command.map(composeCommandText)];
  return { healthcheck: { test, interval: "5s", timeout: "5s" }, diagnostics };
}
