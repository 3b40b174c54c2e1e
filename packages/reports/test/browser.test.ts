/**
 * The sample publication in a real browser: Debian's Chromium through playwright-core. No skip:
 * without Chromium (apt-get install chromium fonts-noto-cjk poppler-utils, as .ci/run does) this
 * fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberPublication, renderHtml } from '../src/index.js';
import { CHROMIUM_FLAGS, DEFAULT_CHROMIUM, withPdfPrinter } from '../src/pdf.js';
import { samplePublication, type Sample } from './fixtures/sample-publication.js';
import { checkContents, contentsLabels } from './printed-contents.js';

let dir: string;
let sample: Sample;
let htmlPath: string;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'talent-browser-'));
  sample = await samplePublication();
  htmlPath = join(dir, `${sample.publication.id}.html`);
  writeFileSync(htmlPath, renderHtml(sample.publication));
  browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: [...CHROMIUM_FLAGS] });
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HTML publication in headless Chromium', () => {
  it('loads with no console error and no request beyond its own file, every chart a drawn SVG, text in Chinese', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const url = pathToFileURL(htmlPath).href;
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          id: f.id,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg?.querySelectorAll('path, rect, line, circle').length ?? 0,
          texts: svg?.querySelectorAll('text').length ?? 0,
        };
      }),
    );
    expect(charts.map((c) => c.id)).toEqual(numberPublication(sample.publication).chartBlocks.map((c) => c.id));
    for (const c of charts) {
      expect(c.width, c.id).toBeGreaterThan(300);
      expect(c.height, c.id).toBeGreaterThan(100);
      expect(c.marks, c.id).toBeGreaterThan(5);
      expect(c.texts, c.id).toBeGreaterThan(3);
    }
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain(sample.publication.title);
    const han = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
    expect(han / text.replace(/\s/g, '').length).toBeGreaterThan(0.3);
    // The CJK font named in the CSS is installed: fontconfig resolves it to itself, not to a
    // fallback that would draw the characters as boxes.
    expect(execFileSync('fc-match', ['-f', '%{family}', 'Noto Sans CJK SC:lang=zh-cn'], { encoding: 'utf8' })).toContain(
      'Noto Sans CJK SC',
    );
    await page.close();
  });

  it('prints to an A4 PDF whose text holds every heading, the title and the page numbers, with its fonts embedded', async () => {
    const pdfPath = join(dir, 'sample.pdf');
    const result = await withPdfPrinter((p) => p.print(htmlPath, pdfPath));
    expect(result.blockedRequests).toEqual([]);
    expect(result.errors).toEqual([]);
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(3);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/[ \u3000]+/g, '');
    expect(text).toContain(sample.publication.title);
    for (const { section, number } of numberPublication(sample.publication).sections) expect(text).toContain(`${number}${section.title}`);
    expect(text).toContain(`第${pages}页共${pages}页`);
    // Chromium embeds the CFF-based Noto CJK glyphs as Type 3 fonts with a Unicode map.
    const embedded = execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => /\byes\s+(yes|no)\s+yes\b/.test(l));
    expect(embedded.length).toBeGreaterThan(0);
  });

  it('prints beside each contents entry the page on which that heading, table or figure starts', async () => {
    const pdfPath = join(dir, 'contents.pdf');
    const result = await withPdfPrinter((p) => p.print(htmlPath, pdfPath));
    // Once to find the pages, once with the numbers in: the fixed-width slots keep the layout.
    expect(result.passes).toBe(2);
    const labels = contentsLabels(sample.publication);
    const { checks, missing } = checkContents(pdfPath, labels);
    expect(missing).toEqual([]);
    expect(checks).toHaveLength(labels.length);
    for (const c of checks) {
      expect(c.contentsPage, c.label).toBe(2);
      expect(c.found, c.label).toBe(c.printed);
    }
    // The sample spreads over several pages, so a constant number could not pass.
    expect(new Set(checks.map((c) => c.printed)).size).toBeGreaterThan(4);
  });
});
