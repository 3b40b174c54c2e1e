import { join } from 'node:path';
import { INDUSTRY_LEVELS, MAJOR_LEVELS, OCCUPATION_LEVELS, REGION_LEVELS } from '../code-shapes.js';
import { CODE_LIST_COLUMNS, type CodeScheme } from '../manifest.js';
import { type LevelTotal, type SourceRef } from './common.js';
import { BuildDataError, readDataCsv, type DataRow } from './data-file.js';

/** The lists the build writes, with the scheme their codes follow. */
const LIST_SCHEMES = {
  industry: 'industry',
  occupation: 'occupation',
  region: 'region',
  major_zhongzhi: 'major',
  major_gaozhi: 'major',
  major_zhiben: 'major',
  major_benke: 'major',
} as const satisfies Record<string, CodeScheme>;
export type ListId = keyof typeof LIST_SCHEMES;

const SCHEME_LEVELS: Record<CodeScheme, readonly string[]> = {
  industry: INDUSTRY_LEVELS,
  occupation: OCCUPATION_LEVELS,
  region: REGION_LEVELS,
  major: MAJOR_LEVELS,
};

/** A copy a list is derived from, under the name the build and the evidence texts call it. */
export interface NamedSource extends SourceRef {
  source: string;
}

/** What datasets/reference/build says about one list: edition, copies and official totals. */
export interface ListData {
  listId: ListId;
  edition: string;
  sources: NamedSource[];
  totals: LevelTotal[];
  /** File under ../shared/reference of the named copy; refuses a copy the list does not name. */
  copy(source: string): string;
}

const isListId = (id: string): id is ListId => Object.hasOwn(LIST_SCHEMES, id);

function refuseUnknownLists(rows: DataRow<'list_id'>[]): void {
  for (const r of rows)
    if (!isListId(r.values.list_id))
      throw new BuildDataError(
        r.file,
        r.line,
        `unknown list ${JSON.stringify(r.values.list_id)}; expected ${Object.keys(LIST_SCHEMES).join(', ')}`,
      );
}

function readSources(buildDir: string): Map<string, NamedSource> {
  const sources = new Map<string, NamedSource>();
  for (const r of readDataCsv(join(buildDir, 'sources.csv'), ['source', 'repo', 'commit', 'path', 'licence', 'copy', 'note'])) {
    const { source, repo, commit, path, licence, copy, note } = r.values;
    if (sources.has(source)) throw new BuildDataError(r.file, r.line, `source ${source} is listed twice`);
    if (!/^[0-9a-f]{40}$/.test(commit)) throw new BuildDataError(r.file, r.line, `commit of ${source} is not 40 hex digits`);
    if (!repo || !path || !licence || !copy)
      throw new BuildDataError(r.file, r.line, `repo, path, licence and copy of ${source} must all be given`);
    sources.set(source, { source, repo, commit, path, licence, copy, ...(note ? { note } : {}) });
  }
  return sources;
}

function readTotals(buildDir: string, listId: ListId): LevelTotal[] {
  const rows = readDataCsv(join(buildDir, 'levels.csv'), ['list_id', 'level', 'official', 'count_column', 'note']);
  refuseUnknownLists(rows);
  const scheme = LIST_SCHEMES[listId];
  const countColumns: readonly string[] = CODE_LIST_COLUMNS[scheme];
  const own = rows.filter((r) => r.values.list_id === listId);
  if (!own.length) throw new BuildDataError(join(buildDir, 'levels.csv'), undefined, `no row for list ${listId}`);
  return own.map((r) => {
    const { level, official, count_column: countColumn, note } = r.values;
    if (!SCHEME_LEVELS[scheme].includes(level))
      throw new BuildDataError(r.file, r.line, `${listId} has no level ${level}; expected ${SCHEME_LEVELS[scheme].join(', ')}`);
    if (official !== '' && !/^\d+$/.test(official)) throw new BuildDataError(r.file, r.line, `official total ${official} is not a count`);
    if (countColumn && !countColumns.includes(countColumn))
      throw new BuildDataError(r.file, r.line, `count_column ${countColumn} is not a column of ${listId}`);
    return {
      level,
      official: official === '' ? null : Number(official),
      ...(note ? { note } : {}),
      ...(countColumn ? { countColumn } : {}),
    };
  });
}

/** Reads lists.csv, sources.csv and levels.csv for one list. */
export function readListData(buildDir: string, listId: ListId): ListData {
  const lists = readDataCsv(join(buildDir, 'lists.csv'), ['list_id', 'edition', 'sources']);
  refuseUnknownLists(lists);
  const row = lists.find((r) => r.values.list_id === listId);
  if (!row) throw new BuildDataError(join(buildDir, 'lists.csv'), undefined, `no row for list ${listId}`);
  const known = readSources(buildDir);
  const sources = row.values.sources.split(' ').map((s) => {
    const found = known.get(s);
    if (!found) throw new BuildDataError(row.file, row.line, `source ${JSON.stringify(s)} is not in sources.csv`);
    return found;
  });
  if (!row.values.edition) throw new BuildDataError(row.file, row.line, `edition of ${listId} is empty`);
  return {
    listId,
    edition: row.values.edition,
    sources,
    totals: readTotals(buildDir, listId),
    copy(source) {
      const found = sources.find((s) => s.source === source);
      if (!found) throw new BuildDataError(row.file, row.line, `${listId} must name the copy ${source} among its sources`);
      return found.copy;
    },
  };
}
