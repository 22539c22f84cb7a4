/** A small app with every kind of derived secret scorec places: a rule's Secret manifest, env variables, a file. */
export const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: orders
containers:
  api:
    image: ghcr.io/example/orders:1.4
    variables:
      DB_PASSWORD: \${resources.db.password}
      DATABASE_URL: postgres://app:\${resources.db.password}@\${resources.db.host}:5432/orders
      API_TOKEN: \${resources.token.value}
    files:
      /etc/orders/secret.ini:
        content: |
          [db]
          password = \${resources.db.password}
resources:
  db:
    type: postgres
  token:
    type: api-token
`;

export const RULES = `apiVersion: scorec.dev/v1alpha1
kind: Rules
environments:
  local: { type: development }
  production: { type: production }
rules:
  - id: postgres
    match: { type: postgres }
    outputs:
      host: pg-\${hash8(resource.uid)}
    secrets:
      password: \${derive.password(resource.uid)}
    artifacts:
      compose:
        services:
          \${outputs.host}:
            image: postgres:17
            environment:
              POSTGRES_PASSWORD: \${secrets.password}
      kubernetes:
        manifests:
          - apiVersion: v1
            kind: Secret
            metadata: { name: "\${outputs.host}" }
            type: Opaque
            stringData:
              password: \${secrets.password}
  - id: token
    match: { type: api-token }
    secrets:
      value: \${secretRef('api-tokens', 'orders')}
`;
