/**
 * @talent/reports/pdf: the PDF printer (playwright-core driving Debian's Chromium), on its own
 * subpath so that `@talent/reports` never loads a browser.
 */
export { PdfPrinter, withPdfPrinter, CHROMIUM_FLAGS } from './render/to-pdf.js';
export { DEFAULT_CHROMIUM } from '@talent/models';
export type { PdfPrinterOptions, PrintResult } from './render/to-pdf.js';
