import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { loadReference } from '../warehouse/load-reference.js';
import { migrate } from '../warehouse/migrations.js';
import { resolveConfig } from '../config.js';
import { formatTotals, readCodeLists, ReferenceDataError } from './index.js';

const { referenceDir } = resolveConfig({}, {});

describe('readCodeLists on the committed lists', () => {
  it('loads every list and its totals equal the official ones or are explained', async () => {
    const { tables, totals } = await readCodeLists(referenceDir);
    const total = (list: string, level: string) => totals.find((t) => t.list === list && t.level === level)!;
    expect([20, 97, 473].map((n, i) => total('industry', ['门类', '大类', '中类'][i]!).loaded)).toEqual([20, 97, 473]);
    expect(total('occupation', '大类').loaded).toBe(8);
    expect(total('occupation', '细类')).toMatchObject({ loaded: 1636, official: 1636 });
    expect(total('major_zhongzhi', '专业')).toMatchObject({ loaded: 358, official: 358 });
    expect(total('major_gaozhi', '专业')).toMatchObject({ loaded: 744, official: 744 });
    expect(total('major_zhiben', '专业')).toMatchObject({ loaded: 247, official: 247 });
    expect(total('region', '县')).toMatchObject({ loaded: 199, official: 199 });
    expect(total('region', '市')).toMatchObject({ loaded: 333, official: 333 });
    // Every difference is explained: the reconciliation rows add up to it.
    const reco = tables.find((t) => t.table === 'ref.code_reconciliation')!.rows;
    for (const t of totals.filter((x) => x.official !== null && x.official !== x.loaded)) {
      const gap = reco.filter((r) => r.list_id === t.list && r.level === t.level).reduce((s, r) => s + Number(r.count_gap), 0);
      expect(gap, `${t.list}/${t.level}`).toBe(t.official! - t.loaded);
      expect(t.note).toMatch(/explained in reconciliation/);
    }
    expect(tables.map((t) => `${t.listId} ${t.table}`)).toEqual([
      'industry ref.industry',
      'occupation ref.occupation',
      'region ref.region',
      'major_zhongzhi ref.major',
      'major_gaozhi ref.major',
      'major_zhiben ref.major',
      'major_benke ref.major',
      'code_list_total ref.code_list_total',
      'code_reconciliation ref.code_reconciliation',
    ]);
    const occupation = tables.find((t) => t.table === 'ref.occupation')!.rows;
    expect(occupation.find((r) => r.code === '4-01-01-00')).toMatchObject({
      level: '小类',
      is_occupation: true,
      occupation_name: '采购员',
    });
    expect(occupation.find((r) => r.code === '2-02-01-02')).toMatchObject({ is_green: true, is_digital: true });
    expect(occupation.every((r) => !/[SL]$/.test(String(r.name)))).toBe(true);
    const industry = tables.find((t) => t.table === 'ref.industry')!.rows;
    expect(industry.find((r) => r.code === '01')).toMatchObject({ parent_code: 'A', section_code: 'A', level: '大类' });
    const major = tables.filter((t) => t.table === 'ref.major').flatMap((t) => t.rows);
    expect(major.find((r) => r.catalog === '本科' && r.code === '020110')).toMatchObject({ is_special: true, is_national_control: true });
    expect(major.find((r) => r.catalog === '高职专科' && r.code === '520101')).toMatchObject({
      is_national_control: true,
      is_special: false,
    });
    expect(formatTotals(totals).split('\n')).toHaveLength(totals.length + 2);
  });

  it('loads into the warehouse through loadReference, and a second load changes nothing', async () => {
    const { tables } = await readCodeLists(referenceDir);
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await migrate(conn);
      const first = await loadReference(conn, tables);
      expect(first.every((r) => r.status === 'loaded')).toBe(true);
      const count = async (sql: string) => Number((await conn.runAndReadAll(sql)).getRowObjects()[0]!.n);
      expect(await count(`SELECT count(*) AS n FROM ref.major`)).toBe(
        tables.filter((t) => t.table === 'ref.major').reduce((s, t) => s + t.rows.length, 0),
      );
      expect(await count(`SELECT count(*) AS n FROM ref.occupation WHERE is_occupation`)).toBe(1636);
      // In the warehouse too, recorded gaps account for every difference from the official totals.
      expect(
        await count(`SELECT count(*) AS n FROM ref.code_list_total t
          LEFT JOIN (SELECT list_id, level, sum(count_gap) AS gap FROM ref.code_reconciliation GROUP BY ALL) g USING (list_id, level)
          WHERE t.official_count IS NOT NULL AND t.official_count - t.loaded_count <> coalesce(g.gap, 0)`),
      ).toBe(0);
      const second = await loadReference(conn, tables);
      expect(second.every((r) => r.status === 'unchanged')).toBe(true);
    } finally {
      conn.closeSync();
    }
  });
});

