import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { UnreadableFileError } from './source-row.js';

/** Limits applied before an XLSX (a zip) is handed to the parser. */
export interface ZipLimits {
  /** Largest file accepted, bytes. */
  maxFileBytes: number;
  /** Largest total uncompressed size of all entries, bytes. */
  maxUncompressedBytes: number;
  /** Largest compression ratio of one entry (zip bombs compress thousands to one). */
  maxRatio: number;
  /** Entries smaller than this are not ratio-checked (tiny XML parts compress very well). */
  ratioMinBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxUncompressedBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioMinBytes: 1024 * 1024,
  maxEntries: 10_000,
};

/**
 * Checks a zip before the parser sees it. The central directory is read first (a truncated
 * download loses it, so this is also the clean check for "file cut short", and declared sizes
 * already over the limits are refused without inflating anything). Then every entry is inflated
 * as a stream, counting the bytes it actually yields, and the check stops as soon as an entry's
 * real ratio or the running total passes a limit: the sizes an archive declares can lie.
 */
export async function checkZip(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<void> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size > limits.maxFileBytes) throw new UnreadableFileError(`XLSX file is ${size} bytes, above the limit of ${limits.maxFileBytes}`);
    if (size < 22) throw new UnreadableFileError('XLSX file is truncated or not a zip archive (too short)');
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    if (head.readUInt32LE(0) !== 0x04034b50) throw new UnreadableFileError('not an XLSX file (no zip signature at the start)');
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new UnreadableFileError('XLSX file is truncated (zip end-of-directory record missing)');
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (entries > limits.maxEntries)
      throw new UnreadableFileError(`XLSX has ${entries} zip entries, above the limit of ${limits.maxEntries}`);
    if (cdOffset + cdSize > size) throw new UnreadableFileError('XLSX file is truncated (zip directory points past the end of the file)');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    let pos = 0;
    let total = 0;
    const entryList: ZipEntry[] = [];
    for (let n = 0; n < entries; n++) {
      if (pos + 46 > cd.length || cd.readUInt32LE(pos) !== 0x02014b50) throw new UnreadableFileError('XLSX zip directory is corrupt');
      const compressed = cd.readUInt32LE(pos + 20);
      const uncompressed = cd.readUInt32LE(pos + 24);
      const method = cd.readUInt16LE(pos + 10);
      const localOffset = cd.readUInt32LE(pos + 42);
      const name = cd.toString('utf8', pos + 46, pos + 46 + cd.readUInt16LE(pos + 28));
      entryList.push({ name, method, compressed, uncompressed, localOffset });
      if (localOffset + compressed > size) throw new UnreadableFileError('XLSX file is truncated (an entry lies past the end of the file)');
      total += uncompressed;
      if (uncompressed > limits.ratioMinBytes && uncompressed / Math.max(compressed, 1) > limits.maxRatio)
        throw new UnreadableFileError(
          `XLSX entry expands ${Math.round(uncompressed / Math.max(compressed, 1))}-fold: refused as a possible zip bomb`,
        );
      pos += 46 + cd.readUInt16LE(pos + 28) + cd.readUInt16LE(pos + 30) + cd.readUInt16LE(pos + 32);
    }
    if (total > limits.maxUncompressedBytes)
      throw new UnreadableFileError(`XLSX expands to ${total} bytes, above the limit of ${limits.maxUncompressedBytes}`);
    let actual = 0;
    for (const e of entryList) {
      const head = Buffer.alloc(30);
      await fh.read(head, 0, 30, e.localOffset);
      if (head.readUInt32LE(0) !== 0x04034b50) throw new UnreadableFileError(`XLSX zip entry ${e.name} is corrupt (no local header)`);
      const start = e.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
      actual += await measureEntry(path, e, start, size, limits, actual);
    }
  } finally {
    await fh.close();
  }
}

interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

/** Inflates one entry as a stream and returns its real size; throws as soon as a limit is passed. */
async function measureEntry(
  path: string,
  e: ZipEntry,
  start: number,
  fileSize: number,
  limits: ZipLimits,
  before: number,
): Promise<number> {
  if (e.compressed === 0) return 0;
  const src = createReadStream(path, { start, end: Math.min(fileSize, start + e.compressed) - 1 });
  if (e.method === 0) return e.compressed;
  if (e.method !== 8) throw new UnreadableFileError(`XLSX zip entry ${e.name} uses compression method ${e.method}, which XLSX never does`);
  const inflate = createInflateRaw();
  let out = 0;
  try {
    for await (const chunk of src.pipe(inflate)) {
      out += (chunk as Buffer).length;
      if (out > limits.ratioMinBytes && out / e.compressed > limits.maxRatio)
        throw new UnreadableFileError(
          `XLSX entry ${e.name} expands more than ${limits.maxRatio}-fold (${out} bytes from ${e.compressed} and still going; it declares ${e.uncompressed}): refused as a zip bomb`,
        );
      if (before + out > limits.maxUncompressedBytes)
        throw new UnreadableFileError(`XLSX expands to more than ${limits.maxUncompressedBytes} bytes (the limit): refused`);
    }
  } catch (err) {
    if (err instanceof UnreadableFileError) throw err;
    throw new UnreadableFileError(`XLSX zip entry ${e.name} is corrupt (${(err as Error).message})`);
  } finally {
    src.destroy();
    inflate.destroy();
  }
  if (out !== e.uncompressed && e.uncompressed !== 0xffffffff)
    throw new UnreadableFileError(
      `XLSX zip entry ${e.name} declares ${e.uncompressed} bytes but holds ${out}: the archive's sizes are false, refused`,
    );
  return out;
}
