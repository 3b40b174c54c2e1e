/**
 * Derives the national code lists in datasets/reference/ from the third-party copies in
 * ../shared/reference/ (see SOURCES.md there), reconciling the copies code by code.
 *
 *   npx tsx --conditions=source packages/models/src/taxonomy/build/build-code-lists.ts
 *
 * Reproducible: same inputs, byte-identical outputs. Every difference between the copies, and
 * every code the edition counts that is not loaded, is written to reference/reconciliation/.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_LIST_COLUMNS, RECONCILIATION_FILE_COLUMNS, type CodeListsManifest, type ListManifest } from '../manifest.js';
import { type LevelTotal, type ReconciliationRow, type SourceRef } from './common.js';
import { writeCsv as writeCsvFile, writeFileAtomic } from '../../csv/index.js';

const writeCsv = (path: string, columns: readonly string[], rows: readonly object[]) =>
  writeCsvFile(path, columns, rows as Iterable<Record<string, string>>, { safe: false, quoteSpaced: true });
import { buildIndustry, INDUSTRY_EDITION, INDUSTRY_SOURCE } from './industry.js';
import { buildMajors } from './major.js';
import { buildOccupation, OCCUPATION_EDITION, OCCUPATION_SOURCES } from './occupation.js';
import { buildRegion, REGION_EDITION, REGION_SOURCES } from './region.js';

function levels(totals: LevelTotal[]): ListManifest['levels'] {
  return totals.map((t) => ({
    level: t.level,
    official: t.official,
    ...(t.note ? { note: t.note } : {}),
    ...(t.countColumn ? { countColumn: t.countColumn } : {}),
  }));
}

function sources(refs: SourceRef[]): ListManifest['sources'] {
  return refs.map((s) => ({
    repo: s.repo,
    commit: s.commit,
    path: s.path,
    licence: s.licence,
    copy: `../shared/reference/${s.copy}`,
    ...(s.note ? { note: s.note } : {}),
  }));
}

/** Builds every list and writes CSVs, reconciliation files and the manifest into `outDir`. */
export function buildCodeLists(sharedDir: string, outDir: string): CodeListsManifest {
  const lists: ListManifest[] = [];
  const writeReco = (listId: string, rows: ReconciliationRow[]) => {
    const file = `reconciliation/${listId}.csv`;
    writeCsv(join(outDir, file), RECONCILIATION_FILE_COLUMNS, rows);
    return file;
  };

  // One national list: its CSV, its reconciliation file and its manifest entry.
  const addList = (
    scheme: 'industry' | 'occupation' | 'region',
    file: string,
    built: { rows: object[]; reconciliation: ReconciliationRow[]; totals: LevelTotal[] },
    edition: string,
    from: SourceRef[],
  ) => {
    writeCsv(join(outDir, file), CODE_LIST_COLUMNS[scheme], built.rows);
    lists.push({
      listId: scheme,
      table: `ref.${scheme}`,
      scheme,
      files: [file],
      edition,
      sources: sources(from),
      reconciliation: writeReco(scheme, built.reconciliation),
      levels: levels(built.totals),
    });
  };
  addList('industry', 'industry/gbt4754_2017.csv', buildIndustry(sharedDir), INDUSTRY_EDITION, [INDUSTRY_SOURCE]);
  addList('occupation', 'occupation/csco_2022.csv', buildOccupation(sharedDir), OCCUPATION_EDITION, [
    OCCUPATION_SOURCES.anthonyliantao,
    OCCUPATION_SOURCES.solisamicus,
  ]);
  addList('region', 'region/gbt2260.csv', buildRegion(sharedDir), REGION_EDITION, REGION_SOURCES);

  const majors = buildMajors(sharedDir);
  for (const m of majors.lists) {
    writeCsv(join(outDir, m.file), CODE_LIST_COLUMNS.major, m.rows);
    lists.push({
      listId: m.listId,
      table: 'ref.major',
      scheme: 'major',
      catalog: m.catalog,
      files: [m.file],
      edition: m.edition,
      sources: sources(m.sources),
      reconciliation: writeReco(
        m.listId,
        majors.reconciliation.filter((r) => r.list_id === m.listId),
      ),
      levels: levels(m.totals),
    });
  }

  const manifest: CodeListsManifest = {
    description:
      'National code lists loaded into schema ref. Written by packages/models/src/taxonomy/build/build-code-lists.ts from ../shared/reference; read by readCodeLists().',
    lists,
  };
  writeFileAtomic(join(outDir, 'code-lists.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [shared, out] = process.argv.slice(2);
  if (!shared || !out) {
    console.error('usage: build-code-lists.ts <shared reference dir> <reference dir to write>');
    process.exitCode = 2;
  } else {
    const manifest = buildCodeLists(shared, out);
    for (const l of manifest.lists) console.log(`${l.listId.padEnd(16)} ${l.files.join(', ')}`);
  }
}
