/**
 * The catalogue of diagnostic codes. Codes are stable: once released a code is never renamed or reused,
 * only deprecated. Tests assert on codes and positions, never on message wording.
 */
export const DIAGNOSTIC_CODES = {
  // load: turning bytes into YAML data
  LOAD_EMPTY_FILE: "The file is empty or holds only comments.",
  LOAD_YAML_SYNTAX: "The file is not valid YAML.",
  LOAD_DUPLICATE_KEY: "A mapping has the same key twice.",
  LOAD_MULTIPLE_DOCUMENTS: "The file holds more than one YAML document.",
  LOAD_NOT_A_MAPPING: "The document is not a mapping.",
  LOAD_ALIAS_LIMIT: "YAML aliases expand beyond the allowed size.",
  LOAD_UNSUPPORTED_TAG: "A YAML tag that scorec does not accept.",
  LOAD_FILE_TOO_LARGE: "The input file exceeds the size limit.",
  LOAD_INVALID_ENCODING: "The file is not valid UTF-8 text.",
  LOAD_TOO_DEEP: "The document nests deeper than the allowed limit.",
  LOAD_YAML_WARNING: "The YAML parser reported a warning.",

  // schema: the upstream Score v1b1 JSON schema
  SCHEMA_REQUIRED: "A required property is missing.",
  SCHEMA_ADDITIONAL_PROPERTY: "A property that the schema does not allow.",
  SCHEMA_TYPE: "A value has the wrong type.",
  SCHEMA_PATTERN: "A value does not match the required pattern.",
  SCHEMA_ENUM: "A value is not one of the allowed values.",
  SCHEMA_RANGE: "A value is outside the allowed range or length.",
  SCHEMA_ONE_OF: "A value matches none, or more than one, of the allowed shapes.",
  SCHEMA_INVALID: "A value breaks another schema constraint.",

  // upgrade: deprecated Score shapes rewritten before validation
  UPGRADE_DEPRECATED_FORM: "A deprecated Score form was rewritten to the current one.",
  UPGRADE_MISSING_TARGET: "A deprecated array entry has no string target.",

  // semantic checks beyond the schema
  SCORE_DUPLICATE_WORKLOAD: "Two Score files declare the same workload name.",
  SCORE_PLACEHOLDER_MALFORMED: "A placeholder does not follow the ${root.key...} grammar.",
  SCORE_PLACEHOLDER_UNKNOWN_ROOT: "A placeholder starts with something other than metadata or resources.",
  SCORE_PLACEHOLDER_UNKNOWN_RESOURCE: "A placeholder names a resource the workload does not declare.",
  SCORE_BEFORE_UNKNOWN_CONTAINER: "A before entry names a container that does not exist.",
  SCORE_BEFORE_SELF: "A container lists itself in before.",
  SCORE_BEFORE_CYCLE: "The before relationships between containers form a cycle.",
  SCORE_BEFORE_HEALTHY_WITHOUT_PROBE: "ready: healthy needs a probe on the container.",
  SCORE_PROBE_EMPTY: "A probe declares neither exec nor httpGet.",
  SCORE_IMAGE_MISSING: "A container's image is '.' and no --image was given.",
  SCORE_IMAGE_INVALID: "A container image holds whitespace or a control character.",
  SCORE_INVALID_CHARACTER: "A name holds a control or invisible character, or a process argument holds NUL.",

  // placeholders: substitution of ${...}
  PLACEHOLDER_INVALID_REF: "A placeholder cannot be resolved.",
  PLACEHOLDER_UNKNOWN_OUTPUT: "A placeholder asks for an output that the resource does not provide.",

  // overrides and patches
  OVERRIDE_INVALID_PATH: "An override path is malformed.",
  OVERRIDE_FORBIDDEN_PATH: "An override or patch path touches a forbidden segment such as __proto__.",
  OVERRIDE_INVALID_VALUE: "An override value is not valid YAML.",
  OVERRIDE_NOT_A_MAPPING: "An overrides file is not a mapping.",
  PATCH_INVALID: "A JSON patch document is malformed.",
  PATCH_FAILED: "A JSON patch operation cannot be applied.",
  PATCH_AMBIGUOUS: "Two patches change the same place of one object and neither is more specific.",
  PATCH_FORBIDDEN: "A patch changes what patches may not change (a Secret's name).",
  PATCH_NO_MATCH: "A patch selects no object.",

  // rules table
  RULES_SCHEMA: "The rules table does not match its schema.",
  RULES_DUPLICATE_ID: "A rule id is defined twice.",
  RULES_DUPLICATE_ENVIRONMENT: "An environment is defined twice with different settings.",
  RULES_UNKNOWN_ENVIRONMENT: "An environment id that the rules table does not declare.",
  RULES_AMBIGUOUS: "Two rules match the same resource and neither is more specific.",
  RULES_NO_MATCH: "No rule matches a resource.",
  RULES_UNREACHABLE: "A rule can never win.",
  RULES_PRECEDENCE: "A declared tie-break order (precedence) is malformed or differs between rules files.",
  RULES_EXPRESSION: "An expression in a rule is malformed or refers to an unknown path.",
  RULES_MISSING_OUTPUT: "A rule refers to an output its dependency does not provide.",
  RULES_CYCLE: "Resources depend on each other in a cycle.",
  RULES_SECRET_LEAK: "A secret value flows into a place that is not secret.",
  RULES_DEFAULT_SEED: "No seed was given; derived secrets use the development seed.",
  RULES_SEED_REQUIRED: "A secret is derived outside a development environment and no seed was given.",
  RULES_MERGE_KEY: "A YAML merge key (<<) in a rules table; use extends instead.",
  RULES_EXTENDS: "A rule extends a rule that does not exist, or extends form a cycle.",
  RULES_OUTPUT_GAP:
    "A rule that can win lacks an output that other rules of its type provide, so a workload asking for it would fail there.",
  RULES_POLICY_SCHEMA: "A policy's workload schema is not a valid, self-contained JSON Schema.",
  RULES_DUPLICATE_POLICY: "A policy or patch id is defined twice.",
  POLICY_VIOLATION: "A Score workload does not satisfy a policy of the rules table.",
  RULES_SECRET_REF:
    "A secretRef names an invalid Kubernetes Secret or key, or lands where the target cannot reference it.",

  // resources
  RESOURCE_CONFLICT: "A shared resource is declared with different params or metadata.",
  RESOURCE_UNKNOWN_REFERENCE: "A resource param refers to a resource that is not declared.",
  RESOURCE_INVALID_PARAM: "A param of a well-known resource type (route, dns) has a value no target accepts.",
  RESOURCE_MISSING_PARAM: "The rule chosen for a resource reads params that the resource does not set.",

  // targets
  TARGET_UNSUPPORTED: "A feature that the target cannot express.",
  TARGET_NAME_COLLISION: "Two generated objects would get the same name.",
  TARGET_INVALID_NAME: "A name is not valid for the target platform.",
  TARGET_SECRET_VARIABLES: "The Compose file reads referenced secrets from these environment variables.",
  TARGET_INVALID_OUTPUT: "A resource output has the wrong shape for the target.",
  TARGET_DUPLICATE_PORT: "Two ports would collide.",
  TARGET_ANNOTATIONS_TOO_LARGE: "An object's annotations exceed the Kubernetes limit of 256 KiB.",
  TARGET_FILE_SOURCE: "A file source cannot be used.",
  TARGET_INVALID_PUBLISH: "A --publish entry is malformed or names an unknown workload, resource or output.",
  TARGET_UNDEFINED_REFERENCE:
    "A generated object refers to a volume, network, config, secret or service that is not defined.",
  TARGET_DEPENDENCY_CYCLE: "Generated services wait for each other in a cycle.",
  TARGET_VALUES_CONFLICT: "Two sources (workloads, resource rules) set the same Helm value differently.",

  // project file (scorec.yaml)
  PROJECT_SCHEMA: "The project file does not match its schema.",
  PROJECT_NO_MATCH: "A workloads glob of the project file matches no file.",
  PROJECT_OUTPUT_CLASH: "Two builds of the project write the same file or folder.",
  PROJECT_UNKNOWN_ENVIRONMENT: "A build names an environment that the rules tables do not declare.",
  PROJECT_UNKNOWN_WORKLOAD: "The images map names a workload that no Score file of the project declares.",

  // the library call itself
  INPUT_NO_SOURCES: "The call names no Score files to compile.",

  // CLI (only the command line emits these; it maps library codes such as INPUT_NO_SOURCES to its usage error)
  CLI_USAGE: "The command line is not valid.",
  CLI_IO: "A file cannot be read or written.",
  CLI_CHECK_DRIFT: "A generated file is missing, out of date or left over from an earlier compile.",
  CLI_PROJECT_NOT_FOUND: "No scorec.yaml in the working folder or any folder above it, and no -p FILE.",
  CLI_OUTPUT_UNSAFE:
    "The output path is not one scorec may write: a symlink, a folder, a socket, or a file it did not generate.",

  INTERNAL_ERROR: "scorec hit a bug; please report it with the input that caused it.",
} as const;

/** A stable, SCREAMING_SNAKE diagnostic code; the stage is its prefix. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
