import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { config } from '../../test/helpers/coders.js';
import { readMapping } from './mappings.js';

const dir = mkdtempSync(join(tmpdir(), 'mapping-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The demo city-table mapping, as a starting point for one change at a time. */
const yearbook = JSON.parse(readFileSync(join(config.sourcesDir, 'demo_yearbook.json'), 'utf8')) as Record<string, unknown>;

/** Writes the mapping as `<source>.json` and reads it strictly. */
function read(json: Record<string, unknown>): ReturnType<typeof readMapping> {
  const file = join(dir, `${String(json.source)}.json`);
  writeFileSync(file, JSON.stringify(json));
  return readMapping(file);
}

describe('table features of a mapping are checked strictly', () => {
  it('the demo yearbook mappings read', () => {
    const m = read(yearbook);
    expect(m.headerRows).toBe(2);
    expect(m.unpivot).toEqual({ under: ['地区'], name: 'region_text', value: 'employment' });
    expect(m.unmatched).toBe('reject');
  });

  it('an unknown key inside unpivot, preamble, extract or explain is an error naming the nearest key', () => {
    expect(() => read({ ...yearbook, unpivot: { undr: ['地区'], name: 'region_text', value: 'employment' } })).toThrow(
      /unpivot: unknown key "undr" \(did you mean under\?\)/,
    );
    expect(() => read({ ...yearbook, preamble: [{ patern: '（(?<year>\\d{4})年末）' }] })).toThrow(
      /preamble\.0: unknown key "patern" \(did you mean pattern\?\)/,
    );
    expect(() => read({ ...yearbook, extract: [{ when: '修订', pattern: '(?<year>\\d{4})', with: 'x' }] })).toThrow(
      /extract\.0: unknown key "with"/,
    );
    expect(() => read({ ...yearbook, explain: [{ pattern: '^注：', waht: '注释' }] })).toThrow(
      /explain\.0: unknown key "waht" \(did you mean what\?\)/,
    );
  });

  it('fields the features fill must be fields of the kind (or read by a transform)', () => {
    expect(() => read({ ...yearbook, unpivot: { under: ['地区'], name: 'region_txt', value: 'employment' } })).toThrow(
      /unpivot\.name: "region_txt" is not a field of a employment record, and no transform reads it \(did you mean region_text\?\)/,
    );
    expect(() => read({ ...yearbook, preamble: [{ pattern: '（(?<yaer>\\d{4})年末）' }] })).toThrow(
      /preamble\.0 \(group\): "yaer" is not a field.*\(did you mean year\?\)/,
    );
    expect(() => read({ ...yearbook, extract: [{ pattern: '修订为(?<employmnet>\\d+)人' }] })).toThrow(
      /extract\.0 \(group\): "employmnet" is not a field.*\(did you mean employment\?\)/,
    );
    expect(() =>
      read({ ...yearbook, transforms: [{ op: 'map', field: 'region_text', into: 'region_cod', values: { 全区: '450000' } }] }),
    ).toThrow(/transforms \(map into\): "region_cod" is not a field.*\(did you mean region_code\?\)/);
    expect(() => read({ ...yearbook, preamble: [{ pattern: '（\\d{4}年末）' }] })).toThrow(/preamble\.0\.pattern: no named group/);
  });

  it('their regular expressions must compile', () => {
    expect(() => read({ ...yearbook, explain: [{ pattern: '^(注：', what: '注释' }] })).toThrow(
      /explain\.0\.pattern: not a valid regular expression/,
    );
    expect(() => read({ ...yearbook, extract: [{ when: '修订[', pattern: '(?<year>\\d{4})' }] })).toThrow(
      /extract\.0\.when: not a valid regular expression/,
    );
  });

  it('they read tables: not with fastPath, nor from JSON', () => {
    expect(() => read({ ...yearbook, format: 'csv', fastPath: true })).toThrow(/fastPath needs a plain CSV/);
    expect(() => read({ ...yearbook, format: 'json' })).toThrow(/format must be csv or xlsx/);
  });

  it('unmatched "reject" needs a kind whose core model matches names afterwards', () => {
    const posting = JSON.parse(readFileSync(join(config.sourcesDir, 'demo_source_a.json'), 'utf8')) as Record<string, unknown>;
    expect(() => read({ ...posting, unmatched: 'reject' })).toThrow(/unmatched "reject": a job_posting record has no names or codes/);
    expect(() => read({ ...yearbook, unmatched: 'drop' })).toThrow(/unmatched: Invalid option/);
  });
});
