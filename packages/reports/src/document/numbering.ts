import type { ChartBlock, Publication, Section, TableBlock } from './types.js';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * A positive integer in Chinese numerals as section headings use them (1–99).
 * @example chineseNumeral(12) // '十二'
 */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`no Chinese numeral for ${n}`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** Heading number by depth, as the bureaus' releases number them: 一、 · （一） · 1. · (1) */
export function headingNumber(depth: number, n: number): string {
  switch (depth) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    default:
      return `(${n})`;
  }
}

export interface SectionEntry {
  section: Section;
  depth: number;
  /** Heading number as printed, e.g. `二、`. */
  number: string;
}

/** Section, table and chart numbers of one publication, in document order. */
export interface Numbering {
  sections: readonly SectionEntry[];
  /** 表N by table id. */
  tables: ReadonlyMap<string, string>;
  /** 图N by chart id. */
  charts: ReadonlyMap<string, string>;
  tableBlocks: readonly TableBlock[];
  chartBlocks: readonly ChartBlock[];
}

/** Numbers sections (depth first) and tables and charts (each in one run through the document). */
export function numberPublication(pub: Publication): Numbering {
  const sections: SectionEntry[] = [];
  const tables = new Map<string, string>();
  const charts = new Map<string, string>();
  const tableBlocks: TableBlock[] = [];
  const chartBlocks: ChartBlock[] = [];
  const visit = (list: readonly Section[], depth: number) => {
    list.forEach((section, i) => {
      sections.push({ section, depth, number: headingNumber(depth, i + 1) });
      for (const block of section.blocks) {
        if (block.kind === 'table') {
          tableBlocks.push(block);
          tables.set(block.id, `表${tableBlocks.length}`);
        } else if (block.kind === 'chart') {
          chartBlocks.push(block);
          charts.set(block.id, `图${chartBlocks.length}`);
        }
      }
      if (section.sections) visit(section.sections, depth + 1);
    });
  };
  visit(pub.sections, 1);
  return { sections, tables, charts, tableBlocks, chartBlocks };
}
