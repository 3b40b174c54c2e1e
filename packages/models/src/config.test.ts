import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CONFIG_OPTIONS,
  ConfigError,
  configFlag,
  DEFAULT_MAX_REJECT_SHARE,
  resolveConfig,
  type Config,
  type ConfigFlags,
} from './config.js';

describe('configuration: the share of rejected records a load may have', () => {
  it('defaults, then the environment, then the flag', () => {
    expect(resolveConfig({}, {}).maxRejectShare).toBe(DEFAULT_MAX_REJECT_SHARE);
    expect(resolveConfig({}, { TALENT_MAX_REJECT_SHARE: '0.1' }).maxRejectShare).toBe(0.1);
    expect(resolveConfig({ maxRejectShare: '0' }, { TALENT_MAX_REJECT_SHARE: '0.1' }).maxRejectShare).toBe(0);
  });

  it('refuses what is not a share, naming the flag and the variable', () => {
    expect(() => resolveConfig({ maxRejectShare: '50%' }, {})).toThrow(ConfigError);
    expect(() => resolveConfig({ maxRejectShare: '1.5' }, {})).toThrow(
      /--max-reject-share \(TALENT_MAX_REJECT_SHARE\): a number from 0 to 1/,
    );
  });
});

describe('configuration: the vintages the retention rule keeps', () => {
  it('keeps every vintage unless a whole number of at least 1 is given', () => {
    expect(resolveConfig({}, {}).keepVintages).toBeNull();
    expect(resolveConfig({ keepVintages: '7' }, {}).keepVintages).toBe(7);
    for (const bad of ['0', '2.5', 'all', '-3'])
      expect(() => resolveConfig({ keepVintages: bad }, {})).toThrow(
        /--keep-vintages \(TALENT_KEEP_VINTAGES\): a whole number of vintages such as 30/,
      );
  });
});

describe('configuration: the regions whose publications are written', () => {
  it('are derived from the data unless codes are given, which are refused unless six digits each', () => {
    expect(resolveConfig({}, {}).regions).toBeNull();
    expect(resolveConfig({}, { TALENT_REGIONS: '450200' }).regions).toEqual(['450200']);
    for (const bad of ['柳州', '4502', '450200;450000', '450200,'])
      expect(() => resolveConfig({ regions: bad }, {})).toThrow(/--regions \(TALENT_REGIONS\): GB\/T 2260 codes of six digits/);
  });
});

describe('configuration: the published snapshot and its lake', () => {
  it('sit beside the warehouse unless set, and follow it', () => {
    const config = resolveConfig({ warehouse: '/srv/talent/wh.duckdb' }, {});
    expect(config.publishedPath).toBe('/srv/talent/published/talent.duckdb');
    expect(config.exportsDir).toBe('/srv/talent/published/lake');
    const set = resolveConfig({ published: '/data/snap.duckdb' }, { TALENT_EXPORTS: '/data/lake' });
    expect(set.publishedPath).toBe('/data/snap.duckdb');
    expect(set.exportsDir).toBe('/data/lake');
    expect(resolveConfig({}, { TALENT_PUBLISHED: '/p/t.duckdb' }).exportsDir).toBe('/p/lake');
  });

  it('are absent for an in-memory warehouse, which has no file to copy', () => {
    expect(resolveConfig({ warehouse: ':memory:' }, {}).publishedPath).toBeNull();
    expect(resolveConfig({ warehouse: ':memory:', published: '/p/t.duckdb' }, {}).exportsDir).toBeNull();
  });
});

describe('configuration: every option from its flag, else its variable', () => {
  // --datasets, --reference and --sources must name folders that exist (with reference/ and sources/).
  const DATASETS = mkdtempSync(join(tmpdir(), 'config-datasets-'));
  for (const d of ['reference', 'sources']) mkdirSync(join(DATASETS, d));
  afterAll(() => rmSync(DATASETS, { recursive: true, force: true }));
  // A value each option accepts, and the field of the resolved configuration it lands in.
  const SAMPLE: Record<keyof ConfigFlags, [value: string, field: keyof Config, expected?: unknown]> = {
    warehouse: ['/srv/t/wh.duckdb', 'warehousePath'],
    data: ['/srv/t/edition', 'dataDir'],
    datasets: [DATASETS, 'datasetsDir'],
    reference: [join(DATASETS, 'reference'), 'referenceDir'],
    sources: [join(DATASETS, 'sources'), 'sourcesDir'],
    dictionaries: ['/srv/t/dict', 'dictionariesDir'],
    sharedReference: ['/srv/t/shared', 'sharedReferenceDir'],
    crosswalkOverrides: ['/srv/t/overrides', 'crosswalkOverridesDir'],
    projectionOverrides: ['/srv/t/projection-overrides', 'projectionOverridesDir'],
    memoryLimit: ['512MB', 'memoryLimit'],
    out: ['/srv/t/out', 'outDir'],
    chromium: ['/opt/chromium/chrome', 'chromiumPath'],
    regions: ['450200, 450000', 'regions', ['450200', '450000']],
    published: ['/srv/t/snap.duckdb', 'publishedPath'],
    exports: ['/srv/t/lake', 'exportsDir'],
    keepVintages: ['30', 'keepVintages', 30],
    timeZone: ['Asia/Urumqi', 'timeZone'],
    maxRejectShare: ['0.25', 'maxRejectShare', 0.25],
    cron: ['30 3 * * *', 'cron'],
    alertCommand: ['mail -s night ops', 'alertCommand'],
    retries: ['4', 'retries', 4],
    retryDelay: ['60', 'retryDelaySeconds', 60],
  };

  it.each(CONFIG_OPTIONS.map((o) => [configFlag(o), o] as const))('%s', (_flag, option) => {
    const [value, field, expected = value] = SAMPLE[option.key];
    const fromEnv = resolveConfig({}, { [option.env]: value });
    const fromFlag = resolveConfig({ [option.key]: value }, { [option.env]: 'ignored' });
    expect(fromEnv[field]).toEqual(expected);
    expect(fromFlag[field]).toEqual(expected);
    expect(resolveConfig({}, {})[field]).not.toEqual(expected);
  });
});
