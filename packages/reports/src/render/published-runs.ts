import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A report run folder under the reports root, as its `run.json` records it. */
export interface PublishedRun {
  runId: string;
  /** The projection vintage its publications read; null when they read none or `run.json` predates the field. */
  vintage: string | null;
}

/**
 * The report runs under `root` (`<out>/reports`), read from each folder's `run.json` (written last by
 * `writeRun`, so a folder without one never finished). Staging and failed folders are not runs.
 * A `run.json` that does not parse is reported, never skipped: `unreadable` lists those files.
 */
export function readPublishedRuns(root: string): { runs: PublishedRun[]; unreadable: string[] } {
  const runs: PublishedRun[] = [];
  const unreadable: string[] = [];
  if (!existsSync(root)) return { runs, unreadable };
  for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name.endsWith('.err')) continue;
    const file = join(root, entry.name, 'run.json');
    if (!existsSync(file)) continue;
    try {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { runId?: unknown; vintage?: unknown };
      runs.push({ runId: String(json.runId ?? entry.name), vintage: typeof json.vintage === 'string' ? json.vintage : null });
    } catch {
      unreadable.push(file);
    }
  }
  return { runs, unreadable };
}
