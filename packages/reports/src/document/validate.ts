import { cellDetail } from './cells.js';
import { numberPublication } from './numbering.js';
import type { ChartSpec, Provenance, Publication, TableBlock } from './types.js';

/** The table columns a chart reads. */
function specColumns(spec: ChartSpec): string[] {
  switch (spec.type) {
    case 'line-fan':
      return [spec.x, spec.observed, spec.forecast, spec.lower80, spec.upper80, spec.lower95, spec.upper95];
    case 'bars':
      return [spec.category, ...spec.values];
    case 'heatmap':
      return [spec.rowLabel, ...spec.columns];
    case 'small-multiples':
      return [spec.group, ...spec.series.map((s) => s.column)];
  }
}

const CJK = /[\u4e00-\u9fff]/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MODEL = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

/** One thing wrong with a document, with the path of the offending part. */
export interface DocumentIssue {
  path: string;
  message: string;
}

function checkSource(path: string, source: Provenance | undefined, runId: string, issues: DocumentIssue[]): void {
  if (!source) {
    issues.push({ path, message: 'no source (warehouse model and run id)' });
    return;
  }
  if (!MODEL.test(source.model)) issues.push({ path, message: `source model ${JSON.stringify(source.model)} is not schema.table` });
  if (source.runId !== runId) issues.push({ path, message: `source run ${source.runId} differs from the publication's run ${runId}` });
}

function checkTable(path: string, table: TableBlock, runId: string, issues: DocumentIssue[]): void {
  checkSource(path, table.source, runId, issues);
  const keys = new Set<string>();
  for (const c of table.columns) {
    if (keys.has(c.key)) issues.push({ path, message: `column ${c.key} twice` });
    keys.add(c.key);
    if (!CJK.test(c.header)) issues.push({ path, message: `column ${c.key} header ${JSON.stringify(c.header)} is not Chinese` });
    if (c.width !== undefined && !(c.width > 0)) issues.push({ path, message: `column ${c.key} width ${c.width} is not positive` });
  }
  const widths = table.columns.reduce((s, c) => s + (c.width ?? 0), 0);
  if (widths > 100) issues.push({ path, message: `column widths add up to ${widths}%, more than the table` });
  const notes = new Set((table.notes ?? []).map((n) => n.id));
  const rowKeys = new Set<string>();
  for (const row of table.rows) {
    if (rowKeys.has(row.key)) issues.push({ path, message: `row ${row.key} twice` });
    rowKeys.add(row.key);
    for (const [key, cell] of Object.entries(row.cells)) {
      if (!keys.has(key)) issues.push({ path, message: `row ${row.key} has a cell for unknown column ${key}` });
      const d = cellDetail(cell);
      if (d.withheld && d.value !== undefined && d.value !== null) {
        issues.push({ path, message: `row ${row.key} column ${key} is withheld but still holds its value` });
      }
      if (
        d.band &&
        ((d.value !== undefined && d.value !== null) ||
          d.withheld ||
          !(0 <= d.band.lower && d.band.lower < d.band.upper && d.band.upper <= 100))
      )
        issues.push({ path, message: `row ${row.key} column ${key}: a band holds a value, is withheld, or has bad edges` });
      for (const n of d.notes ?? []) if (!notes.has(n)) issues.push({ path, message: `row ${row.key} column ${key}: unknown note ${n}` });
    }
  }
}

/**
 * Checks what the types cannot: unique ASCII ids, Chinese headings and headers, every table with
 * a source in the publication's run, every chart drawn from a table of the same publication,
 * withheld cells emptied of their values, note references resolved.
 */
export function validatePublication(pub: Publication): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  if (!ID.test(pub.id)) issues.push({ path: 'id', message: `${JSON.stringify(pub.id)} is not a file-safe id` });
  if (!CJK.test(pub.title)) issues.push({ path: 'title', message: 'title is not Chinese' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(pub.subtitle.issued)) issues.push({ path: 'subtitle.issued', message: 'not YYYY-MM-DD' });
  const numbering = numberPublication(pub);
  const ids = new Set<string>();
  const claim = (path: string, id: string) => {
    if (!ID.test(id)) issues.push({ path, message: `${JSON.stringify(id)} is not a file-safe id` });
    if (ids.has(id)) issues.push({ path, message: `id ${id} used twice` });
    ids.add(id);
  };
  for (const { section } of numbering.sections) {
    claim(`section ${section.id}`, section.id);
    if (!CJK.test(section.title)) issues.push({ path: `section ${section.id}`, message: 'title is not Chinese' });
    section.blocks.forEach((block, i) => {
      const path = `section ${section.id} block ${i}`;
      if (block.kind === 'table') {
        claim(path, block.id);
        checkTable(`table ${block.id}`, block, pub.runId, issues);
      } else if (block.kind === 'chart') {
        claim(path, block.id);
        const table = section.blocks.find((b): b is TableBlock => b.kind === 'table' && b.id === block.table);
        if (!table) {
          issues.push({
            path: `chart ${block.id}`,
            message: `table ${block.table} is not in the chart's section (a table goes beside every chart)`,
          });
        } else {
          for (const key of specColumns(block.spec)) {
            if (!table.columns.some((c) => c.key === key))
              issues.push({ path: `chart ${block.id}`, message: `table ${table.id} has no column ${key}` });
          }
          if (block.spec.type === 'bars')
            for (const key of block.spec.values) {
              const c = table.columns.find((col) => col.key === key);
              if (c && !c.unit && !table.unit)
                issues.push({ path: `chart ${block.id}`, message: `value column ${key} has no unit for the axis label` });
            }
        }
      } else if (block.kind === 'paragraph' && block.source) {
        checkSource(path, block.source, pub.runId, issues);
      }
    });
  }
  return issues;
}

/** Throws with every issue listed when {@link validatePublication} finds any. */
export function assertValidPublication(pub: Publication): void {
  const issues = validatePublication(pub);
  if (issues.length > 0) {
    throw new Error(`publication ${pub.id} is not valid:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  }
}
