/**
 * Reads a printed publication back with poppler's pdftotext, independently of how the printer
 * numbered it: where each contents entry says its target is, and where the target's heading is.
 */
import { execFileSync } from 'node:child_process';
import { numberPublication, type Publication } from '../src/index.js';

/** Each page's lines, whitespace removed (Chinese text has none; pdftotext inserts it). */
export function pageLines(pdfPath: string): string[][] {
  return execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' })
    .split('\f')
    .map((page) =>
      page
        .split('\n')
        .map((l) => l.replace(/[\s\u3000]+/g, ''))
        .filter(Boolean),
    );
}

/** The text of each contents entry of a publication: sections to depth 2, then tables, then figures. */
export function contentsLabels(pub: Publication): string[] {
  const n = numberPublication(pub);
  const compact = (s: string) => s.replace(/[\s\u3000]+/g, '');
  return [
    ...n.sections.filter((s) => s.depth <= 2).map((s) => compact(`${s.number}${s.section.title}`)),
    ...n.tableBlocks.map((t) => compact(`${n.tables.get(t.id)}${t.caption}`)),
    ...n.chartBlocks.map((c) => compact(`${n.charts.get(c.id)}${c.caption}`)),
  ];
}

export interface ContentsCheck {
  label: string;
  /** Page of the contents line, the number printed on it, and the first page after the contents whose line is the label. */
  contentsPage: number;
  printed: number;
  found: number | null;
}

/**
 * For each label: the contents line `<label><page>` (its first occurrence), and the first page
 * after that line's page holding a line that is exactly the label (the heading or the caption).
 */
export function checkContents(pdfPath: string, labels: readonly string[]): { pages: number; checks: ContentsCheck[]; missing: string[] } {
  const pages = pageLines(pdfPath);
  const checks: ContentsCheck[] = [];
  const missing: string[] = [];
  for (const label of labels) {
    const entry = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)$`);
    let hit: { page: number; printed: number } | undefined;
    for (let p = 0; p < pages.length && !hit; p++)
      for (const line of pages[p]!) {
        const m = entry.exec(line);
        if (m) {
          hit = { page: p + 1, printed: Number(m[1]) };
          break;
        }
      }
    if (!hit) {
      missing.push(label);
      continue;
    }
    let found: number | null = null;
    for (let p = hit.page; p < pages.length && found === null; p++) if (pages[p]!.includes(label)) found = p + 1;
    checks.push({ label, contentsPage: hit.page, printed: hit.printed, found });
  }
  return { pages: pages.filter((p) => p.length > 0).length, checks, missing };
}
