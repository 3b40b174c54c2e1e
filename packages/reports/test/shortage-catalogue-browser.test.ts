/**
 * The 紧缺型职业（工种）目录 printed by Debian's Chromium: a catalogue of the rules' full size, filled with the
 * 大典's own names and definitions, the province's cities and the 大类 names of GB/T 4754, laid out as A4
 * prints it. No skip: without Chromium and poppler-utils this fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type Warehouse } from '@talent/models';
import { readPublicationRules, renderHtml, type Publication, type Row, type Section, type TableBlock } from '../src/index.js';
import { CHROMIUM_FLAGS, DEFAULT_CHROMIUM, withPdfPrinter } from '../src/pdf.js';
import { fixturePublications, LAST_YEAR, PROVINCE, publicationWarehouse } from './fixtures/publication-warehouse.js';

const config = resolveConfig({}, {});
const rules = readPublicationRules(config.datasetsDir);
/** A4 less the margins of the publication's @page rule (18 mm each side), in CSS pixels. */
const PRINTED_WIDTH = Math.round(((210 - 2 * 18) / 25.4) * 96);

let dir: string;
let wh: Warehouse;
let catalogue: TableBlock;
let htmlPath: string;
let pdfPath: string;
let browser: Browser;
let page: Page;

/** The publication with the rows of one table replaced. */
function withRows(pub: Publication, id: string, rows: Row[]): Publication {
  const swap = (sections: readonly Section[]): Section[] =>
    sections.map((s) => ({
      ...s,
      blocks: s.blocks.map((b) => (b.kind === 'table' && b.id === id ? { ...b, rows } : b)),
      ...(s.sections ? { sections: swap(s.sections) } : {}),
    }));
  return { ...pub, sections: swap(pub.sections) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'talent-catalogue-'));
  wh = await publicationWarehouse();
  const built = await fixturePublications(wh, [PROVINCE]);
  const pub = built.publications.find((p) => p.id === `shortage-catalogue-${PROVINCE}-${LAST_YEAR + 1}`)!;
  const read = async <T>(sql: string) => (await wh.conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
  const occupations = await read<{ code: string; name: string; definition: string }>(
    `SELECT code, coalesce(occupation_name, name) AS name, definition FROM ref.occupation
      WHERE is_occupation AND definition IS NOT NULL ORDER BY code`,
  );
  const cities = (
    await read<{ name: string }>(`SELECT name FROM ref.region WHERE parent_code = '${PROVINCE}' AND level = '市' ORDER BY code`)
  ).map((r) => r.name);
  const industries = (
    await read<{ name: string }>(`SELECT name FROM ref.industry WHERE length(code) = 2 AND code ~ '^[0-9]+$' ORDER BY code`)
  ).map((r) => r.name);
  const n = rules.shortageCatalogue.maxEntries;
  const step = Math.floor(occupations.length / n);
  const rows: Row[] = Array.from({ length: n }, (_, i) => {
    const o = occupations[i * step]!;
    const pick = (list: string[], k: number) => list[(i * 7 + k * 5) % list.length]!;
    return {
      key: o.code,
      cells: {
        rank: String(i + 1),
        name: o.name,
        code: o.code,
        definition: o.definition,
        level: i % 3 ? '紧缺' : '较紧缺',
        cities: [0, 1, 2].map((k) => pick(cities, k)).join('、'),
        previous: i % 5 ? String(i + 2) : '新进',
        industries: [0, 1, 2].map((k) => pick(industries, k)).join('；'),
      },
    };
  });
  const full = withRows(pub, 'catalogue-table', rows);
  catalogue = full.sections.flatMap((s) => s.blocks).find((b): b is TableBlock => b.kind === 'table' && b.id === 'catalogue-table')!;
  htmlPath = join(dir, `${full.id}.html`);
  pdfPath = join(dir, `${full.id}.pdf`);
  writeFileSync(htmlPath, renderHtml(full));
  await withPdfPrinter((printer) => printer.print(htmlPath, pdfPath));
  browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: [...CHROMIUM_FLAGS] });
  page = await browser.newPage({ viewport: { width: PRINTED_WIDTH, height: 1000 } });
  await page.emulateMedia({ media: 'print' });
  await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  wh?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Each cell of a column of the catalogue as printed: its text and the characters its lines end with. */
async function lineEnds(key: string): Promise<{ text: string; ends: string[] }[]> {
  const index = catalogue.columns.findIndex((c) => c.key === key);
  expect(index, key).toBeGreaterThanOrEqual(0);
  return page.$$eval(
    '#catalogue-table tbody tr',
    (trs, i) =>
      trs.map((tr) => {
        const node = tr.children[i]!.firstChild as Text;
        const ends: string[] = [];
        let top: number | null = null;
        for (let k = 0; k < node.length; k++) {
          const range = document.createRange();
          range.setStart(node, k);
          range.setEnd(node, k + 1);
          const rect = range.getClientRects()[0];
          if (!rect) continue;
          if (top !== null && rect.top > top + 2) ends.push(node.data[k - 1]!);
          top = rect.top;
        }
        return { text: node.data, ends };
      }),
    index,
  );
}

describe('the shortage catalogue in print', () => {
  it('splits no city name across lines and never the level', async () => {
    const cities = await lineEnds('cities');
    expect(cities).toHaveLength(rules.shortageCatalogue.maxEntries);
    for (const c of cities)
      expect(
        c.ends.filter((e) => e !== '、'),
        c.text,
      ).toEqual([]);
    expect(cities.some((c) => c.ends.length > 0)).toBe(true);
    for (const c of await lineEnds('level')) expect(c.ends, c.text).toEqual([]);
    for (const c of await lineEnds('rank')) expect(c.ends, c.text).toEqual([]);
    // Nor does a cell that may not wrap (the codes, the levels) run into the next column.
    const overflowing = await page.$$eval('#catalogue-table td, #catalogue-table th', (cells) =>
      cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent),
    );
    expect(overflowing).toEqual([]);
  });

  it('gives the lists the room of several short columns', async () => {
    const widths = await page.$$eval('#catalogue-table thead th', (ths) => ths.map((th) => th.getBoundingClientRect().width));
    const of = (key: string) => widths[catalogue.columns.findIndex((c) => c.key === key)]!;
    expect(of('cities')).toBeGreaterThan(2.5 * of('rank'));
    expect(of('industries')).toBeGreaterThan(1.8 * of('level'));
    expect(of('definition')).toBeGreaterThan(of('industries'));
  });

  it(`prints a catalogue of ${rules.shortageCatalogue.maxEntries} entries on at most 8 A4 pages`, () => {
    const pages = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).split('\f');
    // The header repeats on every page of the table: 主要需求行业 is in no other table or heading.
    const printed = pages.filter((p) => p.includes('主要需求行业'));
    expect(printed.length).toBeGreaterThan(4);
    expect(printed.length).toBeLessThanOrEqual(8);
  });
});
