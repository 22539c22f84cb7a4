/**
 * The last line of defence for secrets: every secret value of the app (secret outputs of resources, secret pieces
 * of workload variables and files) is searched for in the final manifests, and found anywhere but in a Secret's
 * `data`/`stringData` it is a RULES_SECRET_LEAK. This also catches patches that copy a secret elsewhere. Values
 * shorter than MIN_SECRET_LENGTH are not searched: they would match ordinary words.
 */
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { toPointer } from "../../shared/json-pointer.js";
import type { ResolvedApp } from "../../model/resolved.js";
import type { Interpolated } from "../../placeholders/types.js";
import { textToBase64 } from "../../shared/base64.js";
import type { DocumentWatch } from "../shared/serialize.js";
import type { Manifest } from "./pod-parts.js";
import { leakKey } from "./resource-manifests.js";

/** Secret values shorter than this are not searched for. */
export const MIN_SECRET_LENGTH = 8;

/** The secret values of an app that are long enough to search for, plus their base64 forms. */
export function secretNeedles(app: ResolvedApp): string[] {
  const values = new Set<string>();
  const addDeep = (v: unknown): void => {
    if (typeof v === "string") values.add(v);
    else if (typeof v === "number") values.add(String(v));
    else if (Array.isArray(v)) v.forEach(addDeep);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(addDeep);
  };
  // A reference (secretRef) is no value: its text is the Compose interpolation that reads it.
  for (const resource of app.resources)
    for (const [key, value] of Object.entries(resource.secrets)) if (!resource.secretRefs?.[key]) addDeep(value);
  const addSegments = (value: Interpolated) => value.segments.forEach((s) => s.secret && !s.ref && values.add(s.text));
  for (const workload of app.workloads) {
    for (const container of Object.values(workload.containers)) {
      Object.values(container.variables).forEach(addSegments);
      for (const file of Object.values(container.files)) if (file.kind === "text") addSegments(file.content);
    }
  }
  const needles = [...values].filter((v) => v.length >= MIN_SECRET_LENGTH);
  return [...new Set([...needles, ...needles.map(textToBase64)])].sort();
}

/**
 * Watches the manifest writer (toYamlEach), which shows it every key and string it writes, and collects the indexes
 * of the manifests where one holds a needle.
 */
export class LeakWatch implements DocumentWatch {
  document = 0;
  readonly suspects = new Set<number>();

  constructor(readonly finder: NeedleFinder) {}

  see(s: string): boolean {
    // The writer shows each distinct string once: the finder's memory would only cost here.
    if (!this.finder.search(s)) return false;
    this.suspects.add(this.document);
    return true;
  }
}

/** A {@link LeakWatch} for some needles; undefined when there is nothing to look for. */
export function leakWatch(needles: readonly string[]): LeakWatch | undefined {
  return needles.length === 0 ? undefined : new LeakWatch(new NeedleFinder(needles));
}

/**
 * Reports every place outside a Secret's data/stringData where a needle occurs (in a key or a string value). With
 * what the writer watched, only the suspect manifests and the Secrets are walked to find the paths.
 */
export function scanForLeaks(
  manifests: readonly Manifest[],
  needles: readonly string[],
  watched?: LeakWatch,
  reported?: ReadonlySet<string>,
): Diagnostic[] {
  if (needles.length === 0) return [];
  const finder = watched?.finder ?? new NeedleFinder(needles);
  const holdsNeedle = (text: string) => finder.holds(text);
  const out: Diagnostic[] = [];
  manifests.forEach((manifest, index) => {
    const isSecret = manifest.kind === "Secret" && manifest.apiVersion === "v1";
    if (watched && !isSecret && !watched.suspects.has(index)) return;
    walkForLeaks(manifest, index, isSecret, holdsNeedle, out, reported);
  });
  return out;
}

function walkForLeaks(
  manifest: Manifest,
  index: number,
  isSecret: boolean,
  holdsNeedle: (text: string) => boolean,
  out: Diagnostic[],
  reported: ReadonlySet<string> | undefined,
): void {
  // One path stack for the whole walk (the manifest's index first), copied only for a report.
  const path: (string | number)[] = [index];
  const report = (): void => {
    const inManifest = path.slice(1);
    if (!reported?.has(leakKey(manifest, inManifest))) out.push(leak(manifest, inManifest));
  };
  const visit = (value: unknown): void => {
    if (isSecret && path.length === 2 && (path[1] === "data" || path[1] === "stringData")) return;
    if (typeof value === "string") {
      if (holdsNeedle(value)) report();
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i]);
        path.pop();
      }
    } else if (value !== null && typeof value === "object") {
      for (const k of Object.keys(value)) {
        path.push(k);
        if (holdsNeedle(k)) report();
        visit((value as Record<string, unknown>)[k]);
        path.pop();
      }
    }
  };
  visit(manifest);
}

