import { escapeHtml } from './escape-html.js';
import { PUBLICATION_CSS } from './styles.js';

/** One publication's files, relative to the run folder. */
export interface IndexEntry {
  title: string;
  region: string;
  year: number;
  html: string;
  pdf?: string;
  xlsx: string;
  csv: readonly { caption: string; path: string }[];
  /** Reports written under this one (the school reports of a graduate report). */
  annexes?: { title: string; entries: readonly IndexEntry[]; omitted?: readonly string[]; omittedReason?: string };
}

const href = (path: string) => escapeHtml(path.split('/').map(encodeURIComponent).join('/'));

/** The run's index page: every publication with links to its HTML, PDF, XLSX and per-table CSV files. */
export function renderIndexHtml(runId: string, entries: readonly IndexEntry[]): string {
  const files = (e: IndexEntry) =>
    `<a href="${href(e.html)}">HTML</a>${e.pdf ? ` · <a href="${href(e.pdf)}">PDF</a>` : ''} · <a href="${href(e.xlsx)}">XLSX</a>`;
  const rows = entries
    .map((e) => {
      const csv = e.csv.map((c) => `<li><a href="${href(c.path)}">${escapeHtml(c.caption)}</a></li>`).join('');
      const annexes = e.annexes
        ? [
            `<tr class="annexes"><td></td><td class="text" colspan="4"><details><summary>${escapeHtml(e.annexes.title)}（${e.annexes.entries.length}份）</summary><ol>`,
            ...e.annexes.entries.map(
              (a) =>
                `<li><a href="${href(a.html)}">${escapeHtml(a.title)}</a>（${escapeHtml(a.region)}）${files(a)} · ${a.csv.length}个表格（CSV，<a href="${href(a.csv[0]?.path.replace(/[^/]+$/, '') ?? '')}">文件夹</a>）</li>`,
            ),
            '</ol>',
            e.annexes.omitted?.length
              ? `<p>${escapeHtml(e.annexes.omittedReason ?? '未单独发布')}：${e.annexes.omitted.map(escapeHtml).join('、')}。</p>`
              : '',
            '</details></td></tr>',
          ].join('')
        : '';
      return [
        '<tr>',
        `<th scope="row" class="text"><a href="${href(e.html)}">${escapeHtml(e.title)}</a></th>`,
        `<td class="text">${escapeHtml(e.region)}</td>`,
        `<td class="code">${e.year}</td>`,
        `<td class="code">${files(e)}</td>`,
        `<td class="text"><details><summary>${e.csv.length}个表格</summary><ol>${csv}</ol></details></td>`,
        '</tr>',
        annexes,
      ].join('');
    })
    .join('\n');
  // A school report listed under the province's and its city's report is one report.
  const annexCount = new Set(entries.flatMap((e) => e.annexes?.entries.map((a) => a.html) ?? [])).size;
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="talent-run" content="${escapeHtml(runId)}">`,
    `<title>报告目录 · 运行编号 ${escapeHtml(runId)}</title>`,
    `<style>${PUBLICATION_CSS}\nbody { max-width: 260mm; }\ndetails ol { margin: 1mm 0 0; padding-left: 2em; }</style>`,
    '</head>',
    '<body>',
    `<h1>报告目录</h1><p>数据仓库运行编号 ${escapeHtml(runId)} 生成的全部报告（共${entries.length}份${annexCount ? `，另有院校报告${annexCount}份，列在所属报告之下` : ''}）。表格另以 CSV（UTF-8，可用 Excel 打开）和 XLSX 提供。</p>`,
    '<table><thead><tr><th>报告</th><th>地区</th><th>年度</th><th>文件</th><th>表格（CSV）</th></tr></thead><tbody>',
    rows,
    '</tbody></table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
