import { auditCounts, type AuditResult, type CellInterval } from './audit.js';
import type { Relation } from './count-system.js';
import type { CountCells } from './linked-systems.js';
import { DEFAULT_RULES, isSensitiveCount, type DisclosureRules } from './rules.js';

/**
 * What becomes of each cell. `unpublished`: a cell no output prints (the tables of a school without
 * a report of its own), unknown to an attacker like a withheld one.
 */
export type CellStatus = 'published' | 'primary' | 'complementary' | 'unpublished';

export interface ProtectOptions {
  /**
   * Cells whose status is decided already (the region's cells when the schools' systems are
   * protected after the region's): a withheld one stays withheld, and a published one is picked as
   * a complement only when no undecided cell will do. Attacked like the others.
   */
  decided?: ReadonlyMap<string, CellStatus>;
}

export interface Protection {
  status: ReadonlyMap<string, CellStatus>;
  /** Every sensitive cell's interval as last attacked (each contains the protection range). */
  audit: AuditResult;
  /** Rounds of (complements for lone suppressions, attack, more complements). */
  rounds: number;
  primary: number;
  complementary: number;
}

/** Added to the cost of a decided cell: withheld only when nothing undecided will do. */
const DECIDED_COST = 1e15;

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
 * With `decided` statuses (the region's, when the schools' systems linked to it are protected),
 * those cells start as they are and a published one is a complement of last resort.
 *
 * The heuristic does not minimise information loss exactly (that is a mixed-integer problem); it
 * guarantees the audit passes, and returns each sensitive cell's interval as last attacked.
 */
export async function protectCounts(
  system: CountCells,
  rules: DisclosureRules = DEFAULT_RULES,
  options: ProtectOptions = {},
): Promise<Protection> {
  const decided = options.decided ?? new Map<string, CellStatus>();
  const relations = system.relations();
  const margins = new Set(relations.map((r) => r.total));
  const byCell = new Map<string, Relation[]>();
  for (const r of relations) for (const k of [r.total, ...r.parts]) (byCell.get(k) ?? byCell.set(k, []).get(k)!).push(r);
  const withheld = new Map<string, CellStatus>();
  for (const [k, s] of decided) if (s !== 'published' && system.cells.has(k)) withheld.set(k, s);
  for (const c of system.cells.values()) if (!decided.has(c.key) && isSensitiveCount(c.value, rules)) withheld.set(c.key, 'primary');
  // A relation of one part makes two cells one number (a school's newest cohort is its row in the
  // region's table): withholding one withholds the other, so a cell equal to a decided one costs as much.
  const sameAs = new Map<string, string[]>();
  for (const r of relations)
    if (r.parts.length === 1) {
      (sameAs.get(r.total) ?? sameAs.set(r.total, []).get(r.total)!).push(r.parts[0]!);
      (sameAs.get(r.parts[0]!) ?? sameAs.set(r.parts[0]!, []).get(r.parts[0]!)!).push(r.total);
    }
  const isDecided = (k: string) => decided.has(k) || (sameAs.get(k) ?? []).some((o) => decided.has(o));
  const cost = (k: string) => costOf(system.cells.get(k)!.value, margins.has(k)) + (isDecided(k) ? DECIDED_COST : 0);
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
  // The cheapest cell of a relation through `key`; when all of those are withheld already, of a
  // relation through one of them, and so on outwards (a cell may be bounded through relations of
  // other systems that the lone-suppression rule saw with two withheld cells).
  const nearestCandidate = (key: string): string | undefined => {
    const seen = new Set([key]);
    let ring = [key];
    while (ring.length > 0) {
      const members = ring.flatMap((k) => (byCell.get(k) ?? []).flatMap((r) => [r.total, ...r.parts]));
      const pick = cheapest(members);
      if (pick) return pick;
      ring = members.filter((k) => !seen.has(k) && withheld.has(k));
      for (const k of ring) seen.add(k);
    }
    return undefined;
  };
  const published = () => {
    const m = new Map<string, number>();
    for (const c of system.cells.values()) if (!withheld.has(c.key)) m.set(c.key, c.value);
    return m;
  };
  // Only a sensitive cell can be too narrow; complements and unpublished cells of other sizes need no attack.
  const sensitiveWithheld = () => [...withheld.keys()].filter((k) => isSensitiveCount(system.cells.get(k)!.value, rules));
  let pending = sensitiveWithheld();
  let rounds = 0;
  // Each sensitive cell's interval as last attacked: withholding more never narrows an interval,
  // so one shown safe in a round is safe at the end, and no final attack of every cell is needed.
  const last = new Map<string, CellInterval>();
  let lpSolved = 0;
  let largestGroup = 0;
  let seconds = 0;
  let attack: AuditResult | undefined;
  while (pending.length > 0) {
    rounds++;
    fixLoneSuppressions();
    attack = await auditCounts(system, published(), { rules, targets: pending });
    for (const i of attack.intervals) last.set(i.key, i);
    lpSolved += attack.lpSolved;
    largestGroup = Math.max(largestGroup, attack.largestGroup);
    seconds += attack.seconds;
    pending = attack.violations.map((v) => v.key);
    for (const key of pending) {
      const pick = nearestCandidate(key);
      if (!pick) throw new Error(`cannot protect ${key}: every cell linked to it is withheld already`);
      withheld.set(pick, 'complementary');
    }
  }
  const status = new Map<string, CellStatus>();
  for (const k of system.cells.keys()) status.set(k, withheld.get(k) ?? 'published');
  const intervals = [...last.values()].sort((a, b) => a.key.localeCompare(b.key));
  const audit: AuditResult = attack
    ? { ...attack, intervals, violations: [], lpSolved, largestGroup, seconds }
    : await auditCounts(system, published(), { rules, targets: [] });
  const count = (s: CellStatus) => [...status.values()].filter((v) => v === s).length;
  return { status, audit, rounds, primary: count('primary'), complementary: count('complementary') };
}
