import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from '../../test/temp-folders.js';
import { parse } from 'csv-parse/sync';
import { openWarehouse } from '../warehouse/open.js';
import { loadReference } from '../warehouse/load-reference.js';
import { resolveConfig } from '../config.js';
import { readCodeLists } from '../taxonomy/read-code-lists.js';
import { loadFrameworks as loadFrameworksIn, readFrameworks as readFrameworksIn, FrameworkValidationError } from './read-frameworks.js';

const { referenceDir } = resolveConfig({}, {});
const frameworksDir = join(referenceDir, 'frameworks');
const { trees } = await readCodeLists(referenceDir);
const loadFrameworks = (dir = frameworksDir) => loadFrameworksIn(dir, trees);
const readFrameworks = (dir = frameworksDir) => readFrameworksIn(dir, trees);

// The group counts the policy texts announce: 九张创新名片, 5+5, 十大工业产业, 10 集团（联盟）,
// 10 行业产教融合共同体, 10 市域产教联合体 (南宁 and 柳州 name two industries each).
const EXPECTED_GROUPS: Record<string, number> = {
  gx_nine_cards: 9,
  lz_5plus5: 10,
  gz_ten_industries: 10,
  gx_ten_alliances: 10,
  gx_ten_communities: 10,
  gx_city_clusters: 10,
};

// Read independently of the code under test, straight from the CSV.
const industryNames = new Map(
  (
    parse(readFileSync(join(referenceDir, 'industry', 'gbt4754_2017.csv'), 'utf8'), { columns: true }) as { code: string; name: string }[]
  ).map((r) => [r.code, r.name]),
);

const tempFolder = tempFolders('frameworks-');

/** A framework file as JSON, loose enough to be broken on purpose. */
interface FrameworkJson {
  groups: { group_code: string; industry_codes: string[]; city_code?: string; note?: string }[];
  overlaps: { groups: string[]; industry_codes: string[] }[];
}

/** A copy of the shipped frameworks in a temporary folder, with one file edited. */
function editedCopy(file: string, edit: (fw: FrameworkJson) => void): string {
  const dir = tempFolder();
  for (const f of readdirSync(frameworksDir).filter((x) => x.endsWith('.json'))) {
    const json = JSON.parse(readFileSync(join(frameworksDir, f), 'utf8')) as FrameworkJson;
    if (f === file) edit(json);
    writeFileSync(join(dir, f), JSON.stringify(json));
  }
  return dir;
}

const issuesOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof FrameworkValidationError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
};

describe('shipped policy frameworks', () => {
  const { frameworks } = loadFrameworks();

  it('has the six frameworks with the group counts their texts announce', () => {
    expect(Object.fromEntries(frameworks.map((f) => [f.framework, f.groups.length]))).toEqual(EXPECTED_GROUPS);
  });

  it('resolves every group of every framework to existing GB/T 4754 codes', () => {
    const listing: string[] = [];
    for (const fw of frameworks) {
      for (const g of fw.groups) {
        const named = g.industry_codes.map((c) => `${c} ${industryNames.get(c) ?? '??'}`);
        listing.push(`${fw.framework} / ${g.group_code} ${g.group_name}: ${named.join('; ')}`);
        for (const c of g.industry_codes) expect(industryNames.has(c), `${fw.framework}/${g.group_code}: ${c}`).toBe(true);
      }
    }
    console.log(listing.join('\n'));
    expect(listing).toHaveLength(Object.values(EXPECTED_GROUPS).reduce((a, b) => a + b, 0));
  });

  it('quotes every group verbatim from its source text', () => {
    for (const fw of frameworks) {
      const text = readFileSync(join(frameworksDir, 'sources', fw.source.file), 'utf8').replace(/\s+/g, '');
      for (const g of fw.groups) expect(text, `${fw.framework}/${g.group_code}`).toContain(g.quote.replace(/\s+/g, ''));
    }
  });

  it('places each 市域产教联合体 in the Guangxi city its name starts with', () => {
    const regions = parse(readFileSync(join(referenceDir, 'region', 'gbt2260.csv'), 'utf8'), { columns: true }) as {
      code: string;
      name: string;
      parent_code: string;
    }[];
    const clusters = frameworks.find((f) => f.framework === 'gx_city_clusters')!;
    for (const g of clusters.groups) {
      const city = regions.find((r) => r.code === g.city_code);
      expect(city?.parent_code, g.group_code).toBe('450000');
      expect(g.group_name.startsWith(city!.name), `${g.group_name} vs ${city!.name}`).toBe(true);
    }
    expect(new Set(clusters.groups.map((g) => g.city_code)).size).toBe(8);
  });

  it('loads into the warehouse as one row per group and code', async () => {
    const tables = readFrameworks();
    const wh = await openWarehouse(':memory:');
    try {
      await loadReference(wh.conn, tables);
      const counts = (
        await wh.conn.runAndReadAll(`SELECT framework, count(DISTINCT group_code) AS n FROM ref.framework_group GROUP BY framework`)
      )
        .getRowObjects()
        .map((r) => [String(r.framework), Number(r.n)]);
      expect(Object.fromEntries(counts)).toEqual(EXPECTED_GROUPS);
      const rows = Number((await wh.conn.runAndReadAll(`SELECT count(*) AS n FROM ref.framework_group`)).getRowObjects()[0]!.n);
      expect(rows).toBe(frameworks.reduce((n, f) => n + f.groups.reduce((m, g) => m + g.industry_codes.length, 0), 0));
      const nev = (
        await wh.conn.runAndReadAll(
          `SELECT industry_code FROM ref.framework_group WHERE framework = 'gx_ten_alliances' AND group_name = '新能源汽车' ORDER BY 1`,
        )
      )
        .getRowObjects()
        .map((r) => String(r.industry_code));
      expect(nev).toContain('3612');
    } finally {
      wh.close();
    }
  });

  it('comments every table and column it creates', async () => {
    const wh = await openWarehouse(':memory:');
    try {
      const missing = (
        await wh.conn.runAndReadAll(`
        SELECT table_name, column_name FROM duckdb_columns()
        WHERE schema_name = 'ref' AND (table_name LIKE 'framework%' OR table_name LIKE 'crosswalk%') AND comment IS NULL
        UNION ALL
        SELECT table_name, NULL FROM duckdb_tables()
        WHERE schema_name = 'ref' AND (table_name LIKE 'framework%' OR table_name LIKE 'crosswalk%') AND comment IS NULL`)
      ).getRowObjects();
      expect(missing).toEqual([]);
      const tables = (
        await wh.conn.runAndReadAll(
          `SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'ref' AND (table_name LIKE 'framework%' OR table_name LIKE 'crosswalk%')`,
        )
      ).getRowObjects();
      expect(Number(tables[0]!.n)).toBe(5);
    } finally {
      wh.close();
    }
  });
});

