/**
 * The one stylesheet of every HTML publication, inlined. Screen and print in one: A4 pages with
 * page numbers in the bottom margin (CSS page-margin boxes, Chromium ≥ 131), a cover and a
 * contents page of their own, table headers repeated on each page, rows and charts never split.
 */
export const PUBLICATION_CSS = `
:root {
  --ink: #1a1a1a; --muted: #555; --rule: #333; --hair: #bbb; --band: #f4f6f9; --accent: #1f5fa8;
  --sans: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  --serif: "Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", "SimSun", "Songti SC", serif;
}
* { box-sizing: border-box; }
html { color: var(--ink); background: #fff; font-family: var(--serif); font-size: 11pt; line-height: 1.75; }
body { margin: 0 auto; max-width: 190mm; padding: 12mm 10mm; }
h1, h2, h3, h4, figcaption, th, .toc, .cover, .source, .unit, .notes, .run { font-family: var(--sans); }
.cover { min-height: 250mm; display: flex; flex-direction: column; justify-content: center; text-align: center; }
.cover h1 { font-size: 24pt; line-height: 1.4; margin: 0 0 12mm; letter-spacing: 0.04em; }
.cover h1 .keep { white-space: nowrap; }
.cover p { text-align: center; }
.cover .subtitle { font-size: 13pt; margin: 0 0 40mm; color: var(--muted); }
.cover .issuer { font-size: 14pt; margin: 0 0 4mm; }
.cover .issued { font-size: 12pt; margin: 0; }
.toc h2 { text-align: center; font-size: 16pt; letter-spacing: 1em; }
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc li { margin: 2mm 0; }
.toc li.level-2 { padding-left: 2em; font-size: 10.5pt; }
.toc a { color: var(--ink); text-decoration: none; display: flex; align-items: baseline; }
.toc .leader { flex: 1 1 auto; min-width: 2em; margin: 0 0.4em; }
.toc .page { flex: 0 0 2.5em; text-align: right; font-variant-numeric: tabular-nums; }
.toc .figures { margin-top: 6mm; font-size: 10pt; color: var(--muted); }
h2 { font-size: 15pt; margin: 9mm 0 3mm; }
h3 { font-size: 12.5pt; margin: 6mm 0 2mm; }
h4 { font-size: 11pt; margin: 4mm 0 2mm; }
p { margin: 0 0 3mm; text-indent: 2em; text-align: justify; }
p.source, p.unit, .notes p, figcaption, .cover p, .run p { text-indent: 0; }
figure { margin: 5mm 0 6mm; }
figcaption { text-align: center; font-weight: bold; font-size: 10.5pt; margin-bottom: 2mm; }
.unit { text-align: right; font-size: 9pt; margin: 0 0 1mm; color: var(--muted); }
table { width: 100%; border-collapse: collapse; font-family: var(--sans); font-size: 9pt; line-height: 1.45; border-top: 1.5pt solid var(--rule); border-bottom: 1.5pt solid var(--rule); }
table.wide { font-size: 8pt; }
th, td { padding: 1.2mm 1.6mm; border-bottom: 0.5pt solid var(--hair); vertical-align: middle; }
thead th { border-bottom: 0.75pt solid var(--rule); font-weight: bold; text-align: center; background: var(--band); }
thead th.group { border-bottom: 0.5pt solid var(--hair); }
tbody th { font-weight: normal; text-align: left; }
table.wide:not(.fixed) tbody th { min-width: 7em; }
tr.total th { font-weight: bold; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.text { text-align: left; }
td.code { text-align: center; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.fixed { table-layout: fixed; }
table.fixed td, table.fixed th { overflow-wrap: anywhere; }
.wrap-list { word-break: keep-all; }
.wrap-none { white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 0.75pt solid var(--rule); }
tr.level-1 th:first-child, tr.level-1 td:first-child { padding-left: 5mm; }
td sup, p sup { font-size: 7pt; }
.notes { font-size: 8.5pt; color: var(--muted); margin-top: 1.5mm; line-height: 1.5; }
.notes p { margin: 0 0 0.8mm; }
p.source { font-size: 8.5pt; color: var(--muted); margin: 1mm 0 0; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 170mm; margin: 0 auto; }
dl.methodology dt { font-family: var(--sans); font-weight: bold; margin-top: 2mm; }
dl.methodology dd { margin: 0 0 1mm 2em; }
.run { margin-top: 10mm; font-size: 8.5pt; color: var(--muted); border-top: 0.5pt solid var(--hair); }
@page { size: A4; margin: 20mm 18mm 20mm; @bottom-center { content: "第 " counter(page) " 页  共 " counter(pages) " 页"; font-family: "Noto Sans CJK SC", sans-serif; font-size: 9pt; color: #555; } }
@page :first { @bottom-center { content: none; } }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  .cover { min-height: 250mm; break-after: page; }
  .toc { break-after: page; }
  h2, h3, h4, figcaption, .unit { break-after: avoid; }
  figure.chart, figure.table.short, tr, .notes, p.source { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  .toc .leader { border-bottom: 1pt dotted var(--hair); }
}
`;
