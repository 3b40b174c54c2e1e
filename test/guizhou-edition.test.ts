import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '@talent/cli';
import { openWarehouse, resolveConfig } from '@talent/models';
import { generateEdition } from '@talent/synth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryCells } from './helpers/summary-cells.js';

// The platform on another province's data: a demo edition generated for Guizhou (520000), read
// through the demo's source mappings as a Guizhou bureau adapts them, by the main job.
const dir = mkdtempSync(join(tmpdir(), 'guizhou-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = resolveConfig({}, {});

/**
 * What a Guizhou bureau changes in the demo's mappings: the province code its province-wide tables
 * carry, the yearbook's province column (全省 where Guangxi's prints 全区), and the revision notes'
 * place names, which may be an autonomous prefecture (…州) as well as a city (…市).
 */
const GUIZHOU_MAPPINGS: [from: string, to: string][] = [
  ['"450000"', '"520000"'],
  ['全区', '全省'],
  ['+?市)', '+?(?:市|州))'],
];

const log: string[] = [];
let config: ReturnType<typeof resolveConfig>;
let changed: boolean;

beforeAll(async () => {
  const edition = join(dir, 'edition');
  await generateEdition({ edition: 'demo', seed: 7, out: edition, referenceDir: base.referenceDir, province: '520000' });
  const sources = join(dir, 'sources');
  mkdirSync(sources);
  for (const f of readdirSync(base.sourcesDir)) {
    if (!f.endsWith('.json')) {
      copyFileSync(join(base.sourcesDir, f), join(sources, f));
      continue;
    }
    let text = readFileSync(join(base.sourcesDir, f), 'utf8');
    for (const [from, to] of GUIZHOU_MAPPINGS) text = text.split(from).join(to);
    writeFileSync(join(sources, f), text);
  }
  config = resolveConfig({ data: edition, sources, warehouse: join(dir, 'wh', 'talent.duckdb'), out: join(dir, 'out') }, {});
  changed = (await runPipeline(config, { log: (l) => log.push(l) })).changed;
}, 900_000);

describe('the main job on a Guizhou edition', () => {
  it('loads Guizhou and its nine cities and prefectures, and nothing of Guangxi', async () => {
    expect(changed).toBe(true);
    const wh = await openWarehouse(config.warehousePath, { readOnly: true });
    try {
      const coverage = (await wh.conn.runAndReadAll(`SELECT region_code, level FROM core.region_coverage ORDER BY region_code`))
        .getRowsJson()
        .map((r) => `${String(r[0])} ${String(r[1])}`);
      expect(coverage).toEqual([
        '520000 省',
        ...['520100', '520200', '520300', '520400', '520500', '520600', '522300', '522600', '522700'].map((c) => `${c} 市`),
      ]);
      // Every school of the edition, listed or invented, carries Guizhou's digits in its 学校标识码, and the invented
      // 职业本科 schools are named by Guizhou's places.
      const schools = (await wh.conn.runAndReadAll(`SELECT DISTINCT school_code, school_name FROM core.school ORDER BY 1`)).getRowsJson();
      expect(schools.length).toBeGreaterThan(50);
      expect(schools.filter((r) => String(r[0]).slice(2, 4) !== '52')).toEqual([]);
      const universities = schools.map((r) => String(r[1])).filter((n) => n.endsWith('职业技术大学') && /^(黔|乌江)/.test(n));
      expect(universities.length).toBeGreaterThan(0);
      expect(schools.filter((r) => /桂|北部湾|西江/.test(String(r[1])))).toEqual([]);
    } finally {
      wh.close();
    }
  });

  it('prints the 十大工业产业 for the next three years, as the marts hold them', async () => {
    const wh = await openWarehouse(config.warehousePath, { readOnly: true });
    try {
      const cells = await summaryCells(wh.conn, ['gz_ten_industries']);
      expect(cells.size).toBe(10);
      expect(log.join('\n')).toContain('贵州省十大工业产业: demand / supply / gap (persons a year)');
      expect(log.join('\n')).not.toContain('九张创新名片');
      for (const [key, three] of cells) {
        const group = key.split('|')[1]!;
        expect(three, group).toHaveLength(3);
        expect(
          log.find((l) => l.trimStart().startsWith(`${group} `) && three.every((c) => l.includes(c))),
          group,
        ).toBeDefined();
      }
    } finally {
      wh.close();
    }
  });

  it("publishes Guizhou's and its cities' editions, the province's industry forecast by its ten industries, PDFs for the province", () => {
    const latest = join(config.outDir, 'reports', 'latest');
    const run = JSON.parse(readFileSync(join(latest, 'run.json'), 'utf8')) as {
      publications: { id: string; title: string; files: string[] }[];
    };
    const regionOf = (id: string) => /-(\d{6})-\d{4}/.exec(id)?.[1];
    const regions = new Set(run.publications.map((p) => regionOf(p.id)).filter((r) => r !== undefined));
    expect([...regions].every((r) => r!.startsWith('52'))).toBe(true);
    expect(regions.size).toBe(10);
    const forecast = run.publications.find((p) => p.id === 'industry-forecast-520000-2025')!;
    expect(forecast.title).toBe('贵州省行业人才需求预测（2026—2028年）');
    const html = readFileSync(join(latest, 'industry-forecast-520000-2025', 'industry-forecast-520000-2025.html'), 'utf8');
    expect(html).toContain('贵州省人力资源和社会保障厅');
    expect(html).toContain('贵州省十大工业产业');
    expect(existsSync(join(latest, 'industry-forecast-520000-2025', 'industry-forecast-520000-2025.pdf'))).toBe(true);
    expect(existsSync(join(latest, 'industry-forecast-520100-2025', 'industry-forecast-520100-2025.pdf'))).toBe(false);
  });
});
