import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CHROMIUM } from '@talent/models';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { pagesOfTargets } from './pdf-pages.js';

/**
 * Flags for printing offline: no GPU, no sandbox (CI runs as root), and none of the background
 * traffic a fresh profile would start (updates, sync, QUIC probes).
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export interface PdfPrinterOptions {
  /** The Chromium to drive (a command passes the configuration's `chromiumPath`; default {@link DEFAULT_CHROMIUM}). */
  executablePath?: string;
  /** Milliseconds allowed for loading and printing one file (default 60 000). */
  timeout?: number;
}

/** What one print saw. */
export interface PrintResult {
  pdfPath: string;
  /** Times the page was printed: 1, or 2 and more when page numbers were filled in (see `print`). */
  passes: number;
  /** Requests the page tried to make to anything but a local file, all refused. */
  blockedRequests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
}

/**
 * One headless Chromium, reused for many PDFs (launching costs more than printing). Each printer
 * has a fresh profile in a temporary folder, removed on close; every request that is not for a
 * local file is refused and recorded, so a publication that would need the network shows up.
 * Pages print at A4 with the page-margin boxes of the publication's CSS (page numbers, no number
 * on the cover) and a PDF outline from the headings.
 */
export class PdfPrinter {
  private constructor(
    private readonly context: BrowserContext,
    private readonly profile: string,
    private readonly timeout: number,
  ) {}

  static async launch(options: PdfPrinterOptions = {}): Promise<PdfPrinter> {
    const executablePath = options.executablePath ?? DEFAULT_CHROMIUM;
    const profile = mkdtempSync(join(tmpdir(), 'talent-chromium-'));
    try {
      const context = await chromium.launchPersistentContext(profile, {
        executablePath,
        headless: true,
        args: [...CHROMIUM_FLAGS],
        offline: true,
      });
      await context.route('**/*', (route) =>
        route.request().url().startsWith('file:') ? route.continue() : route.abort('blockedbyclient'),
      );
      return new PdfPrinter(context, profile, options.timeout ?? 60_000);
    } catch (err) {
      rmSync(profile, { recursive: true, force: true });
      throw new Error(`cannot start Chromium at ${executablePath} (apt-get install chromium fonts-noto-cjk): ${(err as Error).message}`);
    }
  }

  /**
   * Prints an HTML file to `pdfPath`. When the page holds elements `data-page-of="<id>"` (the
   * contents' page numbers), it is printed once, the page each `<id>` starts on is read from that
   * PDF, the numbers are written into those elements, and the page is printed again, until the
   * numbers the PDF shows are the pages it has them on. The page-number slots have a fixed width,
   * so the second print normally confirms the first.
   */
  async print(htmlPath: string, pdfPath: string): Promise<PrintResult> {
    const page = await this.context.newPage();
    const blockedRequests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith('file:') && !url.startsWith('data:')) blockedRequests.push(url);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(pathToFileURL(resolve(htmlPath)).href, { waitUntil: 'load', timeout: this.timeout });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const { pdf, passes } = await printWithPageNumbers(page);
      writeFileSync(pdfPath, pdf);
      return { pdfPath, passes, blockedRequests, errors };
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    try {
      await this.context.close();
    } finally {
      rmSync(this.profile, { recursive: true, force: true });
    }
  }
}

/** Prints beyond this many times mean the page numbers move the headings they point at. */
const MAX_PASSES = 4;

async function printOnce(page: Page): Promise<Buffer> {
  return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, outline: true, tagged: true });
}

async function printWithPageNumbers(page: Page): Promise<{ pdf: Buffer; passes: number }> {
  const ids = [...new Set(await page.$$eval('[data-page-of]', (els) => els.map((e) => e.getAttribute('data-page-of')!)))];
  let pdf = await printOnce(page);
  if (ids.length === 0) return { pdf, passes: 1 };
  let shown = new Map<string, number>();
  for (let passes = 1; ; passes++) {
    const found = await pagesOfTargets(pdf, ids);
    if (ids.every((id) => shown.get(id) === found.get(id))) return { pdf, passes };
    if (passes === MAX_PASSES) throw new Error(`page numbers of the contents still move after ${passes} prints`);
    await page.evaluate((pages) => {
      document.querySelectorAll('[data-page-of]').forEach((el) => {
        el.textContent = String(pages[el.getAttribute('data-page-of')!]);
      });
    }, Object.fromEntries(found));
    shown = found;
    pdf = await printOnce(page);
  }
}

/** Runs `work` with one printer and closes it afterwards, whatever happens. */
export async function withPdfPrinter<T>(work: (printer: PdfPrinter) => Promise<T>, options: PdfPrinterOptions = {}): Promise<T> {
  const printer = await PdfPrinter.launch(options);
  try {
    return await work(printer);
  } finally {
    await printer.close();
  }
}
