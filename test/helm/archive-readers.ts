import { gunzipSync, inflateRawSync } from "node:zlib";

/**
 * Returns the content of one regular file inside a gzip-compressed tar archive (an npm tarball), or undefined
 * when the archive has no such entry. Handles ustar prefixes and GNU long names; that is all npm writes.
 */
export function readTarGzEntry(archive: Buffer, entryPath: string): Buffer | undefined {
  const tar = gunzipSync(archive);
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(cString(header, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = cString(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${cString(header, 0, 100)}` : cString(header, 0, 100));
    const dataStart = offset + 512;
    longName = undefined;
    if (type === "L") longName = cString(tar, dataStart, size);
    else if ((type === "0" || type === "\0") && name === entryPath)
      return Buffer.from(tar.subarray(dataStart, dataStart + size));
    offset = dataStart + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

/**
 * Returns the content of one file inside a zip archive (stored or deflated entries; no zip64), or undefined when
 * the archive has no such entry. Reads the central directory, so data descriptors are handled too.
 */
export function readZipEntry(zip: Buffer, entryPath: string): Buffer | undefined {
  const eocd = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error("zip: corrupt central directory");
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString("utf8", offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (name !== entryPath) continue;
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff)
      throw new Error("zip: zip64 entries are not supported");
    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error("zip: corrupt local header");
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    const content = method === 0 ? Buffer.from(data) : method === 8 ? inflateRawSync(data) : undefined;
    if (content === undefined) throw new Error(`zip: compression method ${method} is not supported`);
    if (content.length !== size) throw new Error("zip: size mismatch");
    return content;
  }
  return undefined;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, so it starts within that distance of the end.
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) return i;
  }
  throw new Error("zip: end of central directory not found");
}

function cString(buffer: Buffer, start: number, length: number): string {
  const slice = buffer.subarray(start, start + length);
  const end = slice.indexOf(0);
  return slice.toString("utf8", 0, end === -1 ? slice.length : end);
}
