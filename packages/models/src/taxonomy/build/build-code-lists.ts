/**
 * Derives the national code lists in datasets/reference/ from the third-party copies in
 * ../shared/reference/ (see SOURCES.md there), reconciling the copies code by code. Editions,
 * sources, official totals and the decisions taken code by code are read from
 * datasets/reference/build/ (see the README there).
 *
 *   npx tsx --conditions=source packages/models/src/taxonomy/build/build-code-lists.ts ../shared/reference datasets/reference
 *
 * Reproducible: same inputs, byte-identical outputs. Every difference between the copies, and
 * every code the edition counts that is not loaded, is written to reference/reconciliation/.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_LIST_COLUMNS, RECONCILIATION_FILE_COLUMNS, type CodeListsManifest, type ListManifest } from '../manifest.js';
import { type LevelTotal, type ReconciliationRow, type SourceRef } from './common.js';
import { defaultBuildDir } from './data-file.js';
import { type ListData } from './list-data.js';
import { writeCsv as writeCsvFile, writeFileAtomic } from '../../csv/index.js';

const writeCsv = (path: string, columns: readonly string[], rows: readonly object[]) =>
  writeCsvFile(path, columns, rows as Iterable<Record<string, string>>, { safe: false, quoteSpaced: true });
import { buildIndustry } from './industry.js';
import { buildMajors } from './major.js';
import { buildOccupation } from './occupation.js';
import { buildRegion } from './region.js';

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

/**
 * Builds every list and writes CSVs, reconciliation files and the manifest into `outDir`;
 * `buildDir` holds the build's own inputs (datasets/reference/build by default).
 */
export function buildCodeLists(sharedDir: string, outDir: string, buildDir = defaultBuildDir()): CodeListsManifest {
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
    built: { rows: object[]; reconciliation: ReconciliationRow[]; list: ListData },
  ) => {
    writeCsv(join(outDir, file), CODE_LIST_COLUMNS[scheme], built.rows);
    lists.push({
      listId: scheme,
      table: `ref.${scheme}`,
      scheme,
      files: [file],
      edition: built.list.edition,
      sources: sources(built.list.sources),
      reconciliation: writeReco(scheme, built.reconciliation),
      levels: levels(built.list.totals),
    });
  };
  addList('industry', 'industry/gbt4754_2017.csv', buildIndustry(sharedDir, buildDir));
  addList('occupation', 'occupation/csco_2022.csv', buildOccupation(sharedDir, buildDir));
  addList('region', 'region/gbt2260.csv', buildRegion(sharedDir, buildDir));

  const majors = buildMajors(sharedDir, buildDir);
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
  const [shared, out, buildDir] = process.argv.slice(2);
  if (!shared || !out) {
    console.error('usage: build-code-lists.ts <shared reference dir> <reference dir to write> [build inputs dir]');
    process.exitCode = 2;
  } else {
    const manifest = buildCodeLists(shared, out, buildDir);
    for (const l of manifest.lists) console.log(`${l.listId.padEnd(16)} ${l.files.join(', ')}`);
  }
}
