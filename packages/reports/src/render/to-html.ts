import { createChartDocument } from '../charts/dom.js';
import { numberPublication, type Numbering } from '../document/numbering.js';
import type { Block, Publication, Section, TableBlock } from '../document/types.js';
import { assertValidPublication } from '../document/validate.js';
import { renderChartBlock } from './chart-block.js';
import { escapeHtml } from './escape-html.js';
import { sourceHtml } from './source-html.js';
import { PUBLICATION_CSS } from './styles.js';
import { tableHtml } from './table-html.js';

export interface HtmlOptions {
  /** DOM for the charts (default: a fresh linkedom document). */
  document?: Document;
}

/** `2025-12-03` → `2025年12月3日`, as publications date themselves. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function blockHtml(block: Block, numbering: Numbering, tables: ReadonlyMap<string, TableBlock>, document: Document): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>${block.source ? `${sourceHtml(block.source)}` : ''}`;
    case 'table':
      return tableHtml(block, numbering.tables.get(block.id)!);
    case 'chart': {
      const table = tables.get(block.table)!;
      const number = numbering.charts.get(block.id)!;
      const svg = renderChartBlock(block, table, `${number} ${block.caption}`, document);
      const see = `数据见${numbering.tables.get(table.id)!}。`;
      return [
        `<figure class="chart" id="${escapeHtml(block.id)}">`,
        `<figcaption>${escapeHtml(number)}\u3000${escapeHtml(block.caption)}</figcaption>`,
        svg,
        sourceHtml(table.source, see),
        `</figure>`,
      ].join('\n');
    }
    case 'methodology':
      return `<dl class="methodology">${block.items.map((i) => `<dt>${escapeHtml(i.term)}</dt><dd>${escapeHtml(i.definition)}</dd>`).join('')}</dl>`;
    case 'data-sources': {
      const rows = block.sources
        .map(
          (s) =>
            `<tr><th scope="row" class="text">${escapeHtml(s.name)}</th><td class="code">${escapeHtml(s.table)}</td><td class="code">${escapeHtml(s.loadedAt)}</td><td class="num">${s.rows ?? ''}</td><td class="text">${escapeHtml(s.note ?? '')}</td></tr>`,
        )
        .join('\n');
      return `<table class="sources"><thead><tr><th>数据来源</th><th>数据仓库表</th><th>入库日期</th><th>记录数</th><th>说明</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
    }
  }
}

function sectionHtml(
  section: Section,
  depth: number,
  numbering: Numbering,
  tables: ReadonlyMap<string, TableBlock>,
  document: Document,
): string {
  const entry = numbering.sections.find((s) => s.section === section)!;
  const h = `h${Math.min(depth + 1, 4)}`;
  return [
    `<section id="${escapeHtml(section.id)}" class="level-${depth}">`,
    `<${h}><span class="num">${escapeHtml(entry.number)}</span>${escapeHtml(section.title)}</${h}>`,
    ...section.blocks.map((b) => blockHtml(b, numbering, tables, document)),
    ...(section.sections ?? []).map((s) => sectionHtml(s, depth + 1, numbering, tables, document)),
    `</section>`,
  ].join('\n');
}

/**
 * One line of the contents: the entry, dot leaders and a fixed-width slot that the PDF printer
 * fills with the page the target starts on (empty on screen, where there are no pages).
 */
function tocEntry(target: string, label: string): string {
  const id = escapeHtml(target);
  return `<a href="#${id}"><span class="entry">${label}</span><span class="leader"></span><span class="page" data-page-of="${id}"></span></a>`;
}

function tocHtml(numbering: Numbering): string {
  const items = numbering.sections
    .filter((s) => s.depth <= 2)
    .map(
      (s) =>
        `<li class="level-${s.depth}">${tocEntry(s.section.id, `<span class="num">${escapeHtml(s.number)}</span>${escapeHtml(s.section.title)}`)}</li>`,
    );
  const figures = [
    ...numbering.tableBlocks.map((t) => `<li>${tocEntry(t.id, `${numbering.tables.get(t.id)}\u3000${escapeHtml(t.caption)}`)}</li>`),
    ...numbering.chartBlocks.map((c) => `<li>${tocEntry(c.id, `${numbering.charts.get(c.id)}\u3000${escapeHtml(c.caption)}`)}</li>`),
  ];
  return [
    `<nav class="toc" aria-label="目录"><h2>目录</h2><ol>${items.join('')}</ol>`,
    figures.length ? `<div class="figures"><h3>图表目录</h3><ol>${figures.join('')}</ol></div>` : '',
    `</nav>`,
  ].join('\n');
}

/**
 * The cover's title with each bracketed part kept on one line: a long title breaks between its
 * words, never inside （2026—2028年） or （工种）, which would leave 年） alone on a line.
 */
function coverTitle(title: string): string {
  return escapeHtml(title).replace(/（[^（）]*）/g, (part) => `<span class="keep">${part}</span>`);
}

/** The running header of printed pages (the title; none on the cover), as a CSS page-margin box. */
function runningHeader(title: string): string {
  const text = title.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[<>]/g, '');
  return `\n@page { @top-right { content: "${text}"; font-family: "Noto Sans CJK SC", sans-serif; font-size: 8.5pt; color: #777; } }\n@page :first { @top-right { content: none; } }\n`;
}

/**
 * One publication as a self-contained HTML file: inline CSS and SVG, no script, no external
 * resource, so it opens offline and prints to A4 as is. Throws when the document is not valid.
 */
export function renderHtml(pub: Publication, options: HtmlOptions = {}): string {
  assertValidPublication(pub);
  const numbering = numberPublication(pub);
  const tables = new Map(numbering.tableBlocks.map((t) => [t.id, t]));
  const document = options.document ?? createChartDocument();
  const { region, year, issuer, issued } = pub.subtitle;
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="talent-run" content="${escapeHtml(pub.runId)}">`,
    `<meta name="talent-region" content="${escapeHtml(region.code)}">`,
    `<title>${escapeHtml(pub.title)}</title>`,
    `<style>${PUBLICATION_CSS}${runningHeader(pub.title)}</style>`,
    '</head>',
    '<body>',
    `<header class="cover"><h1>${coverTitle(pub.title)}</h1><p class="subtitle">${escapeHtml(region.name)} · ${year}年度</p><p class="issuer">${escapeHtml(issuer)}</p><p class="issued">${chineseDate(issued)}</p></header>`,
    tocHtml(numbering),
    '<main>',
    ...pub.sections.map((s) => sectionHtml(s, 1, numbering, tables, document)),
    '</main>',
    `<footer class="run"><p>本报告由人才供需预测平台依据数据仓库运行编号 ${escapeHtml(pub.runId)} 的数据生成；各图表下注明资料来源，所据数据仓库表列于同名 XLSX 文件的“说明”工作表。</p></footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
