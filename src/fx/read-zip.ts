import { inflateRawSync } from 'node:zlib';

/** A file inside a zip archive. */
export interface ZipEntry {
  name: string;
  content: Buffer;
}

/**
 * The files of a zip archive (the ECB publishes its CSVs as `eurofxref.zip` and
 * `eurofxref-hist.zip`), read through the central directory: stored and deflated entries,
 * sizes from the directory (so data descriptors do not matter). Throws on anything else.
 */
export function readZip(archive: Buffer): ZipEntry[] {
  const END = 0x06054b50;
  let end = -1;
  for (let i = archive.length - 22; i >= Math.max(0, archive.length - 22 - 65_535); i--) {
    if (archive.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (archive.readUInt32LE(offset) !== 0x02014b50)
      throw new Error('zip central directory is damaged');
    const method = archive.readUInt16LE(offset + 10);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const local = archive.readUInt32LE(offset + 42);
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (archive.readUInt32LE(local) !== 0x04034b50) throw new Error(`zip entry ${name} is damaged`);
    const dataStart =
      local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    if (name.endsWith('/')) continue;
    if (method === 0) entries.push({ name, content: Buffer.from(data) });
    else if (method === 8) entries.push({ name, content: inflateRawSync(data) });
    else throw new Error(`zip entry ${name}: compression method ${method} is not supported`);
  }
  return entries;
}
