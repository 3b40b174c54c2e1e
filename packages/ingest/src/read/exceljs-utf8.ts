import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJs from 'exceljs';
import type * as Saxes from 'saxes';

const require = createRequire(import.meta.url);

type ExcelJsModule = typeof ExcelJs;

/**
 * exceljs 4.4's streaming reader decodes every zip chunk to text on its own
 * (`lib/utils/parse-sax.js`), so a Chinese character whose UTF-8 bytes straddle two chunks turns
 * into U+FFFD — about one cell in a thousand in a Chinese export. This loads exceljs with that one
 * module replaced by the same SAX loop over a StringDecoder, which carries split bytes over.
 * It must run before anything else in the process requires exceljs; `patched` says whether it did.
 */
function loadPatched(): { excel: ExcelJsModule; patched: boolean } {
  const saxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
  const readerPath = require.resolve('exceljs/lib/stream/xlsx/worksheet-reader.js');
  const alreadyLoaded =
    readerPath in require.cache && !(saxPath in require.cache && (require.cache[saxPath]!.exports as { fixed?: boolean }).fixed);
  if (!alreadyLoaded && !(saxPath in require.cache)) {
    const saxes = require(require.resolve('saxes', { paths: [dirname(saxPath)] })) as typeof Saxes;
    const fixed = async function* parseSax(iterable: AsyncIterable<Buffer | string>) {
      const parser = new saxes.SaxesParser();
      let error: Error | undefined;
      parser.on('error', (err: Error) => {
        error = err;
      });
      let events: { eventType: string; value: unknown }[] = [];
      parser.on('opentag', (value: unknown) => events.push({ eventType: 'opentag', value }));
      parser.on('text', (value: unknown) => events.push({ eventType: 'text', value }));
      parser.on('closetag', (value: unknown) => events.push({ eventType: 'closetag', value }));
      const decoder = new StringDecoder('utf8');
      for await (const chunk of iterable) {
        parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
        if (error) throw error;
        yield events;
        events = [];
      }
      const tail = decoder.end();
      if (tail) parser.write(tail);
      if (error) throw error;
      if (events.length) yield events;
    };
    Object.assign(fixed, { fixed: true });
    const m = new Module(saxPath);
    m.filename = saxPath;
    m.loaded = true;
    m.exports = fixed;
    require.cache[saxPath] = m;
  }
  return { excel: require('exceljs') as ExcelJsModule, patched: !alreadyLoaded };
}

const loaded = loadPatched();

/** exceljs, with the UTF-8 chunk-boundary fix when it could be applied. */
export const ExcelJS: ExcelJsModule = loaded.excel;
/** False when exceljs was loaded before this module (then split characters may show as U+FFFD). */
export const excelUtf8Fixed: boolean = loaded.patched;
