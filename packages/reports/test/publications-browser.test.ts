/**
 * The five publications of the small warehouse written as a run (HTML, PDF, CSV, XLSX, index) and
 * opened in Debian's Chromium. No skip: without Chromium and poppler-utils this fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Warehouse } from '@talent/models';
import { everyPublication, numberPublication, writeRun, type BuiltPublications, type RunManifest } from '../src/index.js';
import { CHROMIUM_FLAGS, DEFAULT_CHROMIUM, withPdfPrinter } from '../src/pdf.js';
import { fixturePublications, PROVINCE, publicationWarehouse, RUN } from './fixtures/publication-warehouse.js';
import { checkContents, contentsLabels } from './printed-contents.js';

let dir: string;
let wh: Warehouse;
let built: BuiltPublications;
let manifest: RunManifest;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'talent-publications-'));
  wh = await publicationWarehouse();
  built = await fixturePublications(wh, [PROVINCE]);
  manifest = await withPdfPrinter((pdf) =>
    writeRun(built.publications, { root: dir, runId: RUN, pdf, disclosure: { system: built.system } }),
  );
  browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: [...CHROMIUM_FLAGS] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  wh?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the publications of a run in headless Chromium', () => {
  it('writes every publication with its PDF, workbook and tables, and an index linking them', () => {
    // The five publications and, under the graduate report, the reports of the six schools above the size rule.
    expect(manifest.publications).toHaveLength(5 + 6);
    expect(manifest.publications.filter((p) => p.files[0]!.includes('/schools/'))).toHaveLength(6);
    const index = readFileSync(join(dir, 'latest', 'index.html'), 'utf8');
    for (const p of manifest.publications) {
      expect(index).toContain(`${p.id}/${p.id}.pdf`);
      for (const f of p.files) expect(existsSync(join(dir, RUN, f)), f).toBe(true);
      expect(p.files.some((f) => f.endsWith('.pdf'))).toBe(true);
    }
  });

  it('loads each report, the school reports too, with no console error and no outside request, every chart a drawn SVG, text in Chinese', async () => {
    const htmlOf = new Map(manifest.publications.map((p) => [p.id, p.files.find((f) => f.endsWith('.html'))!]));
    for (const pub of everyPublication(built.publications)) {
      const path = join(dir, RUN, htmlOf.get(pub.id)!);
      const page = await browser.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
      expect(requests, pub.id).toEqual([pathToFileURL(path).href]);
      expect(errors, pub.id).toEqual([]);
      const charts = await page.$$eval('figure.chart svg', (svgs) =>
        svgs.map((s) => ({ w: s.getBoundingClientRect().width, marks: s.querySelectorAll('path, rect, line, circle').length })),
      );
      expect(charts.length, pub.id).toBe(numberPublication(pub).chartBlocks.length);
      for (const c of charts) {
        expect(c.w, pub.id).toBeGreaterThan(300);
        expect(c.marks, pub.id).toBeGreaterThan(3);
      }
      const text = await page.evaluate(() => document.body.innerText);
      expect(text).toContain(pub.title);
      expect((text.match(/[\u4e00-\u9fff]/g) ?? []).length / text.replace(/\s/g, '').length, pub.id).toBeGreaterThan(0.3);
      await page.close();
    }
  }, 120_000);

  it('breaks a long cover title between its words, never inside a bracketed part such as （2026—2028年）', async () => {
    const htmlOf = new Map(manifest.publications.map((p) => [p.id, p.files.find((f) => f.endsWith('.html'))!]));
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    for (const pub of built.publications) {
      await page.goto(pathToFileURL(join(dir, RUN, htmlOf.get(pub.id)!)).href, { waitUntil: 'load' });
      const cover = await page.$eval('header.cover h1', (h) => ({
        lines: Math.round(h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)),
        parts: [...h.querySelectorAll('.keep')].map((k) => [k.textContent, k.getClientRects().length]),
      }));
      expect(
        cover.parts.map(([text]) => text),
        pub.id,
      ).toEqual(pub.title.match(/（[^（）]*）/g) ?? []);
      for (const [text, boxes] of cover.parts) expect(boxes, `${pub.id}: ${text}`).toBe(1);
      // At this width every title breaks: the check above is made on titles that wrap.
      expect(cover.lines, pub.id).toBeGreaterThan(1);
    }
    await page.close();
  });

  it('prints PDFs whose text holds the title and every top-level heading', () => {
    for (const pub of built.publications) {
      const text = execFileSync('pdftotext', ['-layout', join(dir, RUN, pub.id, `${pub.id}.pdf`), '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        '',
      );
      expect(text, pub.id).toContain(pub.title.replace(/\s+/g, ''));
      for (const s of pub.sections) expect(text, `${pub.id}: ${s.title}`).toContain(s.title.replace(/\s+/g, ''));
    }
  });

  it('prints in each contents the page on which each heading, table and figure starts', () => {
    for (const pub of built.publications) {
      const labels = contentsLabels(pub);
      const { checks, missing } = checkContents(join(dir, RUN, pub.id, `${pub.id}.pdf`), labels);
      expect(missing, pub.id).toEqual([]);
      for (const c of checks) expect(c.found, `${pub.id}: ${c.label}`).toBe(c.printed);
    }
  });
});
