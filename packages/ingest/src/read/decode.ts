import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

/** How a file's text was decoded; `mixed` when lines needed different decoders. */
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'latin1-mojibake' | 'mixed' | 'empty' | 'utf-16le' | 'utf-16be';

/** Encodings a mapping may name (`auto` detects). */
export type TextEncoding = 'auto' | 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CJK = /[\u3400-\u9fff]/;
const LATIN1_ONLY = /^[^\u0100-\uffff]*$/;
const HIGH_LATIN1 = /[\u0080-\u00ff]/;

/** The UTF-16 byte order a file's first bytes announce, if any. */
export function utf16Bom(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Undoes GBK text that was decoded as Latin-1 and saved as UTF-8 (`ÉÏº£` → `上海`). Only accepted
 * when the result is clean Chinese, so genuine Latin-1 text (café) is left alone.
 */
export function repairMojibake(text: string): string | null {
  if (!HIGH_LATIN1.test(text) || !LATIN1_ONLY.test(text)) return null;
  const fixed = iconv.decode(Buffer.from(text, 'latin1'), 'gb18030');
  if (fixed.includes('\ufffd') || !CJK.test(fixed)) return null;
  return fixed;
}

type LineKind = 'utf8' | 'gb' | 'mojibake' | 'ascii';

/** A BOM at the start of a later line means two files were concatenated: it is not text. */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decodes one line of bytes: UTF-8 when valid (repairing mojibake), else GB18030 (a superset of GBK). */
export function decodeLine(bytes: Buffer): { text: string; kind: LineKind } {
  if (isUtf8(bytes)) {
    const text = stripBom(bytes.toString('utf8'));
    if (!HIGH_LATIN1.test(text) && !/[\u0080-\uffff]/.test(text)) return { text, kind: 'ascii' };
    const fixed = repairMojibake(text);
    return fixed === null ? { text, kind: 'utf8' } : { text: fixed, kind: 'mojibake' };
  }
  return { text: iconv.decode(bytes, 'gb18030'), kind: 'gb' };
}

/** Tally of line decodings, turned into one label for meta.loads. */
export class EncodingTally {
  bom = false;
  /** Set when the file is UTF-16 (announced by its BOM or named by the mapping). */
  utf16: 'utf-16le' | 'utf-16be' | null = null;
  /** Lines after the first that started with a UTF-8 BOM (files concatenated). */
  midBoms = 0;
  counts: Record<LineKind, number> = { utf8: 0, gb: 0, mojibake: 0, ascii: 0 };

  add(kind: LineKind): void {
    this.counts[kind]++;
  }

  label(): DetectedEncoding {
    if (this.utf16) return this.utf16;
    const used = (['utf8', 'gb', 'mojibake'] as const).filter((k) => this.counts[k] > 0);
    if (used.length > 1) return 'mixed';
    if (used[0] === 'gb') return 'gb18030';
    if (used[0] === 'mojibake') return 'latin1-mojibake';
    if (used.length === 0 && this.counts.ascii === 0) return this.bom ? 'utf-8-bom' : 'empty';
    return this.bom ? 'utf-8-bom' : 'utf-8';
  }
}

/**
 * A Transform from raw bytes to UTF-8 text, deciding the encoding line by line so that files that
 * mix encodings (a GBK block pasted into a UTF-8 file) still decode. Splitting on 0x0A is safe for
 * both UTF-8 and GBK: neither uses that byte inside a multi-byte character. UTF-16 (announced by
 * its BOM, or named by the mapping) is decoded as a stream instead: its line feed is two bytes.
 */
export class LineDecoder extends Transform {
  readonly tally = new EncodingTally();
  private rest: Buffer = Buffer.alloc(0);
  private first = true;
  private utf16: ReturnType<typeof iconv.getDecoder> | null = null;

  /** `forced` skips detection when the mapping names the encoding. */
  constructor(private readonly forced: TextEncoding = 'auto') {
    super({ readableObjectMode: false });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.utf16) {
      this.push(Buffer.from(this.utf16.write(chunk), 'utf8'));
      return done();
    }
    let buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    if (this.first && buf.length >= 3) {
      this.first = false;
      if (this.startUtf16(buf)) return done();
      if (buf.subarray(0, 3).equals(BOM)) {
        this.tally.bom = true;
        buf = buf.subarray(3);
      }
    }
    const last = buf.lastIndexOf(0x0a);
    if (last < 0) {
      this.rest = buf;
      return done();
    }
    this.rest = Buffer.from(buf.subarray(last + 1));
    this.push(this.decodeBlock(buf.subarray(0, last + 1)));
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.utf16) {
      const tail = this.utf16.end();
      if (tail) this.push(Buffer.from(tail, 'utf8'));
      return done();
    }
    if (this.first && this.startUtf16(this.rest)) {
      const tail = this.utf16!.end();
      if (tail) this.push(Buffer.from(tail, 'utf8'));
      return done();
    }
    if (this.first && this.rest.subarray(0, 3).equals(BOM)) {
      this.tally.bom = true;
      this.rest = this.rest.subarray(3);
    }
    if (this.rest.length) this.push(this.decodeBlock(this.rest));
    done();
  }

  /** Switches to UTF-16 when the mapping says so or the first bytes are its BOM; true when it did. */
  private startUtf16(head: Buffer): boolean {
    const wide = this.forced === 'utf-16le' || this.forced === 'utf-16be' ? this.forced : this.forced === 'auto' ? utf16Bom(head) : null;
    if (!wide) return false;
    this.tally.utf16 = wide;
    // iconv's UTF-16 decoders drop a leading BOM themselves.
    this.utf16 = iconv.getDecoder(wide);
    this.rest = Buffer.alloc(0);
    const text = this.utf16.write(head);
    if (text) this.push(Buffer.from(text, 'utf8'));
    return true;
  }

  private decodeBlock(block: Buffer): Buffer | string {
    if (this.forced === 'gb18030') {
      this.tally.add('gb');
      return iconv.decode(block, 'gb18030');
    }
    // Fast path: a block that is plain valid UTF-8 without Latin-1-only lines (nor a BOM left by
    // concatenated files) needs no per-line work.
    if ((this.forced === 'utf-8' || (isUtf8(block) && !HIGH_LATIN1.test(block.toString('utf8')))) && block.indexOf(BOM) < 0) {
      this.tally.add(/[\u0080-\uffff]/.test(block.toString('latin1')) ? 'utf8' : 'ascii');
      return block.toString('utf8');
    }
    const parts: string[] = [];
    let start = 0;
    while (start < block.length) {
      let end = block.indexOf(0x0a, start);
      end = end < 0 ? block.length : end + 1;
      const line = block.subarray(start, end);
      if (line.subarray(0, 3).equals(BOM)) this.tally.midBoms++;
      const { text, kind } = this.forced === 'utf-8' ? { text: stripBom(line.toString('utf8')), kind: 'utf8' as const } : decodeLine(line);
      this.tally.add(kind);
      parts.push(text);
      start = end;
    }
    return parts.join('');
  }
}

