import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import iconv from 'iconv-lite';

/** How a text file is encoded on disk. */
export interface TextSinkOptions {
  encoding: 'utf8' | 'gbk';
  /** Write a UTF-8 byte-order mark first (what Excel's "CSV UTF-8" export does). */
  bom?: boolean;
  /** Line ending appended by `line()`. */
  eol?: '\n' | '\r\n';
}

// Small buffers: text held until a flush survives young-generation GC, and long-lived ropes made GC dominate.
const FLUSH_AT = 1 << 16;

/**
 * A buffered, synchronous text file writer. Synchronous writes keep the generator a simple loop
 * whose output order (and so its bytes) depends only on the seed.
 */
export class TextSink {
  private readonly fd: number;
  private buffer = '';
  private readonly eol: string;
  private readonly encoding: 'utf8' | 'gbk';
  lines = 0;

  constructor(path: string, options: TextSinkOptions) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
    this.eol = options.eol ?? '\n';
    this.encoding = options.encoding;
    if (options.bom) writeSync(this.fd, Buffer.from([0xef, 0xbb, 0xbf]));
  }

  /** Appends one line (the line ending is added). */
  line(text: string): void {
    this.buffer += text + this.eol;
    this.lines++;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  /** Appends raw text (no line ending, not counted as a line). */
  raw(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const bytes = this.encoding === 'gbk' ? iconv.encode(this.buffer, 'gbk') : Buffer.from(this.buffer, 'utf8');
    writeSync(this.fd, bytes);
    this.buffer = '';
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
