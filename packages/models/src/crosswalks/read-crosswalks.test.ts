import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from '../../test/temp-folders.js';
import { parse } from 'csv-parse/sync';
import { resolveConfig } from '../config.js';
import { readCodeLists } from '../taxonomy/read-code-lists.js';
import { openWarehouse } from '../warehouse/open.js';
import { loadReference } from '../warehouse/load-reference.js';
import type { ReferenceTable } from '../warehouse/reference-table.js';
import { CrosswalkValidationError, readCrosswalks as readCrosswalksIn } from './read-crosswalks.js';

type Row = Record<string, string>;
const csv = (file: string): Row[] => parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Row[];

// Inputs read straight from the CSVs, independently of the code under test.
const { referenceDir } = resolveConfig({}, {});
const crosswalksDir = join(referenceDir, 'crosswalks');
const { trees } = await readCodeLists(referenceDir);
/** The shipped crosswalks with the given overrides folder (none by default). */
const readCrosswalks = (overridesDir = join(crosswalksDir, 'overrides')) => readCrosswalksIn(crosswalksDir, overridesDir, trees);

const majors = readdirSync(join(referenceDir, 'major'))
  .filter((f) => f.endsWith('.csv'))
  .flatMap((f) => csv(join(referenceDir, 'major', f)))
  .filter((r) => r.level === '专业');
const occupations = csv(join(referenceDir, 'occupation', 'csco_2022.csv')).filter((r) => r.is_occupation === 'true');
const shippedMajorOcc = csv(join(crosswalksDir, 'major_occupation.csv'));
const shippedOccInd = csv(join(crosswalksDir, 'occupation_industry.csv'));

const overrides = tempFolders('overrides-');

const table = (tables: ReferenceTable[], name: string) => tables.find((t) => t.table === name)!.rows;
const sums = (rows: Row[], key: (r: Row) => string, value: string) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + Number(r[value]));
  return m;
};

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof CrosswalkValidationError) return err.issues.map((i) => ({ ...i, file: basename(i.file) }));
    throw err;
  }
  return [];
}

const MO_HEADER = 'catalog,major_code,occupation_code,weight,method,note\n';
const OI_HEADER = 'occupation_code,industry_code,share,method,note\n';

describe('shipped crosswalks', () => {
  it('give every major at level 专业 of every catalog weights summing to 1', () => {
    const s = sums(shippedMajorOcc, (r) => `${r.catalog}/${r.major_code}`, 'weight');
    const missing = majors.filter((m) => !s.has(`${m.catalog}/${m.code}`)).map((m) => `${m.catalog}/${m.code}`);
    expect(missing).toEqual([]);
    expect(s.size).toBe(majors.length);
    const off = [...s].filter(([, v]) => Math.abs(v - 1) > 1e-6);
    expect(off).toEqual([]);
    console.log(
      `major_occupation: ${shippedMajorOcc.length} rows for ${s.size} majors in ${new Set(majors.map((m) => m.catalog)).size} catalogs`,
    );
  });

  it('split every occupation over industries with shares summing to 1', () => {
    const s = sums(shippedOccInd, (r) => r.occupation_code!, 'share');
    expect(occupations.filter((o) => !s.has(o.code!)).map((o) => o.code)).toEqual([]);
    expect(s.size).toBe(occupations.length);
    expect([...s].filter(([, v]) => Math.abs(v - 1) > 1e-6)).toEqual([]);
  });

  it('keep name-matched and family-scoped industries inside the occupation family scope', () => {
    const scope = new Map(
      csv(join(crosswalksDir, 'inputs', 'occupation_family_scope.csv')).map((r) => [r.occupation_code!, r.industry_codes!.split(' ')]),
    );
    // 6-22 汽车制造人员 is scoped to 36 汽车制造业: every 6-22 row must be a 36xx code.
    const cars = shippedOccInd.filter((r) => r.occupation_code!.startsWith('6-22-'));
    expect(cars.length).toBeGreaterThan(0);
    for (const r of cars) expect(r.industry_code!.startsWith('36'), `${r.occupation_code} → ${r.industry_code}`).toBe(true);
    expect(scope.get('6-22-00-00')).toEqual(['36']);
  });

  it('load into the warehouse with origin "derived" and sums intact', async () => {
    const tables = readCrosswalks();
    const wh = await openWarehouse(':memory:');
    try {
      await loadReference(wh.conn, tables);
      const bad = (
        await wh.conn.runAndReadAll(`
        SELECT catalog, major_code, sum(weight) AS s FROM ref.crosswalk_major_occupation GROUP BY ALL HAVING abs(s - 1) > 1e-6
        UNION ALL
        SELECT 'occupation', occupation_code, sum(share) FROM ref.crosswalk_occupation_industry GROUP BY ALL HAVING abs(sum(share) - 1) > 1e-6`)
      ).getRowObjects();
      expect(bad).toEqual([]);
      const origins = (await wh.conn.runAndReadAll(`SELECT DISTINCT origin FROM ref.crosswalk_major_occupation`)).getRowObjects();
      expect(origins).toEqual([{ origin: 'derived' }]);
      const n = Number((await wh.conn.runAndReadAll(`SELECT count(*) AS n FROM ref.crosswalk_occupation_industry`)).getRowObjects()[0]!.n);
      expect(n).toBe(shippedOccInd.length);
    } finally {
      wh.close();
    }
  });
});

