import { describe, expect, it } from 'vitest';
import { formatNumber } from './format-number.js';
import { chineseNumeral, numberPublication } from './numbering.js';
import type { Publication } from './types.js';
import { validatePublication } from './validate.js';
import { unitLabel } from '../render/chart-block.js';

const pub = (): Publication => ({
  id: 'p',
  title: '2025年柳州市技能人才供需信息',
  subtitle: { region: { code: '450200', name: '柳州市' }, year: 2025, issuer: '柳州市人力资源和社会保障局', issued: '2026-01-15' },
  runId: 'r1',
  sections: [
    {
      id: 'a',
      title: '总体情况',
      blocks: [
        {
          kind: 'table',
          id: 't1',
          caption: '供求总体',
          columns: [
            { key: 'k', header: '项目', format: { kind: 'text' } },
            { key: 'n', header: '需求人数', unit: '人', format: { kind: 'integer' } },
          ],
          rows: [{ key: 'r', cells: { k: '本期', n: 10 } }],
          source: { model: 'marts.fct_supply_demand', runId: 'r1' },
        },
        {
          kind: 'chart',
          id: 'c1',
          caption: '需求',
          table: 't1',
          spec: { type: 'bars', category: 'k', values: ['n'], orientation: 'horizontal' },
        },
      ],
      sections: [{ id: 'b', title: '分市', blocks: [] }],
    },
    { id: 'c', title: '缺口排行', blocks: [] },
  ],
});

describe('numbering', () => {
  it('numbers sections 一、/（一） and tables and charts in document order', () => {
    expect([1, 9, 10, 11, 20, 21, 99].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '二十', '二十一', '九十九']);
    const n = numberPublication(pub());
    expect(n.sections.map((s) => `${s.number}${s.section.title}`)).toEqual(['一、总体情况', '（一）分市', '二、缺口排行']);
    expect(n.tables.get('t1')).toBe('表1');
    expect(n.charts.get('c1')).toBe('图1');
  });
});

describe('number formats', () => {
  it('rounds half away from zero and prints signs on changes only', () => {
    expect(formatNumber(2.345, { kind: 'decimal', digits: 2 })).toBe('2.35');
    expect(formatNumber(-2.345, { kind: 'decimal', digits: 2 })).toBe('-2.35');
    expect(formatNumber(1234567, { kind: 'integer', grouping: true })).toBe('1,234,567');
    expect(formatNumber(1234567, { kind: 'integer' })).toBe('1234567');
    expect(formatNumber(0.26, { kind: 'pp', digits: 1 })).toBe('+0.3');
    expect(formatNumber(-0.04, { kind: 'pp', digits: 1 })).toBe('0.0');
    expect(formatNumber(63.655, { kind: 'percent', digits: 2 })).toBe('63.66');
  });
});

describe('validation', () => {
  it('accepts a sound document', () => {
    expect(validatePublication(pub())).toEqual([]);
  });

  it('finds a chart without its table, a table without its run, a withheld cell holding its value, an English header', () => {
    const p = pub();
    const section = p.sections[0]!;
    const [table, chart] = section.blocks as [
      Extract<(typeof section.blocks)[number], { kind: 'table' }>,
      Extract<(typeof section.blocks)[number], { kind: 'chart' }>,
    ];
    const broken: Publication = {
      ...p,
      sections: [
        {
          ...section,
          blocks: [
            {
              ...table,
              source: { model: 'fct_supply_demand', runId: 'r0' },
              columns: [table.columns[0]!, { ...table.columns[1]!, header: 'demand' }],
              rows: [{ key: 'r', cells: { k: '本期', n: { value: 3, withheld: 'small-count' } } }],
            },
            { ...chart, table: 'missing' },
          ],
        },
      ],
    };
    const messages = validatePublication(broken).map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('is not schema.table'),
        expect.stringContaining('differs from the publication'),
        expect.stringContaining('not Chinese'),
        expect.stringContaining('withheld but still holds its value'),
        expect.stringContaining('table missing is not in the chart'),
      ]),
    );
  });

  it('labels a bar chart’s value axis with the unit of its column, else of its table (the unit alone for several series), and rejects a count without one', () => {
    const p = pub();
    const table = p.sections[0]!.blocks[0] as Extract<Publication['sections'][number]['blocks'][number], { kind: 'table' }>;
    expect(unitLabel([table.columns[1]!], table)).toBe('需求人数（人）');
    const bare = { ...table.columns[1]!, unit: undefined };
    expect(unitLabel([bare], { ...table, unit: '人' })).toBe('需求人数（人）');
    // Two series (demand and supply): the legend names them, the axis gives the unit.
    expect(unitLabel([table.columns[1]!, { ...table.columns[1]!, key: 'supply', header: '人才供给' }], table)).toBe('单位：人');
    const withoutUnit: Publication = {
      ...p,
      sections: [{ ...p.sections[0]!, blocks: [{ ...table, columns: [table.columns[0]!, bare] }, p.sections[0]!.blocks[1]!] }],
    };
    expect(validatePublication(withoutUnit).map((i) => i.message)).toEqual(['value column n has no unit for the axis label']);
  });
});
