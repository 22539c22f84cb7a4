import { deflateRawSync, gzipSync } from "node:zlib";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readTarGzEntry, readZipEntry } from "../../helm/archive-readers.js";

function tarHeader(name: string, size: number, type: string, prefix = ""): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, "utf8");
  header.write(size.toString(8).padStart(11, "0") + "\0", 124, "ascii");
  header.write(type, 156, "ascii");
  header.write("ustar\0", 257, "ascii");
  header.write(prefix, 345, "utf8");
  return header;
}

function tarEntry(name: string, content: Buffer, type = "0", prefix = ""): Buffer {
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([tarHeader(name, content.length, type, prefix), content, padding]);
}

function zipArchive(entries: { name: string; content: Buffer; deflate: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, content, deflate } of entries) {
    const data = deflate ? deflateRawSync(content) : content;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(deflate ? 8 : 0, 10);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(content.length, 24);
    record.writeUInt16LE(nameBytes.length, 28);
    record.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(record, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

test("readZipEntry reads stored and deflated entries and misses absent ones", () => {
  const big = Buffer.from("helm ".repeat(10_000));
  const zip = zipArchive([
    { name: "helm/", content: Buffer.alloc(0), deflate: false },
    { name: "helm/helm", content: big, deflate: true },
    { name: "kubectl/kubectl", content: Buffer.from("kubectl"), deflate: false },
  ]);
  assert.ok(readZipEntry(zip, "helm/helm")?.equals(big));
  assert.is(readZipEntry(zip, "kubectl/kubectl")?.toString(), "kubectl");
  assert.is(readZipEntry(zip, "helm/missing"), undefined);
});

test("readZipEntry refuses data that is not a zip archive", () => {
  assert.throws(
    () => readZipEntry(Buffer.from("not a zip archive at all, just text"), "x"),
    /end of central directory/,
  );
});

test("readTarGzEntry finds plain, ustar-prefixed and GNU long-named entries", () => {
  const longName = `package/${"d".repeat(120)}/file.txt`;
  const tar = Buffer.concat([
    tarEntry("package/", Buffer.alloc(0), "5"),
    tarEntry("package/package.json", Buffer.from("{}")),
    tarEntry("layer.zip", Buffer.from("zip bytes"), "0", "package/lib"),
    tarEntry("././@LongLink", Buffer.from(longName + "\0"), "L"),
    tarEntry(longName.slice(0, 100), Buffer.from("long")),
    Buffer.alloc(1024),
  ]);
  const archive = gzipSync(tar);
  assert.is(readTarGzEntry(archive, "package/package.json")?.toString(), "{}");
  assert.is(readTarGzEntry(archive, "package/lib/layer.zip")?.toString(), "zip bytes");
  assert.is(readTarGzEntry(archive, longName)?.toString(), "long");
  assert.is(readTarGzEntry(archive, "package/"), undefined);
  assert.is(readTarGzEntry(archive, "package/missing"), undefined);
});

test.run();
