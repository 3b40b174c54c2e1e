/**
 * @talent/reports/pdf: the PDF printer (playwright-core driving Debian's Chromium), on its own
 * subpath so that `@talent/reports` never loads a browser.
 */
export { PdfPrinter, withPdfPrinter, CHROMIUM_FLAGS, DEFAULT_CHROMIUM } from './render/to-pdf.js';
export type { PdfPrinterOptions, PrintResult } from './render/to-pdf.js';