describe('framework validation', () => {
  it('fails on an overlap that is not declared', () => {
    const dir = editedCopy('gx_nine_cards.json', (fw) => {
      fw.overlaps = fw.overlaps.filter((o) => !o.groups.includes('big_health') || !o.groups.includes('advanced_manufacturing'));
    });
    expect(issuesOf(() => loadFrameworks(dir))).toEqual([
      'overlaps: undeclared overlap between advanced_manufacturing and big_health: 358',
    ]);
  });

  it('fails on an overlap created by a new code', () => {
    const dir = editedCopy('lz_5plus5.json', (fw) => {
      fw.groups.find((g) => g.group_code === 'steel')!.industry_codes.push('3130');
      fw.groups.find((g) => g.group_code === 'light_industry')!.industry_codes.push('313');
    });
    expect(issuesOf(() => loadFrameworks(dir))).toEqual([
      'groups[1].industry_codes[1]: steel: industry code 3130 already lies inside 31 of the same group',
      'overlaps: undeclared overlap between steel and light_industry: 313',
    ]);
  });

  it('fails on a declaration that no longer matches the codes', () => {
    const dir = editedCopy('gz_ten_industries.json', (fw) => {
      fw.overlaps[0]!.industry_codes = ['3581'];
    });
    expect(issuesOf(() => loadFrameworks(dir))).toEqual([
      'overlaps[0].industry_codes: advanced_equipment / health_medicine share 358, but the declaration lists 3581',
    ]);
  });

  it('fails on unknown codes, wrong counts and non-city divisions, naming each', () => {
    const dir = editedCopy('gx_city_clusters.json', (fw) => {
      fw.groups[0]!.industry_codes.push('6666');
      fw.groups[1]!.city_code = '450102';
      fw.groups.pop();
    });
    const issues = issuesOf(() => loadFrameworks(dir));
    expect(issues).toContain('groups: 9 groups, but the source text announces 10');
    expect(issues.some((i) => i.includes('industry code 6666 is not in'))).toBe(true);
    expect(
      issues.some((i) => i.startsWith('groups[1].city_code: nanning_smart_manufacturing: 450102') && i.includes('not a prefecture city')),
    ).toBe(true);
  });

  it('fails on a schema violation with its path', () => {
    const dir = editedCopy('gx_ten_communities.json', (fw) => {
      delete fw.groups[3]!.note;
      fw.groups[4]!.industry_codes = ['G1'];
    });
    const issues = issuesOf(() => loadFrameworks(dir));
    expect(issues.some((i) => i.startsWith('groups.3.note'))).toBe(true);
    expect(issues.some((i) => i.startsWith('groups.4.industry_codes.0'))).toBe(true);
  });
});
