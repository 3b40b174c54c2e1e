import { join } from 'node:path';
import { type ReconciliationRow } from './common.js';
import { BuildDataError, readDataCsv } from './data-file.js';

/**
 * How a column of a decision file is read: `flag` is `true` or empty; `yes-no` is `true`,
 * `false` or empty (empty leaves the copies' answer); `code` is empty or a code of the list;
 * `text` is free text.
 */
export type ColumnKind = 'flag' | 'yes-no' | 'code' | 'text';
type ValueOf<K extends ColumnKind> = K extends 'flag' ? boolean : K extends 'yes-no' ? boolean | undefined : string | undefined;
export type DecisionColumns = Record<string, ColumnKind>;

/** Columns every decision file carries; they are written unchanged to reconciliation/<list>.csv. */
const RECORD_COLUMNS = ['code', 'level', 'count_gap', 'issue', 'resolution', 'evidence'] as const;

/** Code of a row about the list as a whole (a residual between a total and the codes). */
const WHOLE_LIST = '*';

export interface Decision<C extends DecisionColumns> {
  file: string;
  line: number;
  code: string;
  /** The list-specific columns, read by their kind. */
  set: { [K in keyof C]: ValueOf<C[K]> };
  record: ReconciliationRow;
}

/** Which decision file a list has and what its codes and levels look like. */
export interface DecisionFileSpec<C extends DecisionColumns> {
  listId: string;
  file: string;
  columns: C;
  levels: readonly string[];
  isCode: (code: string) => boolean;
}

/** The decisions of one list, keyed by code; tracks which codes the copies presented. */
export class Decisions<C extends DecisionColumns> {
  readonly wholeList: Decision<C>[] = [];
  private readonly byCode = new Map<string, Decision<C>>();
  private readonly taken = new Set<string>();

  add(d: Decision<C>): void {
    const first = this.byCode.get(d.code);
    if (first) throw this.refusal(d, `second decision for ${d.code} (the first is on line ${first.line})`);
    this.byCode.set(d.code, d);
  }

  /** The decision for a code the copies present, if any. */
  take(code: string): Decision<C> | undefined {
    const d = this.byCode.get(code);
    if (d) this.taken.add(code);
    return d;
  }

  /** Every decision about a code, in file order. */
  all(): Decision<C>[] {
    return [...this.byCode.values()];
  }

  /** Decisions whose code the copies never presented: recorded, they would never be applied. */
  untaken(): Decision<C>[] {
    return this.all().filter((d) => !this.taken.has(d.code));
  }

  /** The error to throw for a decision that cannot be applied: it names the file and line. */
  refusal(d: Decision<C>, problem: string): BuildDataError {
    return new BuildDataError(d.file, d.line, problem);
  }
}

function readValue(kind: ColumnKind, raw: string, isCode: (c: string) => boolean): boolean | string | undefined | null {
  switch (kind) {
    case 'flag':
      return raw === 'true' ? true : raw === '' ? false : null;
    case 'yes-no':
      return raw === 'true' ? true : raw === 'false' ? false : raw === '' ? undefined : null;
    case 'code':
      return raw === '' ? undefined : isCode(raw) ? raw : null;
    case 'text':
      return raw === '' ? undefined : raw;
  }
}

const EXPECTED: Record<ColumnKind, string> = {
  flag: 'true or empty',
  'yes-no': 'true, false or empty',
  code: 'a code of the list or empty',
  text: 'text',
};

/** Reads `<buildDir>/<spec.file>`, refusing any value the build would not know how to apply. */
export function readDecisions<C extends DecisionColumns>(buildDir: string, spec: DecisionFileSpec<C>): Decisions<C> {
  const decisions = new Decisions<C>();
  const flagColumns = Object.keys(spec.columns);
  for (const r of readDataCsv(join(buildDir, spec.file), [...RECORD_COLUMNS, ...flagColumns])) {
    const v = r.values as Record<(typeof RECORD_COLUMNS)[number], string> & Record<string, string>;
    const refusal = (problem: string) => new BuildDataError(r.file, r.line, problem);
    if (v.code !== WHOLE_LIST && !spec.isCode(v.code)) throw refusal(`${JSON.stringify(v.code)} is not a code of ${spec.listId}`);
    if (!spec.levels.includes(v.level)) throw refusal(`level ${JSON.stringify(v.level)}; expected one of ${spec.levels.join(', ')}`);
    if (!/^-?\d+$/.test(v.count_gap)) throw refusal(`count_gap ${JSON.stringify(v.count_gap)} is not a whole number`);
    for (const c of ['issue', 'resolution', 'evidence'] as const) if (!v[c]) throw refusal(`${c} is empty`);
    const set: Record<string, unknown> = {};
    for (const c of flagColumns) {
      const value = readValue(spec.columns[c]!, v[c]!, spec.isCode);
      if (value === null) throw refusal(`column ${c} reads ${JSON.stringify(v[c])}; expected ${EXPECTED[spec.columns[c]!]}`);
      if (v.code === WHOLE_LIST && value !== undefined && value !== false)
        throw refusal(`a row for ${WHOLE_LIST} (the list as a whole) cannot set ${c}`);
      set[c] = value;
    }
    const d: Decision<C> = {
      file: r.file,
      line: r.line,
      code: v.code,
      set: set as Decision<C>['set'],
      record: {
        list_id: spec.listId,
        code: v.code,
        issue: v.issue,
        resolution: v.resolution,
        evidence: v.evidence,
        level: v.level,
        count_gap: Number(v.count_gap),
      },
    };
    if (d.code === WHOLE_LIST) decisions.wholeList.push(d);
    else decisions.add(d);
  }
  return decisions;
}
