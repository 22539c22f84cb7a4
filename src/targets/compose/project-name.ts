/** The Compose project name pattern (compose-spec `name`, also enforced by score-compose `init -p`). */
export const PROJECT_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Turns an application id into a Compose project name: lower case, every character outside `[a-z0-9_-]` becomes
 * `-`, leading `-`/`_` are dropped. An id with nothing usable left becomes `default`.
 */
export function composeProjectName(appId: string): string {
  const cleaned = appId
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "-")
    .replace(/^[-_]+/, "");
  return cleaned === "" ? "default" : cleaned;
}
