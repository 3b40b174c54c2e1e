import type { ParseArgsConfig } from 'node:util';
import type { Config } from '@talent/models';
import type { Output } from './output.js';

/** What a command receives from the command line. */
export interface CommandContext {
  config: Config;
  /** Positional arguments after the command's name. */
  args: string[];
  /** Parsed flags (the configuration flags, `--json`, and the command's own options). */
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  output: Output;
}

/** What a command ends with: its exit code (exit-codes.ts) and, for `--json`, one result document. */
export interface CommandResult {
  exitCode: number;
  result: unknown;
}

/**
 * One `talent` subcommand. A new command is a module exporting one of these and one entry in
 * `COMMANDS` (command-table.ts); `bin.ts` parses, prints help and exits for all of them alike.
 */
export interface Command {
  name: string;
  /** One line for `talent --help`. */
  summary: string;
  /** `talent <name> --help`: synopsis, what it does, its own options (the configuration flags follow). */
  help: string;
  /** Flags of this command beyond the configuration flags and `--json`. */
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Whether positional arguments are accepted. */
  positionals?: boolean;
  run(ctx: CommandContext): Promise<CommandResult>;
}
