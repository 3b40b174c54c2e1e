import { cellDetail } from '../document/cells.js';
import { everyPublication } from '../document/annexes.js';
import { numberPublication } from '../document/numbering.js';
import type { Publication } from '../document/types.js';
import { auditCounts, type AuditResult } from './audit.js';
import type { Inequality } from './count-system.js';
import { bandInequalities } from './rate-bands.js';
import type { CountCells } from './linked-systems.js';
import { DEFAULT_RULES, isSensitiveCount, type DisclosureRules } from './rules.js';

/** A count that the outputs print with a value other than the warehouse's. */
export interface Mismatch {
  key: string;
  /** The count printed, or a band's text and the rate it should hold. */
  printed: number | string;
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
  /** Rates printed as bands (each adds its inequalities to the attack). */
  bands: number;
}

/**
 * The audit of a run: reads back what every table of every publication prints (cells with a
 * `ref`, and rates printed as bands with the inequalities they reveal), then attacks the result
 * ({@link auditCounts}). Every renderer prints the document's cells
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
  const inequalities: Inequality[] = [];
  for (const pub of everyPublication(publications)) {
    for (const table of numberPublication(pub).tableBlocks) {
      for (const row of table.rows) {
        for (const cell of Object.values(row.cells)) {
          const d = cellDetail(cell);
          if (d.band) {
            const [u, n] = [d.band.unemployed, d.band.graduates].map((k) => {
              const c = system.cells.get(k);
              if (!c) throw new Error(`${pub.id} table ${table.id}: band ref ${k} is not in the count system`);
              return c.value;
            });
            // The true rate must lie in the printed band: lower ≤ 100·(n − u)/n < upper (≤ 100 at the top).
            const rate = 100 * (n! - u!);
            if (!(d.band.lower * n! <= rate && (rate < d.band.upper * n! || (d.band.upper >= 100 && rate <= 100 * n!))))
              mismatches.push({
                key: d.band.unemployed,
                printed: `${d.band.lower}–${d.band.upper}%`,
                value: u!,
                table: `${pub.id}/${table.id}`,
              });
            inequalities.push(...bandInequalities(d.band));
            continue;
          }
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
  // The bands as printed, beside any inequalities the system holds.
  const read = {
    cells: system.cells,
    relations: () => system.relations(),
    inequalities: () => [...(system.inequalities?.() ?? []), ...inequalities],
  };
  const result = await auditCounts(read, published, { rules, targets: sensitive });
  return { ...result, mismatches, inconsistent, printed: published.size, withheld: withheld.size, bands: inequalities.length / 2 };
}
