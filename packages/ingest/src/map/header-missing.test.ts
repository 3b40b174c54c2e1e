/**
 * A mapped column the header lacks (renamed by whoever exported the file) refuses the file with
 * what to change in the mapping, instead of emptying the field in every row.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '@talent/models';
import { readMapping } from '../sources/mappings.js';
import { HeaderError, planHeader } from './header.js';

const config = resolveConfig({}, {});
const sourceA = readMapping(join(config.sourcesDir, 'demo_source_a.json'));
/** The header of the demo's board A file as exported (GBK). */
const HEADER = new TextDecoder('gbk')
  .decode(readFileSync(join(config.dataDir, 'postings', 'source_a_2024.csv')))
  .split(/\r?\n/)[0]!
  .split(',');

const refusal = (header: string[], mapping = sourceA): string => {
  try {
    planHeader(header, mapping, ['title']);
  } catch (err) {
    expect(err).toBeInstanceOf(HeaderError);
    return (err as Error).message;
  }
  throw new Error('the header was accepted');
};

describe('a mapped column missing from the header', () => {
  it('the demo header as exported maps every field', () => {
    const plan = planHeader(HEADER, sourceA, ['title']);
    expect([...plan.fieldIndex.keys()].sort()).toEqual(Object.keys(sourceA.columns).sort());
    expect(plan.unknown).toEqual([]);
  });

  it('发布日期 renamed 发布时间: refused, naming the field, its aliases and the likely rename', () => {
    const message = refusal(HEADER.map((c) => (c === '发布日期' ? '发布时间' : c)));
    expect(message).toContain('posted_date (aliases 发布日期)');
    expect(message).toContain("发布时间 may be 发布日期: add it to the mapping's aliases of posted_date");
    expect(message).toContain('unknown column(s) 发布时间 instead');
    expect(message).toContain('Nothing of this file was loaded');
  });

  it('职位标签 renamed: refused for skills', () => {
    const message = refusal(HEADER.map((c) => (c === '职位标签' ? '技能标签' : c)));
    expect(message).toContain('skills (aliases 职位标签)');
    expect(message).toContain('技能标签 may be 职位标签');
  });

  it('职位标签 dropped: refused, with no unknown column to suggest', () => {
    const message = refusal(HEADER.filter((c) => c !== '职位标签'));
    expect(message).toContain('skills (aliases 职位标签)');
    expect(message).toContain('no unknown column');
  });

  it('a field listed under optional may be missing', () => {
    const plan = planHeader(
      HEADER.filter((c) => c !== '职位标签'),
      { ...sourceA, optional: ['skills'] },
      ['title'],
    );
    expect(plan.fieldIndex.has('skills')).toBe(false);
  });

  it('the shipped outcome mappings name the columns their demo files lack as optional', () => {
    for (const [source, file] of [
      ['demo_outcomes', 'graduate_outcomes.csv'],
      ['demo_graduate_regions', 'graduate_destinations.csv'],
      ['demo_graduate_industries', 'graduate_industries.csv'],
    ] as const) {
      const mapping = readMapping(join(config.sourcesDir, `${source}.json`));
      const header = readFileSync(join(config.dataDir, 'outcomes', file), 'utf8')
        .replace(/^\ufeff/, '')
        .split(/\r?\n/)[0]!
        .split(',');
      expect(() => planHeader(header, mapping, []), source).not.toThrow();
    }
  });
});

describe('optional in a mapping file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'talent-optional-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('must name fields under columns', () => {
    const file = join(dir, 'demo_source_a.json');
    writeFileSync(
      file,
      JSON.stringify({ ...JSON.parse(readFileSync(join(config.sourcesDir, 'demo_source_a.json'), 'utf8')), optional: ['skill'] }),
    );
    expect(() => readMapping(file)).toThrow(/optional names fields that are not under "columns": skill \(did you mean skills\?\)/);
  });
});
