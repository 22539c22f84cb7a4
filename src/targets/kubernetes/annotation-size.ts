/**
 * The API server rejects an object whose annotations total more than 256 KiB (keys and values, UTF-8 bytes:
 * apimachinery's TotalAnnotationSizeLimitB); scorec stops at compile time instead, at the Score annotations.
 */
export const MAX_ANNOTATION_BYTES = 256 * 1024;

const utf8 = new TextEncoder();

/** Total size of an annotation map as the API server counts it. */
export function annotationBytes(annotations: Readonly<Record<string, string>>): number {
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) total += utf8.encode(k).length + utf8.encode(v).length;
  return total;
}

/** A message when the annotations are over the limit, else undefined. */
export function annotationSizeProblem(annotations: Readonly<Record<string, string>>): string | undefined {
  const bytes = annotationBytes(annotations);
  if (bytes <= MAX_ANNOTATION_BYTES) return undefined;
  return `the pod's annotations total ${bytes} bytes; Kubernetes accepts at most ${MAX_ANNOTATION_BYTES} (256 KiB) per object`;
}
