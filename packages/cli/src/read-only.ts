import { existsSync } from 'node:fs';
import { openWarehouse, type Config, type Warehouse } from '@talent/models';
import type { CommandResult } from './command.js';
import { EXIT } from './exit-codes.js';
import type { Output } from './output.js';
import { readLockHolder, staleReason } from './run-lock.js';

/**
 * The warehouse opened read-only for a command that only reads it, or the result to end with: a
 * live run holds it (DuckDB lets no reader in beside a writer: exit 8, try again when it ends), or
 * there is none yet (exit 5).
 */
export async function openForReading(
  config: Config,
  output: Pick<Output, 'info' | 'error'>,
  /** Told why a lock left behind is stale: a run still marked running then has no live process. */
  onStaleLock?: (reason: string) => void,
): Promise<Warehouse | CommandResult> {
  const lockPath = `${config.warehousePath}.lock`;
  if (existsSync(lockPath)) {
    const holder = readLockHolder(lockPath);
    const stale = staleReason(holder);
    if (stale) onStaleLock?.(stale);
    else {
      output.info(
        `A run (pid ${holder!.pid}, since ${holder!.startedAt || 'unknown'}) holds ${config.warehousePath}; try again when it ends.`,
        {
          holder,
        },
      );
      return { exitCode: EXIT.lockHeld, result: { running: holder } };
    }
  }
  if (!existsSync(config.warehousePath)) {
    output.error(`No warehouse at ${config.warehousePath}: run \`talent init\` or \`talent run\` first.`);
    return { exitCode: EXIT.noInput, result: { error: 'no warehouse', warehouse: config.warehousePath } };
  }
  return openWarehouse(config.warehousePath, { readOnly: true, memoryLimit: config.memoryLimit });
}
