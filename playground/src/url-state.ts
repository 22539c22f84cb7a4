import { TARGETS, type PlaygroundState } from "./run-compile.js";

// The state lives in the URL fragment as `#v1.` + base64url(deflate-raw(JSON)). The browser's own
// CompressionStream does the compressing (no dependency; Chromium 80, Firefox 113, Safari 16.4), and the format is
// plain raw DEFLATE, so a link can be decoded with any zlib (node:zlib's inflateRawSync) to see what it holds.
const PREFIX = "v1.";

interface Stored {
  s: string;
  r: string;
  e: string;
  t: string;
}

/** The fragment (without `#`) that reproduces a state. */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const json = JSON.stringify({ s: state.score, r: state.rules, e: state.env, t: state.target } satisfies Stored);
  const deflated = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return PREFIX + toBase64Url(deflated);
}

/** The state a fragment holds, or undefined when it holds none (empty, another format, or damaged). */
export async function decodeState(fragment: string): Promise<PlaygroundState | undefined> {
  const body = fragment.replace(/^#/, "");
  if (!body.startsWith(PREFIX)) return undefined;
  try {
    const json = new TextDecoder().decode(
      await pipe(fromBase64Url(body.slice(PREFIX.length)), new DecompressionStream("deflate-raw")),
    );
    const v = JSON.parse(json) as Partial<Stored>;
    if (
      typeof v.s !== "string" ||
      typeof v.r !== "string" ||
      typeof v.e !== "string" ||
      !TARGETS.includes(v.t as never)
    )
      return undefined;
    return { score: v.s, rules: v.r, env: v.e, target: v.t as PlaygroundState["target"] };
  } catch {
    return undefined;
  }
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// btoa/atob work on "binary strings" (one character per byte); base64url swaps the two characters a URL treats
// specially and drops the padding.
function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
