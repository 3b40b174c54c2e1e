import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_MAX_REJECT_SHARE, resolveConfig } from './config.js';

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