/** Decodes the first bytes of a file (a sniffing sample) as the readers would. */
export function decodeSample(sample: Buffer, forced: TextEncoding = 'auto'): string {
  const wide = forced === 'utf-16le' || forced === 'utf-16be' ? forced : forced === 'auto' ? utf16Bom(sample) : null;
  if (wide) return iconv.decode(sample, wide);
  const body = sample.subarray(0, 3).equals(BOM) ? sample.subarray(3) : sample;
  if (forced === 'gb18030') return iconv.decode(body, 'gb18030');
  const parts: string[] = [];
  for (let start = 0; start < body.length;) {
    let end = body.indexOf(0x0a, start);
    end = end < 0 ? body.length : end + 1;
    parts.push(decodeLine(body.subarray(start, end)).text);
    start = end;
  }
  return parts.join('');
}

/**
 * Why the bytes are not a text file, or null when they are text. More than one byte in a hundred
 * being NUL, or one in twenty a control character, means binary (a stray NUL or two in a text file
 * only rejects the rows holding them); NUL on every other byte without a BOM is UTF-16 without one.
 */
export function binaryReason(sample: Buffer): string | null {
  if (sample.length === 0 || utf16Bom(sample)) return null;
  let control = 0;
  let nul = 0;
  let nulOdd = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b === 0) {
      nul++;
      if (i % 2 === 1) nulOdd++;
    } else if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (nul > sample.length / 20 && (nulOdd > nul * 0.9 || nulOdd < nul * 0.1))
    return 'file is UTF-16 text without a byte-order mark: save it again as UTF-8, or as UTF-16 with a BOM (Excel: Unicode Text)';
  if (nul > sample.length / 100 || control / sample.length > 0.05) return 'file is binary, not text (NUL or control bytes)';
  return null;
}

/** True when the bytes look like a binary file, not text (see {@link binaryReason}). */
export function looksBinary(sample: Buffer): boolean {
  return binaryReason(sample) !== null;
}
