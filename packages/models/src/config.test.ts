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