/** A small, valid reference directory: one industry list, written to a temp folder. */
function tinyReference(): { dir: string; write: (rel: string, text: string) => void; read: (rel: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'talent-ref-'));
  const write = (rel: string, text: string) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  write(
    'code-lists.json',
    JSON.stringify(
      {
        lists: [
          {
            listId: 'industry',
            table: 'ref.industry',
            scheme: 'industry',
            files: ['industry/tiny.csv'],
            edition: 'tiny test edition',
            sources: [{ repo: 'test/test', commit: 'a'.repeat(40), path: 'x.json', licence: 'none stated', copy: 'x.json' }],
            reconciliation: 'reconciliation/industry.csv',
            levels: [
              { level: '门类', official: 1 },
              { level: '大类', official: 1 },
              { level: '中类', official: 1 },
              { level: '小类', official: 2 },
            ],
          },
        ],
      },
      null,
      2,
    ),
  );
  write(
    'industry/tiny.csv',
    [
      'code,name,level,parent_code,section_code',
      'A,农、林、牧、渔业,门类,,A',
      '01,农业,大类,A,A',
      '011,谷物种植,中类,01,A',
      '0111,稻谷种植,小类,011,A',
      '0112,小麦种植,小类,011,A',
      '',
    ].join('\n'),
  );
  write('reconciliation/industry.csv', 'list_id,code,issue,resolution,evidence,level,count_gap\n');
  return { dir, write, read: (rel) => readFileSync(join(dir, rel), 'utf8') };
}

