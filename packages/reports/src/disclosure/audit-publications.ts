import { cellDetail } from '../document/cells.js';
import { everyPublication } from '../document/annexes.js';
import { numberPublication } from '../document/numbering.js';
import type { Publication } from '../document/types.js';
import { auditCounts, type AuditResult } from './audit.js';
import type { CountCells } from './linked-systems.js';
import { DEFAULT_RULES, isSensitiveCount, type DisclosureRules } from './rules.js';

/** A count that the outputs print with a value other than the warehouse's. */
export interface Mismatch {
  key: string;
  printed: number;
  value: number;
  table: string;
}

export interface RunAudit extends AuditResult {
  mismatches: Mismatch[];
  /** Keys printed somewhere and withheld elsewhere (the printed value wins: the attacker has it). */
  inconsistent: string[];
  /** Counts read from the documents (printed + withheld). */
  printed: number;
  withheld: number;
}

/**
 * The audit of a run: reads back what every table of every publication prints (cells with a
 * `ref`), then attacks the result ({@link auditCounts}). Every renderer prints the document's cells
 * and charts draw from its tables, so this covers the HTML, PDF, CSV and XLSX alike.
 */
export async function auditPublications(
  publications: readonly Publication[],
  system: CountCells,
  rules: DisclosureRules = DEFAULT_RULES,
): Promise<RunAudit> {
  const published = new Map<string, number>();
  const withheld = new Set<string>();
  const mismatches: Mismatch[] = [];
  for (const pub of everyPublication(publications)) {
    for (const table of numberPublication(pub).tableBlocks) {
      for (const row of table.rows) {
        for (const cell of Object.values(row.cells)) {
          const d = cellDetail(cell);
          if (!d.ref) continue;
          const truth = system.cells.get(d.ref);
          if (!truth) throw new Error(`${pub.id} table ${table.id}: ref ${d.ref} is not in the count system`);
          if (d.withheld) withheld.add(d.ref);
          else if (typeof d.value === 'number') {
            if (d.value !== truth.value)
              mismatches.push({ key: d.ref, printed: d.value, value: truth.value, table: `${pub.id}/${table.id}` });
            published.set(d.ref, d.value);
          }
        }
      }
    }
  }
  const inconsistent = [...withheld].filter((k) => published.has(k));
  const sensitive = [...system.cells.values()].filter((c) => isSensitiveCount(c.value, rules) && c.value > 0).map((c) => c.key);
  // Only a sensitive cell can be too narrow: the attack bounds those (withheld or not), and a
  // withheld complement needs no bounds of its own.
  const result = await auditCounts(system, published, { rules, targets: sensitive });
  return { ...result, mismatches, inconsistent, printed: published.size, withheld: withheld.size };
}
