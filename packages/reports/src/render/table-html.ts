import { BAND_NOTE, cellDetail, cellText, WITHHELD_NOTE } from '../document/cells.js';
import type { Column, TableBlock } from '../document/types.js';
import { escapeHtml } from './escape-html.js';
import { sourceHtml } from './source-html.js';

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** The mark of the i-th note of a table: ①, ②, … */
export function noteMark(i: number): string {
  return CIRCLED[i] ?? `(${i + 1})`;
}

/** Tables up to this many rows are kept on one page in print. */
const SHORT_TABLE_ROWS = 24;
/** Tables with more columns print in a smaller size. */
const WIDE_TABLE_COLUMNS = 8;

function headerCell(c: Column, rowspan: number): string {
  const unit = c.unit ? `<br><span class="unit-h">（${escapeHtml(c.unit)}）</span>` : '';
  return `<th scope="col"${rowspan > 1 ? ` rowspan="${rowspan}"` : ''}>${escapeHtml(c.header)}${unit}</th>`;
}

function thead(columns: readonly Column[]): string {
  if (!columns.some((c) => c.group)) return `<thead><tr>${columns.map((c) => headerCell(c, 1)).join('')}</tr></thead>`;
  const top: string[] = [];
  const bottom: string[] = [];
  for (let i = 0; i < columns.length;) {
    const c = columns[i]!;
    if (!c.group) {
      top.push(headerCell(c, 2));
      i++;
      continue;
    }
    let j = i;
    while (j < columns.length && columns[j]!.group === c.group) bottom.push(headerCell(columns[j++]!, 1));
    top.push(`<th scope="colgroup" colspan="${j - i}" class="group">${escapeHtml(c.group)}</th>`);
    i = j;
  }
  return `<thead><tr>${top.join('')}</tr><tr>${bottom.join('')}</tr></thead>`;
}

/** The class of a column's wrapping rule (see {@link Column.wrap}), with its leading space. */
function wrapClass(c: Column): string {
  return c.wrap ? ` wrap-${c.wrap}` : '';
}

function cellClass(c: Column): string {
  if (c.format.kind !== 'text') return `num${wrapClass(c)}`;
  return (c.measure === 'other' && /代码|编码|序号|排位/.test(c.header) ? 'code' : 'text') + wrapClass(c);
}

/** The columns' widths, when the table sets any (see {@link Column.width}). */
function colgroup(columns: readonly Column[]): string {
  if (!columns.some((c) => c.width !== undefined)) return '';
  return `<colgroup>${columns.map((c) => (c.width === undefined ? '<col>' : `<col style="width:${c.width}%">`)).join('')}</colgroup>`;
}

/** A table block as an HTML `<figure>`: caption, unit line, table, notes and its source line. */
export function tableHtml(table: TableBlock, number: string): string {
  const notes = table.notes ?? [];
  const markOf = new Map(notes.map((n, i) => [n.id, noteMark(i)]));
  let anyWithheld = false;
  let anyBand = false;
  const body = table.rows
    .map((row) => {
      const cls = [row.total ? 'total' : '', row.level ? `level-${row.level}` : ''].filter(Boolean).join(' ');
      const tds = table.columns.map((c, i) => {
        const cell = row.cells[c.key];
        const d = cellDetail(cell);
        if (d.withheld) anyWithheld = true;
        if (d.band) anyBand = true;
        const sup = (d.notes ?? []).map((n) => markOf.get(n) ?? '').join('');
        const text = escapeHtml(cellText(cell, c)) + (sup ? `<sup>${sup}</sup>` : '');
        return i === 0 && c.format.kind === 'text'
          ? `<th scope="row" class="text${wrapClass(c)}">${text}</th>`
          : `<td class="${cellClass(c)}">${text}</td>`;
      });
      return `<tr${cls ? ` class="${cls}"` : ''}>${tds.join('')}</tr>`;
    })
    .join('\n');
  const noteLines = notes.map((n) => `<p>${markOf.get(n.id)}${escapeHtml(n.text)}</p>`);
  if (anyBand) noteLines.push(`<p>${escapeHtml(BAND_NOTE)}</p>`);
  if (anyWithheld) noteLines.push(`<p>${escapeHtml(WITHHELD_NOTE)}</p>`);
  const short = table.rows.length <= SHORT_TABLE_ROWS ? ' short' : '';
  const classes = [
    table.columns.length > WIDE_TABLE_COLUMNS || table.small ? 'wide' : '',
    table.columns.some((c) => c.width !== undefined) ? 'fixed' : '',
  ].filter(Boolean);
  const tableClass = classes.length ? ` class="${classes.join(' ')}"` : '';
  return [
    `<figure class="table${short}" id="${escapeHtml(table.id)}">`,
    `<figcaption>${escapeHtml(number)}\u3000${escapeHtml(table.caption)}</figcaption>`,
    table.unit ? `<p class="unit">单位：${escapeHtml(table.unit)}</p>` : '',
    `<table${tableClass}>${colgroup(table.columns)}${thead(table.columns)}<tbody>\n${body}\n</tbody></table>`,
    `<div class="notes">${noteLines.length ? `<p>注：</p>${noteLines.join('')}` : ''}${sourceHtml(table.source)}</div>`,
    `</figure>`,
  ]
    .filter(Boolean)
    .join('\n');
}
