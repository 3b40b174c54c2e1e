import { StringDecoder } from 'node:string_decoder';

/** One physical line of a text file: its text without the line end, and its number (1-based). */
export interface PhysicalLine {
  text: string;
  no: number;
}

/**
 * Splits decoded text into physical lines: a line feed, CR LF or a lone CR (old Mac files, some
 * exports) ends a line. A final line without a line end still counts; an empty file has none.
 * `count()` (after iteration) is the number of lines read: what a load's line balance starts from.
 */
export class PhysicalLines implements AsyncIterable<PhysicalLine> {
  private n = 0;
  constructor(private readonly source: AsyncIterable<Buffer | string>) {}

  count(): number {
    return this.n;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<PhysicalLine> {
    const utf8 = new StringDecoder('utf8');
    let rest = '';
    const split = function* (this: PhysicalLines, text: string, final: boolean): Generator<PhysicalLine> {
      let start = 0;
      // The next LF and CR at or after `start`, searched again only once passed (a file without
      // CRs must not be scanned to its end for every line).
      let lf = -2;
      let cr = -2;
      for (;;) {
        if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
        if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
        let end: number;
        let next: number;
        if (cr >= 0 && (lf < 0 || cr < lf)) {
          // A CR at the very end may be the first half of CR LF: wait for more text.
          if (cr === text.length - 1 && !final) break;
          end = cr;
          next = text[cr + 1] === '\n' ? cr + 2 : cr + 1;
        } else if (lf >= 0) {
          end = lf;
          next = lf + 1;
        } else break;
        yield { text: text.slice(start, end), no: ++this.n };
        start = next;
      }
      rest = text.slice(start);
      if (final && rest !== '') {
        yield { text: rest, no: ++this.n };
        rest = '';
      }
    }.bind(this);
    for await (const chunk of this.source) {
      const text = rest + (typeof chunk === 'string' ? chunk : utf8.write(chunk));
      yield* split(text, false);
    }
    yield* split(rest + utf8.end(), true);
  }
}
