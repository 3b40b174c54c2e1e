import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '@talent/cli';
import { buildCoders, readCoderReference } from '@talent/ingest';
import { ConfigError, openWarehouse, resolveConfig, type Config } from '@talent/models';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolveConfig({}, {});
const dir = mkdtempSync(join(tmpdir(), 'configuration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the pipeline quietly and returns what a query over the warehouse gives. */
async function runAndQuery(config: Config, sql: string): Promise<Record<string, unknown>[]> {
  await runPipeline(config, { log: () => {} });
  const wh = await openWarehouse(config.warehousePath, { readOnly: true });
  try {
    return (await wh.conn.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    wh.close();
  }
}

/** One demo posting of board C placed in 柳州市柳南区 (GB/T 2260 450204), as the board's API writes it. */
function boardCPosting(district: string): string {
  return JSON.stringify({
    job_id: 'cfg-1',
    title: '焊工',
    company: { name: '柳州欧维姆机械股份有限公司', industry: '通用设备制造业' },
    location: { province: '广西壮族自治区', city: '柳州市', district },
    salary: { min: 5000, max: 8000, period: 'month', months: 12 },
    education: 'junior_college',
    experience_years_min: 1,
    headcount: 2,
    published_at: '2025-03-01T09:00:00+08:00',
  });
}

describe('the configuration', () => {
  it('--datasets X uses X for everything: its code lists load into ref and code the postings', async () => {
    // A datasets root whose GB/T 2260 list renames 柳南区 (450204) to a name no division of the
    // repository's list bears: only a run that codes against X's own lists can place a posting
    // written with the new name in that district (the repository's lists stop at the city).
    const x = join(dir, 'datasets-x');
    for (const f of ['reference', 'dictionaries']) cpSync(join(repo.datasetsDir, f), join(x, f), { recursive: true });
    mkdirSync(join(x, 'sources'));
    cpSync(join(repo.sourcesDir, 'demo_source_c.json'), join(x, 'sources', 'demo_source_c.json'));
    const regions = join(x, 'reference', 'region', 'gbt2260.csv');
    const before = readFileSync(regions, 'utf8');
    expect(before).toContain('450204,柳南区,');
    writeFileSync(regions, before.replace('450204,柳南区,', '450204,龙城区,'));
    mkdirSync(join(x, 'demo', 'postings'), { recursive: true });
    writeFileSync(join(x, 'demo', 'postings', 'source_c_2025.jsonl'), `${boardCPosting('龙城区')}\n`);
    const repositoryCoders = buildCoders(await readCoderReference(repo));
    expect(repositoryCoders.location('广西壮族自治区柳州市龙城区').code).toBe('450200');

    const config = resolveConfig({ datasets: x, warehouse: join(dir, 'x.duckdb') }, {});
    expect([config.referenceDir, config.sourcesDir, config.dictionariesDir, config.dataDir]).toEqual(
      ['reference', 'sources', 'dictionaries', 'demo'].map((f) => join(x, f)),
    );
    const rows = await runAndQuery(
      config,
      `SELECT (SELECT name FROM ref.region WHERE code = '450204') AS ref_name,
        (SELECT list(region_code) FROM core.job_posting) AS coded, (SELECT count(*) FROM meta.loads) AS loads`,
    );
    expect(rows).toEqual([{ ref_name: '龙城区', coded: ['450204'], loads: '1' }]);
  });

  it('--data alone runs an edition folder (as the generator writes one) with the repository reference data', async () => {
    const edition = join(dir, 'edition');
    mkdirSync(join(edition, 'postings'), { recursive: true });
    mkdirSync(join(edition, 'shortage'), { recursive: true });
    writeFileSync(join(edition, 'postings', 'source_c_2025.jsonl'), `${boardCPosting('柳南区')}\n`);
    cpSync(join(repo.dataDir, 'shortage', 'shortage_2025Q4.csv'), join(edition, 'shortage', 'shortage_2025Q4.csv'));

    const config = resolveConfig({ data: edition, warehouse: join(dir, 'edition.duckdb') }, {});
    expect(config.referenceDir).toBe(repo.referenceDir);
    const rows = await runAndQuery(
      config,
      `SELECT source, count(*) AS files, sum(rows_loaded) AS loaded, bool_and(starts_with(file_path, '${edition}')) AS from_edition
       FROM meta.loads GROUP BY source ORDER BY source`,
    );
    expect(rows).toEqual([
      { source: 'demo_shortage', files: '1', loaded: '100', from_edition: true },
      { source: 'demo_source_c', files: '1', loaded: '1', from_edition: true },
    ]);
  });

  it('refuses bad values with the flag, the variable and what was wrong', () => {
    expect(() => resolveConfig({ memoryLimit: 'lots' }, {})).toThrow(ConfigError);
    expect(() => resolveConfig({}, { TALENT_MEMORY_LIMIT: 'lots' })).toThrow(/--memory-limit \(TALENT_MEMORY_LIMIT\): a size such as 1GB/);
    expect(() => resolveConfig({}, { TALENT_TIME_ZONE: 'Mars/Olympus' })).toThrow(/--time-zone \(TALENT_TIME_ZONE\)/);
    expect(() => resolveConfig({ datasets: join(dir, 'nowhere') }, {})).toThrow(/--reference .* does not exist/);
    // Flags win over the environment, the environment over defaults.
    expect(resolveConfig({ memoryLimit: '2GB' }, { TALENT_MEMORY_LIMIT: '512MB' }).memoryLimit).toBe('2GB');
    expect(resolveConfig({}, { TALENT_MEMORY_LIMIT: '512MB' }).memoryLimit).toBe('512MB');
    expect(resolveConfig({}, {}).memoryLimit).toBe('1GB');
  });
});
