import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

/** How a file's text was decoded; `mixed` when lines needed different decoders. */
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'latin1-mojibake' | 'mixed' | 'empty';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CJK = /[\u3400-\u9fff]/;
const LATIN1_ONLY = /^[^\u0100-\uffff]*$/;
const HIGH_LATIN1 = /[\u0080-\u00ff]/;

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

/** Decodes one line of bytes: UTF-8 when valid (repairing mojibake), else GB18030 (a superset of GBK). */
export function decodeLine(bytes: Buffer): { text: string; kind: LineKind } {
  if (isUtf8(bytes)) {
    const text = bytes.toString('utf8');
    if (!HIGH_LATIN1.test(text) && !/[\u0080-\uffff]/.test(text)) return { text, kind: 'ascii' };
    const fixed = repairMojibake(text);
    return fixed === null ? { text, kind: 'utf8' } : { text: fixed, kind: 'mojibake' };
  }
  return { text: iconv.decode(bytes, 'gb18030'), kind: 'gb' };
}

/** Tally of line decodings, turned into one label for meta.loads. */
export class EncodingTally {
  bom = false;
  counts: Record<LineKind, number> = { utf8: 0, gb: 0, mojibake: 0, ascii: 0 };
  add(kind: LineKind): void {
    this.counts[kind]++;
  }
  label(): DetectedEncoding {
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
 * both UTF-8 and GBK: neither uses that byte inside a multi-byte character.
 */
export class LineDecoder extends Transform {
  readonly tally = new EncodingTally();
  private rest: Buffer = Buffer.alloc(0);
  private first = true;
  /** `forced` skips detection when the mapping names the encoding. */
  constructor(private readonly forced: 'auto' | 'utf-8' | 'gb18030' = 'auto') {
    super({ readableObjectMode: false });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    if (this.first && buf.length >= 3) {
      this.first = false;
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
    if (this.first && this.rest.subarray(0, 3).equals(BOM)) {
      this.tally.bom = true;
      this.rest = this.rest.subarray(3);
    }
    if (this.rest.length) this.push(this.decodeBlock(this.rest));
    done();
  }
  private decodeBlock(block: Buffer): string {
    if (this.forced === 'gb18030') {
      this.tally.add('gb');
      return iconv.decode(block, 'gb18030');
    }
    // Fast path: a block that is plain valid UTF-8 without Latin-1-only lines needs no per-line work.
    if (this.forced === 'utf-8' || (isUtf8(block) && !HIGH_LATIN1.test(block.toString('utf8')))) {
      this.tally.add(/[\u0080-\uffff]/.test(block.toString('latin1')) ? 'utf8' : 'ascii');
      return block.toString('utf8');
    }
    const parts: string[] = [];
    let start = 0;
    while (start < block.length) {
      let end = block.indexOf(0x0a, start);
      end = end < 0 ? block.length : end + 1;
      const { text, kind } = decodeLine(block.subarray(start, end));
      this.tally.add(kind);
      parts.push(text);
      start = end;
    }
    return parts.join('');
  }
}

/** True when the bytes look like a binary file (NUL bytes or mostly control characters), not text. */
export function looksBinary(sample: Buffer): boolean {
  if (sample.length === 0) return false;
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control / sample.length > 0.05;
}
