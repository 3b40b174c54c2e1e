import { auditCounts, type AuditResult } from './audit.js';
import type { CountSystem, Relation } from './count-system.js';
import { DEFAULT_RULES, isSensitiveCount, type DisclosureRules } from './rules.js';

/** What becomes of each cell. */
export type CellStatus = 'published' | 'primary' | 'complementary';

export interface Protection {
  status: ReadonlyMap<string, CellStatus>;
  /** The final audit over every withheld cell. */
  audit: AuditResult;
  /** Rounds of (complements for lone suppressions, attack, more complements). */
  rounds: number;
  primary: number;
  complementary: number;
}

/** Costs of suppressing a cell: small values first, margins only when nothing else will do, zeros last. */
function costOf(value: number, isMargin: boolean): number {
  if (value === 0) return 1e12;
  return value + (isMargin ? 1e9 : 0);
}

/**
 * Primary and complementary suppression over the whole system, then an attack on it.
 *
 * 1. Primary: every sensitive count (1–4 persons, {@link isSensitiveCount}).
 * 2. No relation may hold exactly one withheld cell: each such relation gets a complement, the
 *    cheapest published cell in it (smallest count, interior cells before margins, zeros last).
 * 3. Attack: {@link auditCounts} bounds every sensitive cell not yet shown safe; for each that is
 *    still too narrow, the cheapest published cell of a relation through it is withheld too, and
 *    the round repeats from 2. Withholding more never narrows an interval, so a cell found safe
 *    stays safe and later rounds attack only the others.
 *
 * The heuristic does not minimise information loss exactly (that is a mixed-integer problem); it
 * guarantees the audit passes, and the final audit is returned with the statuses.
 */
export async function protectCounts(system: CountSystem, rules: DisclosureRules = DEFAULT_RULES): Promise<Protection> {
  const relations = system.relations();
  const margins = new Set(relations.map((r) => r.total));
  const byCell = new Map<string, Relation[]>();
  for (const r of relations) for (const k of [r.total, ...r.parts]) (byCell.get(k) ?? byCell.set(k, []).get(k)!).push(r);
  const withheld = new Map<string, CellStatus>();
  for (const c of system.cells.values()) if (isSensitiveCount(c.value, rules)) withheld.set(c.key, 'primary');
  const cost = (k: string) => costOf(system.cells.get(k)!.value, margins.has(k));
  const cheapest = (keys: readonly string[]): string | undefined => {
    let best: string | undefined;
    for (const k of keys) {
      if (withheld.has(k)) continue;
      if (best === undefined || cost(k) < cost(best) || (cost(k) === cost(best) && k < best)) best = k;
    }
    return best;
  };
  const fixLoneSuppressions = () => {
    let changed = true;
    while (changed) {
      changed = false;
      for (const r of relations) {
        const members = [r.total, ...r.parts];
        if (members.filter((k) => withheld.has(k)).length !== 1) continue;
        const pick = cheapest(members);
        if (pick) {
          withheld.set(pick, 'complementary');
          changed = true;
        }
      }
    }
  };
  const published = () => {
    const m = new Map<string, number>();
    for (const c of system.cells.values()) if (!withheld.has(c.key)) m.set(c.key, c.value);
    return m;
  };
  let pending = [...withheld.keys()];
  let rounds = 0;
  while (pending.length > 0) {
    rounds++;
    fixLoneSuppressions();
    const attack = await auditCounts(system, published(), { rules, targets: pending });
    pending = attack.violations.map((v) => v.key);
    for (const key of pending) {
      const candidates = (byCell.get(key) ?? []).flatMap((r) => [r.total, ...r.parts]);
      const pick = cheapest(candidates);
      if (!pick) throw new Error(`cannot protect ${key}: every cell related to it is withheld already`);
      withheld.set(pick, 'complementary');
    }
  }
  const status = new Map<string, CellStatus>();
  for (const k of system.cells.keys()) status.set(k, withheld.get(k) ?? 'published');
  const audit = await auditCounts(system, published(), { rules, targets: withheld.keys() });
  const count = (s: CellStatus) => [...status.values()].filter((v) => v === s).length;
  return { status, audit, rounds, primary: count('primary'), complementary: count('complementary') };
}
