import { describe, expect, it } from 'vitest';
import { openWarehouse } from '@talent/models';
import { newRunId, RunRecord } from './run-record.js';

describe('run ids', () => {
  it('two runs of one process started within the same second get the next free second, in order', async () => {
    const wh = await openWarehouse(':memory:');
    try {
      const now = new Date('2026-12-04T03:15:02.250Z');
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await RunRecord.start(wh.conn, 'run', now)).runId);
      expect(ids).toEqual([`20261204T031502Z-${process.pid}`, `20261204T031503Z-${process.pid}`, `20261204T031504Z-${process.pid}`]);
      expect(newRunId(now)).toBe(ids[0]);
    } finally {
      wh.close();
    }
  });
});