describe('bureau overrides', () => {
  it('replace all rows of the majors and occupations they name, and nothing else', () => {
    const major = majors.find((m) => m.catalog === '高职专科' && m.name === '汽车制造与试验技术')!;
    const dir = overrides({
      'liuzhou_survey.csv': `${MO_HEADER}高职专科,${major.code},6-22-02-01,0.6,survey_2024,柳州 graduate survey\n高职专科,${major.code},4-12-01-01,0.4,survey_2024,\n`,
      'industry.csv': `${OI_HEADER}6-22-02-01,3612,0.7,survey_2024,新能源 plants\n6-22-02-01,3611,0.3,survey_2024,\n`,
    });
    const tables = readCrosswalks(dir);
    const mo = table(tables, 'ref.crosswalk_major_occupation');
    expect(mo.filter((r) => r.catalog === '高职专科' && r.major_code === major.code)).toEqual([
      {
        catalog: '高职专科',
        major_code: major.code,
        occupation_code: '6-22-02-01',
        weight: 0.6,
        method: 'survey_2024',
        note: '柳州 graduate survey',
        origin: 'liuzhou_survey.csv',
      },
      {
        catalog: '高职专科',
        major_code: major.code,
        occupation_code: '4-12-01-01',
        weight: 0.4,
        method: 'survey_2024',
        note: '',
        origin: 'liuzhou_survey.csv',
      },
    ]);
    const before = shippedMajorOcc.filter((r) => !(r.catalog === '高职专科' && r.major_code === major.code)).length;
    expect(mo.length).toBe(before + 2);
    const oi = table(tables, 'ref.crosswalk_occupation_industry');
    expect(oi.filter((r) => r.occupation_code === '6-22-02-01').map((r) => [r.industry_code, r.share, r.origin])).toEqual([
      ['3612', 0.7, 'industry.csv'],
      ['3611', 0.3, 'industry.csv'],
    ]);
    expect(oi.length).toBe(shippedOccInd.filter((r) => r.occupation_code !== '6-22-02-01').length + 2);
  });

  it('are read from the folder TALENT_CROSSWALK_OVERRIDES names, through the configuration', () => {
    const env = { TALENT_CROSSWALK_OVERRIDES: overrides({ 'o.csv': `${OI_HEADER}2-07-04-00,7231,1,bureau,律师 → 律师及相关法律服务\n` }) };
    const oi = table(readCrosswalks(resolveConfig({}, env).crosswalkOverridesDir), 'ref.crosswalk_occupation_industry');
    expect(oi.filter((r) => r.occupation_code === '2-07-04-00')).toEqual([
      {
        occupation_code: '2-07-04-00',
        industry_code: '7231',
        share: 1,
        method: 'bureau',
        note: '律师 → 律师及相关法律服务',
        origin: 'o.csv',
      },
    ]);
  });

  it('refuse weights that do not sum to 1, naming file, line and code', () => {
    const dir = overrides({
      'bad.csv': `${MO_HEADER}中职,${majors.find((m) => m.catalog === '中职')!.code},6-22-02-01,0.5,x,\n中职,${majors.find((m) => m.catalog === '中职')!.code},4-12-01-01,0.4999,x,\n`,
    });
    const code = `中职/${majors.find((m) => m.catalog === '中职')!.code}`;
    expect(issuesOf(() => readCrosswalks(dir))).toEqual([
      { file: 'bad.csv', line: 2, code, message: 'weights sum to 0.999900000, not 1 (± 0.000001)' },
    ]);
  });

  it('accept a sum within 1e-6 of 1', () => {
    const dir = overrides({
      'ok.csv': `${OI_HEADER}6-22-02-01,3612,0.3333333,x,\n6-22-02-01,3611,0.3333333,x,\n6-22-02-01,3670,0.3333334,x,\n`,
    });
    expect(table(readCrosswalks(dir), 'ref.crosswalk_occupation_industry').filter((r) => r.occupation_code === '6-22-02-01')).toHaveLength(
      3,
    );
  });

  it('refuse unknown codes, groupings and catalogs, each with its line', () => {
    const dir = overrides({
      'codes.csv': [
        MO_HEADER.trimEnd(),
        '高职专科,999999,6-22-02-01,1,x,',
        '专科,460701,6-22-02-01,1,x,',
        '本科,080901,6-22-00-00,1,x,',
        '本科,080902,9-99-99-99,1,x,',
      ].join('\n'),
      'industries.csv': `${OI_HEADER}6-22-02-01,3699,1,x,\n`,
    });
    const issues = issuesOf(() => readCrosswalks(dir));
    expect(issues.map((i) => [i.file, i.line, i.code])).toEqual([
      ['codes.csv', 2, '高职专科/999999'],
      ['codes.csv', 3, '专科/460701'],
      ['codes.csv', 4, '本科/080901'],
      ['codes.csv', 5, '本科/080902'],
      ['industries.csv', 2, '6-22-02-01'],
    ]);
    expect(issues[0]!.message).toContain('unknown major 999999');
    expect(issues[1]!.message).toContain('unknown catalog 专科');
    expect(issues[2]!.message).toContain('not an occupation');
    expect(issues[3]!.message).toContain('unknown occupation 9-99-99-99');
    expect(issues[4]!.message).toContain('unknown industry 3699');
  });

  it('refuse a wrong header, a bad weight and a major overridden by two files', () => {
    const dir = overrides({
      'a.csv': `${MO_HEADER}本科,080901,2-02-10-03,1,x,\n`,
      'b.csv': `${MO_HEADER}本科,080901,2-02-10-04,1,x,\n本科,080902,2-02-10-03,1.5,x,\n`,
      'c.csv': 'major,occupation,weight\n080901,2-02-10-03,1\n',
    });
    const issues = issuesOf(() => readCrosswalks(dir));
    expect(issues.map((i) => [i.file, i.line, i.code])).toEqual([
      ['b.csv', 3, '本科/080902'],
      ['b.csv', 2, '本科/080901'],
      ['c.csv', 1, ''],
    ]);
    expect(issues[0]!.message).toContain('weight: must be at most 1');
    expect(issues[1]!.message).toContain('also overridden by a.csv');
    expect(issues[2]!.message).toContain('is neither');
  });
});
