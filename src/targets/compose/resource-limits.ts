import type { Container, ResourceLimits } from "../../score/types.js";

const BINARY_UNITS: Record<string, string> = { Ki: "k", Mi: "m", Gi: "g", Ti: "t", Pi: "p" };
const DECIMAL_POWERS: Record<string, number> = { "": 0, K: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/**
 * Maps Score `resources.limits` / `requests` to Compose `deploy.resources.limits` / `reservations` (`cpus`,
 * `memory`), which `docker compose up` applies to the container. Returns undefined when the container sets none.
 */
export function deployResourcesOf(container: Container): Record<string, unknown> | undefined {
  const limits = composeLimits(container.resources?.limits);
  const reservations = composeLimits(container.resources?.requests);
  if (!limits && !reservations) return undefined;
  return { resources: { ...(limits ? { limits } : {}), ...(reservations ? { reservations } : {}) } };
}

function composeLimits(limits: ResourceLimits | undefined): Record<string, string> | undefined {
  if (!limits) return undefined;
  const out: Record<string, string> = {};
  if (limits.cpu !== undefined) out.cpus = composeCpus(limits.cpu);
  if (limits.memory !== undefined) out.memory = composeMemory(limits.memory);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `500m` → `0.5`, `2` → `2`, `0.25` → `0.25` (Compose takes a decimal number of CPUs). */
export function composeCpus(cpu: string): string {
  if (!cpu.endsWith("m")) return cpu;
  const milli = cpu.slice(0, -1).replace(/^0+(?=\d)/, "");
  const whole = milli.length > 3 ? milli.slice(0, -3) : "0";
  const fraction = milli.padStart(3, "0").slice(-3).replace(/0+$/, "");
  return fraction === "" ? whole : `${whole}.${fraction}`;
}

/**
 * Score memory quantities use Kubernetes units (`Mi` = 2^20, `M` = 10^6); Docker's units are all binary (`m` =
 * 2^20). Binary units map one to one (`128Mi` → `128m`); decimal ones become a byte count (`128M` → `128000000`),
 * rounded up to whole bytes.
 */
export function composeMemory(memory: string): string {
  const m = /^(\d+)(?:\.(\d+))?([A-Za-z]*)$/.exec(memory);
  if (!m) return memory;
  const [, whole = "0", fraction = "", unit = ""] = m;
  const binary = BINARY_UNITS[unit];
  if (binary !== undefined && fraction === "") return `${whole}${binary}`;
  const power = DECIMAL_POWERS[unit];
  if (power !== undefined) return decimalBytes(whole, fraction, power);
  // Fractional binary quantities (1.5Gi): exact bytes, rounded up.
  const exponent = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 }[unit] ?? 0;
  const scaled = BigInt(whole + fraction) * 2n ** BigInt(exponent);
  const divisor = 10n ** BigInt(fraction.length);
  return ((scaled + divisor - 1n) / divisor).toString();
}

function decimalBytes(whole: string, fraction: string, power: number): string {
  const digits = BigInt(whole + fraction);
  const shift = power - fraction.length;
  if (shift >= 0) return (digits * 10n ** BigInt(shift)).toString();
  const divisor = 10n ** BigInt(-shift);
  return ((digits + divisor - 1n) / divisor).toString();
}
