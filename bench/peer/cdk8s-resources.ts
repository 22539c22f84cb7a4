import { createHash } from "node:crypto";
import { ApiObject, Chart } from "cdk8s";
import * as kplus from "cdk8s-plus-33";

/** A resource output as a cdk8s program would hold it: a plain value, or a key of a Secret. */
export type Output = { value: string } | { secret: kplus.ISecret; key: string; value: string };

/** The outputs of one resource, by key. */
export type Outputs = Record<string, Output>;

/** A Score resource request (the fields the peer needs). */
export interface ResourceSpec {
  type: string;
  id?: string;
  params?: Record<string, unknown>;
}

/**
 * Builds the objects of one resource the way a hand-written cdk8s program would (the shape score-k8s' default
 * provisioners give): postgres and redis as a StatefulSet, a Service and a Secret; dns as a host name only; route as
 * a Gateway API HTTPRoute to the workload's Service. Returns the outputs that `${resources.NAME.KEY}` reads.
 */
export function addResource(chart: Chart, name: string, spec: ResourceSpec, params: Record<string, string>, workload: string): Outputs {
  switch (spec.type) {
    case "postgres":
      return statefulStore(chart, name, "postgres:17-alpine", 5432, { name: { value: "app" }, database: { value: "app" }, username: { value: "app" } }, "POSTGRES_PASSWORD");
    case "redis":
      return statefulStore(chart, name, "redis:7-alpine", 6379, { username: { value: "default" } }, "REDIS_PASSWORD");
    case "dns":
      return { host: { value: `${name}.localhost` } };
    case "route":
      new ApiObject(chart, `${name}-route`, {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name },
        spec: {
          parentRefs: [{ name: "default" }],
          hostnames: [params.host],
          rules: [{ matches: [{ path: { type: "PathPrefix", value: params.path } }], backendRefs: [{ name: workload, port: Number(params.port) }] }],
        },
      });
      return {};
    default:
      throw new Error(`the cdk8s peer has no provisioner for ${spec.type}`);
  }
}

function statefulStore(chart: Chart, name: string, image: string, port: number, plain: Outputs, passwordVar: string): Outputs {
  const password = createHash("sha256").update(name).digest("base64url").slice(0, 32);
  const secret = new kplus.Secret(chart, `${name}-secret`, { metadata: { name }, stringData: { password } });
  const service = new kplus.Service(chart, `${name}-svc`, { metadata: { name }, ports: [{ port, targetPort: port }] });
  new kplus.StatefulSet(chart, `${name}-sts`, {
    metadata: { name },
    service,
    containers: [{ image, portNumber: port, envVariables: { [passwordVar]: kplus.EnvValue.fromSecretValue({ secret, key: "password" }) } }],
  });
  return { ...plain, host: { value: name }, port: { value: String(port) }, password: { secret, key: "password", value: password } };
}
