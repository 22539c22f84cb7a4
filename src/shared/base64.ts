// Base64 with the platform's btoa and atob: globals in Node (>= 16) and in browsers alike, where Buffer is Node's
// only and the core must run in a browser bundle. They work on strings of one character per byte, hence the bridges.

/** The base64 (RFC 4648, padded) of some bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  // In chunks: spreading a large array into one call exceeds the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The base64 of a string's UTF-8 bytes. */
export function textToBase64(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text));
}

/** The bytes base64 text stands for (ASCII whitespace, such as line breaks, is skipped); undefined when it is not base64. */
export function base64ToBytes(base64: string): Uint8Array | undefined {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return undefined;
  }
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}
