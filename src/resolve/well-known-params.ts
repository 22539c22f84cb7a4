/**
 * Checks of the params of well-known resource types (`route`, `dns`) that hold for every target and every rule:
 * score-k8s's and score-compose's route provisioners fail on a host that is not a hostname or a path without a
 * leading `/`, and the API server rejects such an HTTPRoute, so scorec stops at the user's resource first.
 */

/** One problem: the param it is about and why its value cannot be used. */
export interface ParamProblem {
  param: string;
  message: string;
}

// Gateway API's HTTPRoute hostname: a DNS-1123 subdomain, optionally with a leading "*." wildcard label.
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why a host name is not valid (score-k8s: "params.host must be a valid hostname"), or undefined. */
export function hostnameProblem(host: string): string | undefined {
  if (host.length === 0) return "is empty";
  if (host.length > 253) return `is ${host.length} characters long; a hostname has at most 253`;
  if (!HOSTNAME.test(host))
    return "is not a valid hostname: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (a leading '*.' is allowed)";
  if (host.split(".").some((label) => label.length > 63)) return "has a label longer than 63 characters";
  return undefined;
}

/** Why a route path is not valid (score-k8s: "params.path start with a /"), or undefined. */
export function routePathProblem(path: string): string | undefined {
  if (!path.startsWith("/")) return "must start with a /";
  if (path.length > 1024) return `is ${path.length} characters long; an HTTPRoute path has at most 1024`;
  if (/[\s\p{Cc}]/u.test(path)) return "must not contain whitespace or control characters";
  return undefined;
}

/** The problems of a resource's params (after placeholder substitution), for the types this module knows. */
export function wellKnownParamProblems(type: string, params: Readonly<Record<string, unknown>>): ParamProblem[] {
  const problems: ParamProblem[] = [];
  const check = (param: string, why: (value: string) => string | undefined) => {
    if (!Object.hasOwn(params, param)) return;
    const value = params[param];
    const problem =
      typeof value === "string"
        ? why(value)
        : `must be text, got ${value === null ? "null" : Array.isArray(value) ? "a list" : typeof value}`;
    if (problem !== undefined)
      problems.push({ param, message: `${type} param "${param}" ${JSON.stringify(value)} ${problem}` });
  };
  if (type === "route") {
    check("host", hostnameProblem);
    check("path", routePathProblem);
    if (
      Object.hasOwn(params, "port") &&
      !(
        (typeof params.port === "number" &&
          Number.isInteger(params.port) &&
          params.port >= 1 &&
          params.port <= 65535) ||
        (typeof params.port === "string" && params.port.length > 0)
      )
    ) {
      problems.push({
        param: "port",
        message: `route param "port" ${JSON.stringify(params.port)} must be a service port name or number (1-65535)`,
      });
    }
  }
  if (type === "dns") check("host", hostnameProblem);
  return problems;
}
