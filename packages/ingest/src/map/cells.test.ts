import { describe, expect, it } from 'vitest';
import { clip, unwrapPythonList } from './cells.js';

describe('cells', () => {
  it('unwraps the list literals of the 51job 2019 sample', () => {
    expect(unwrapPythonList("['1-1.5万/月']")).toBe('1-1.5万/月');
    expect(unwrapPythonList('[]')).toBe('');
    expect(unwrapPythonList("['民营公司| 500-1000人| 教育/培训/院校 计算机软件']")).toBe('民营公司| 500-1000人| 教育/培训/院校 计算机软件');
    expect(unwrapPythonList("['五险一金', '年终奖']")).toBe('五险一金,年终奖');
    expect(unwrapPythonList("['it\\'s']")).toBe("it's");
  });
  it('keeps text that only looks like a list', () => {
    expect(unwrapPythonList('[急聘] 焊工')).toBe('[急聘] 焊工');
    expect(unwrapPythonList('[a, b]')).toBe('[a, b]');
  });
  it('clips monster values for the rejects table', () => {
    expect(clip('x'.repeat(5000))!.length).toBeLessThan(1100);
    expect(clip(null)).toBeNull();
  });
});