/**
 * A test for "does the text contain one of the needles" that costs one hash step per position of the text instead
 * of one search per needle (an app of thousands of workloads has thousands of secrets, and its manifests millions of
 * strings). Needles are indexed by a rolling hash of their first MIN_SECRET_LENGTH characters (every needle is at
 * least that long); a hash hit is confirmed by comparing the text.
 */
export function needleFinder(needles: readonly string[]): (text: string) => boolean {
  const finder = new NeedleFinder(needles);
  return (text) => finder.holds(text);
}

/** The search behind {@link needleFinder}. */
export class NeedleFinder {
  private readonly byHash = new Map<number, string[]>();
  // Which low bits of the hashes occur: most windows are ruled out by one array read instead of a map lookup. Sized
  // to the needles, mostly empty, and small for the few needles of a single workload.
  private readonly seen: Uint8Array;
  private readonly mask: number;
  // Manifests repeat most strings (keys, labels, images); each distinct one is searched once.
  private readonly known = new Map<string, boolean>();

  constructor(private readonly needles: readonly string[]) {
    let size = 256;
    while (size < needles.length * 32 && size < MAX_FILTER_SIZE) size *= 2;
    this.seen = new Uint8Array(size);
    this.mask = size - 1;
    for (const n of needles) {
      if (n.length < MIN_SECRET_LENGTH) throw new Error(`secret needle shorter than ${MIN_SECRET_LENGTH} characters`);
      const h = windowHash(n, 0);
      this.seen[h & this.mask] = 1;
      const list = this.byHash.get(h);
      if (list) list.push(n);
      else this.byHash.set(h, [n]);
    }
  }

  /** Whether the text contains one of the needles. */
  holds(text: string): boolean {
    if (text.length < MIN_SECRET_LENGTH) return false;
    let found = this.known.get(text);
    if (found === undefined) {
      found = this.search(text);
      this.known.set(text, found);
    }
    return found;
  }

  /** {@link holds} without remembering the answer. */
  search(text: string): boolean {
    if (text.length < MIN_SECRET_LENGTH) return false;
    // A few needles (one workload's): the engine's own substring search beats a hash step per character.
    if (this.needles.length <= FEW_NEEDLES) {
      for (let i = 0; i < this.needles.length; i++) if (text.includes(this.needles[i]!)) return true;
      return false;
    }
    let h = windowHash(text, 0);
    for (let i = 0; ; i++) {
      if (this.seen[h & this.mask] === 1) {
        const candidates = this.byHash.get(h);
        if (candidates !== undefined && candidates.some((n) => text.startsWith(n, i))) return true;
      }
      if (i + MIN_SECRET_LENGTH >= text.length) return false;
      // Slide the window one character: drop text[i], add text[i + MIN_SECRET_LENGTH].
      h = (Math.imul(h - Math.imul(text.charCodeAt(i), TOP_POWER), BASE) + text.charCodeAt(i + MIN_SECRET_LENGTH)) | 0;
    }
  }
}

const BASE = 0x01000193;
const MAX_FILTER_SIZE = 1 << 16;
const FEW_NEEDLES = 8;
// BASE^(MIN_SECRET_LENGTH - 1) in 32-bit arithmetic: the weight of a window's first character.
const TOP_POWER = Array.from({ length: MIN_SECRET_LENGTH - 1 }).reduce<number>((p) => Math.imul(p, BASE), 1);

function windowHash(text: string, from: number): number {
  let h = 0;
  for (let i = from; i < from + MIN_SECRET_LENGTH; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}

function leak(manifest: Manifest, path: (string | number)[]): Diagnostic {
  const name = String((manifest.metadata as Manifest | undefined)?.name);
  return error(
    "RULES_SECRET_LEAK",
    `a secret value appears in plain text in ${String(manifest.kind)} '${name}' at ${toPointer(path)}`,
    undefined,
    "secrets may only appear in a Secret's data or stringData; check the rules and patches that write this field",
  );
}