describe('readCodeLists on bad reference data', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const setup = () => {
    const ref = tinyReference();
    dirs.push(ref.dir);
    return ref;
  };
  /** Runs the reader and returns the ReferenceDataError it throws. */
  async function failure(dir: string): Promise<ReferenceDataError> {
    const err = await readCodeLists(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ReferenceDataError);
    return err as ReferenceDataError;
  }

  it('accepts the tiny list as written', async () => {
    const { dir } = setup();
    const { totals } = await readCodeLists(dir);
    expect(totals.map((t) => [t.level, t.loaded, t.official])).toEqual([
      ['门类', 1, 1],
      ['大类', 1, 1],
      ['中类', 1, 1],
      ['小类', 2, 2],
    ]);
  });

  it('fails on a duplicate code, naming file, line and code', async () => {
    const { dir, write, read } = setup();
    write('industry/tiny.csv', `${read('industry/tiny.csv')}0111,稻谷种植,小类,011,A\n`);
    const err = await failure(dir);
    expect(err).toMatchObject({ file: join(dir, 'industry/tiny.csv'), line: 7, code: '0111' });
    expect(err.message).toContain(join(dir, 'industry/tiny.csv'));
    expect(err.message).toContain('line 7');
    expect(err.message).toContain('code 0111');
    expect(err.reason).toMatch(/duplicate code \(first on line 5\)/);
  });

  it('fails on an orphan child (no parent_code)', async () => {
    const { dir, write, read } = setup();
    write('industry/tiny.csv', read('industry/tiny.csv').replace('0112,小麦种植,小类,011,A', '0112,小麦种植,小类,,A'));
    const err = await failure(dir);
    expect(err).toMatchObject({ line: 6, code: '0112' });
    expect(err.message).toMatch(/tiny\.csv, line 6, code 0112: orphan child/);
  });

  it('fails on an unknown parent', async () => {
    const { dir, write, read } = setup();
    write('industry/tiny.csv', `${read('industry/tiny.csv')}0121,豆类种植,小类,012,A\n`);
    const err = await failure(dir);
    expect(err).toMatchObject({ line: 7, code: '0121' });
    expect(err.reason).toMatch(/unknown parent 012/);
  });

  it('fails on a level that contradicts the code', async () => {
    const { dir, write, read } = setup();
    write('industry/tiny.csv', read('industry/tiny.csv').replace('011,谷物种植,中类,01,A', '011,谷物种植,小类,01,A'));
    const err = await failure(dir);
    expect(err).toMatchObject({ line: 4, code: '011' });
    expect(err.reason).toMatch(/wrong level: the code's shape makes it a 中类, the level column says 小类/);
  });

  it('fails on a parent that is not one level up', async () => {
    const { dir, write, read } = setup();
    write('industry/tiny.csv', read('industry/tiny.csv').replace('0112,小麦种植,小类,011,A', '0112,小麦种植,小类,01,A'));
    const err = await failure(dir);
    expect(err).toMatchObject({ line: 6, code: '0112' });
    expect(err.reason).toMatch(/parent 01 does not match the code's structure \(expected 011\)/);
  });

  it('allows a 大典 细类 straight under its 中类 only where the 小类 segment is 00', async () => {
    const { tables } = await readCodeLists(referenceDir);
    const occupation = tables.find((t) => t.table === 'ref.occupation')!.rows;
    expect(occupation.find((r) => r.code === '1-01-00-01')).toMatchObject({ level: '细类', parent_code: '1-01-00-00' });
  });

  it('fails on a malformed manifest, naming the manifest, a line and the list', async () => {
    const { dir, write, read } = setup();
    write('code-lists.json', read('code-lists.json').replace('"official": 2', '"official": -2'));
    const err = await failure(dir);
    expect(err.file).toBe(join(dir, 'code-lists.json'));
    expect(err.code).toBe('industry');
    expect(err.line).toBe(
      read('code-lists.json')
        .split('\n')
        .findIndex((l) => l.includes('-2')) + 1,
    );
    expect(err.message).toMatch(
      /code-lists\.json, line \d+, code industry: manifest does not match its schema at lists\.0\.levels\.3\.official/,
    );

    write('code-lists.json', '{ "lists": [ }');
    const syntax = await failure(dir);
    expect(syntax.line).toBe(1);
    expect(syntax.reason).toMatch(/not valid JSON/);
  });

  it('fails when a total differs from the official one without reconciliation, and accepts it with', async () => {
    const { dir, write, read } = setup();
    write('code-lists.json', read('code-lists.json').replace('"official": 2', '"official": 3'));
    const err = await failure(dir);
    expect(err).toMatchObject({ file: join(dir, 'code-lists.json'), code: 'industry/小类' });
    expect(err.reason).toMatch(/loaded 2 小类 but the edition has 3/);
    write('reconciliation/industry.csv', `${read('reconciliation/industry.csv')}industry,0113,missing code,not loaded,in no copy,小类,1\n`);
    const { totals } = await readCodeLists(dir);
    expect(totals.find((t) => t.level === '小类')).toMatchObject({ loaded: 2, official: 3 });
    expect(totals.find((t) => t.level === '小类')!.note).toMatch(/differs by 1: explained in reconciliation\/industry\.csv/);
  });

  it('fails on a bad reconciliation row, naming its line', async () => {
    const { dir, write, read } = setup();
    write(
      'reconciliation/industry.csv',
      `${read('reconciliation/industry.csv')}industry,0113,missing code,not loaded,in no copy,小类,one\n`,
    );
    const err = await failure(dir);
    expect(err).toMatchObject({ file: join(dir, 'reconciliation/industry.csv'), line: 2, code: '0113' });
  });
});
