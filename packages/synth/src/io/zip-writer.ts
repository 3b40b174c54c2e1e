import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';

interface Entry {
  name: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

// 1980-01-01 00:00 in DOS format: a fixed timestamp keeps archives byte-identical between runs.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
// Level 1: the province edition writes ~150 MB of sheet XML and speed matters more than size here.
const CHUNK_FLUSH = { level: 1, finishFlush: constants.Z_SYNC_FLUSH };

/**
 * A minimal deterministic ZIP writer (deflate, no zip64) that streams large entries: each chunk is
 * deflated on its own and sync-flushed, which yields one valid deflate stream when concatenated; the
 * local header is patched in place once sizes and CRC are known.
 */
export class ZipWriter {
  private readonly fd: number;
  private position = 0;
  private readonly entries: Entry[] = [];
  private open: (Entry & { headerAt: number }) | null = null;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
  }

  private write(buf: Buffer): void {
    writeSync(this.fd, buf, 0, buf.length, this.position);
    this.position += buf.length;
  }

  private localHeader(e: Entry): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6); // UTF-8 names
    h.writeUInt16LE(8, 8);
    h.writeUInt16LE(DOS_TIME, 10);
    h.writeUInt16LE(DOS_DATE, 12);
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.compressedSize, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(e.name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, e.name]);
  }

  /** Starts a streamed entry; feed it with `writeChunk` and finish with `endEntry`. */
  beginEntry(name: string): void {
    if (this.open) throw new Error('previous zip entry still open');
    const entry = { name: Buffer.from(name, 'utf8'), crc: 0, compressedSize: 0, size: 0, offset: this.position, headerAt: this.position };
    this.write(this.localHeader(entry));
    this.open = entry;
  }

  writeChunk(data: Buffer): void {
    const e = this.open;
    if (!e) throw new Error('no zip entry open');
    if (data.length === 0) return;
    e.crc = crc32(data, e.crc);
    e.size += data.length;
    const z = deflateRawSync(data, CHUNK_FLUSH);
    e.compressedSize += z.length;
    this.write(z);
  }

  endEntry(): void {
    const e = this.open;
    if (!e) throw new Error('no zip entry open');
    const tail = deflateRawSync(Buffer.alloc(0));
    e.compressedSize += tail.length;
    this.write(tail);
    const header = this.localHeader(e);
    writeSync(this.fd, header, 0, header.length, e.headerAt);
    this.entries.push({ name: e.name, crc: e.crc, compressedSize: e.compressedSize, size: e.size, offset: e.offset });
    this.open = null;
  }

  /** Adds a whole small entry. */
  addEntry(name: string, data: string | Buffer): void {
    this.beginEntry(name);
    this.writeChunk(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    this.endEntry();
  }

  close(): void {
    if (this.open) throw new Error('zip entry still open at close');
    const start = this.position;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0800, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(DOS_TIME, 12);
      h.writeUInt16LE(DOS_DATE, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressedSize, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      this.write(Buffer.concat([h, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.position - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
    closeSync(this.fd);
  }
}
