/**
 * @talent/reports: publications as documents, and everything they are rendered with — charts
 * (Observable Plot on linkedom), HTML, CSV, XLSX, the run's index page and its atomic output
 * folder — plus disclosure control. The PDF printer (Chromium) is on the `@talent/reports/pdf`
 * subpath so that importing this entry never loads a browser.
 */
export * from './document/index.js';
export * from './charts/index.js';
export * from './disclosure/index.js';
export { renderHtml, chineseDate } from './render/to-html.js';
export type { HtmlOptions } from './render/to-html.js';
export { tableCsv, tableFileName } from './render/to-csv.js';
export { renderXlsx } from './render/to-xlsx.js';
export { renderIndexHtml } from './render/to-index.js';
export type { IndexEntry } from './render/to-index.js';
export { writeRun, swapLatest, DisclosureAuditError } from './render/write-run.js';
export type { HtmlToPdf, WriteRunOptions, RunManifest } from './render/write-run.js';
export * from './publications/index.js';
