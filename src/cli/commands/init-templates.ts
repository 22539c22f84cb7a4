/** The starter Score file written by `scorec init`: a web app with a database, a DNS name and a route. */
export const STARTER_SCORE = `# yaml-language-server: $schema=./node_modules/scorec/spec/score-v1b1.json
# A Score workload: https://docs.score.dev/docs/score-specification/score-spec-reference/
# Compile it with:  npx scorec compile score.yaml             (Docker Compose)
#                   npx scorec compile score.yaml -t kubernetes
apiVersion: score.dev/v1b1
metadata:
  name: hello-world
containers:
  hello-world:
    image: scorespec/sample-score-app:latest
    variables:
      PORT: "3000"
      MESSAGE: "Hello, World!"
      DB_DATABASE: \${resources.db.name}
      DB_USER: \${resources.db.username}
      DB_PASSWORD: \${resources.db.password}
      DB_HOST: \${resources.db.host}
      DB_PORT: \${resources.db.port}
service:
  ports:
    www:
      port: 8080
      targetPort: 3000
resources:
  db:
    type: postgres
  dns:
    type: dns
  route:
    type: route
    params:
      host: \${resources.dns.host}
      path: /
      port: 8080
`;

/** The starter rules table written by `scorec init --rules`: two environments, one rule that differs between them. */
export const STARTER_RULES = `# yaml-language-server: $schema=./node_modules/scorec/spec/rules-v1alpha1.schema.json
# A scorec rules table: which implementation each resource gets in each environment.
# Rules you write win over the built-in defaults; among yours, the most specific match wins.
#   npx scorec compile score.yaml -r rules.yaml -e local
#   npx scorec compile score.yaml -r rules.yaml -e production -t kubernetes
#   npx scorec explain score.yaml -r rules.yaml -e production
apiVersion: scorec.dev/v1alpha1
kind: Rules
# Two of your rules that both match a resource, neither narrower (one per environment, one per resource id), are an
# error. Uncomment to let the earliest criterion listed decide instead ("Declared tie-break" in scorec's docs/rules.md):
# precedence: [id, workload, env, app, envType, labels, target]
environments:
  local:
    type: development
  production:
    type: production
    labels:
      region: eu
rules:
  # In production every database lives on the managed PostgreSQL server of the region. Locally no rule of
  # yours matches, so the built-in default (a postgres container) is used.
  - id: postgres-managed
    description: Managed PostgreSQL in production, one database and user per resource
    match:
      type: postgres
      envType: production
    outputs:
      host: pg-\${environment.labels.region}.db.example.internal
      port: 5432
      name: \${slug(resource.id)}
      database: \${slug(resource.id)}
      username: \${slug(resource.id)}
    secrets:
      password: \${derive.password(resource.uid)}
`;

/**
 * The starter project file written by `scorec init --project`: the Score file and rules table just written, a local
 * Compose build and (with a rules table, which declares production) a production Helm build. The modeline gives
 * editors the project schema.
 */
export function starterProject(scoreFile: string, rulesFile: string | undefined): string {
  return `# yaml-language-server: $schema=./node_modules/scorec/spec/project-v1alpha1.schema.json
# A scorec project: every build of the repository in one command.
#   npx scorec build            writes every output below
#   npx scorec build --check    exit 3 when a committed output is stale (for hooks and CI)
#   npx scorec diff --base ../main-checkout --format markdown   what a change does to every build
apiVersion: scorec.dev/v1alpha1
kind: Project
workloads: [${JSON.stringify(scoreFile)}]
${rulesFile ? `rules: [${JSON.stringify(rulesFile)}]\n` : ""}builds:
  - { env: local, target: compose, output: compose.yaml }
${rulesFile ? "  - { env: production, target: helm, output: deploy/production/values.yaml, secretsOutput: ../secrets/production-values.yaml }\n" : ""}`;
}
