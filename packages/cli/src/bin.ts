#!/usr/bin/env node
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  CONFIG_OPTIONS,
  ConfigError,
  configFlag,
  CrosswalkValidationError,
  ProjectionReferenceError,
  resolveConfig,
  type ConfigFlags,
} from '@talent/models';
import type { Command } from './command.js';
import { COMMANDS } from './command-table.js';
import { RunFailedError } from './commands/run.js';
import { EXIT, EXIT_MEANING } from './exit-codes.js';
import { createOutput, type Output } from './output.js';
import { LockHeldError } from './run-lock.js';
import { CronExpressionError } from './schedule/nightly.js';

/** A help entry: the flag and value padded to a column, the words wrapped beside it (a word is never split). */
function helpEntry(head: string, words: readonly string[], width = 118): string {
  const indent = 29;
  const lines: string[] = [];
  let line = `  ${head}`.padEnd(indent - 1) + ' ';
  for (const word of words) {
    if (line.length + word.length > width && line.trim() !== head) {
      lines.push(line.trimEnd());
      line = ' '.repeat(indent);
    }
    line += `${word} `;
  }
  return [...lines, line.trimEnd()].join('\n');
}

const CONFIG_HELP = `Inputs and outputs (flag, else environment variable, else default):
${CONFIG_OPTIONS.map((o) => helpEntry(`${configFlag(o)} ${o.value}`, [...o.help.split(' '), `(${o.env}; ${o.default})`])).join('\n')}
  --json                     one JSON result document on stdout, logs (pino JSON) on stderr`;

const EXIT_HELP = `Exit codes (packages/cli/src/exit-codes.ts):
${Object.entries(EXIT_MEANING)
  .map(([code, meaning]) => `  ${code.padStart(2)}  ${meaning}`)
  .join('\n')}`;

const USAGE = `Usage: talent <command> [options]     (talent <command> --help for its own)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(13)}${c.summary}`).join('\n')}

${CONFIG_HELP}

${EXIT_HELP}
`;

const commandHelp = (c: Command) => `${c.help}\n\n${CONFIG_HELP}\n\n${EXIT_HELP}\n`;

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON_OPTIONS: Options = {
  ...Object.fromEntries(CONFIG_OPTIONS.map((o) => [configFlag(o).slice(2), { type: 'string' as const }])),
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** The command named on the line: the first positional once every command's flags (and their values) are known. */
function commandName(argv: string[]): string | undefined {
  const options: Options = { ...COMMON_OPTIONS };
  for (const c of COMMANDS) Object.assign(options, c.options);
  return parseArgs({ args: argv, allowPositionals: true, strict: false, options }).positionals[0];
}

/** Parses the command line of one command, strictly: the configuration flags, --json, --help and its own options. */
function parse(argv: string[], command: Command | undefined) {
  return parseArgs({ args: argv, allowPositionals: true, options: { ...COMMON_OPTIONS, ...command?.options } });
}

/** The exit code of an error that ended a command (a failed run's by the error that failed it). */
function exitCodeOfError(err: Error & { code?: string }): number {
  if (err.name === 'ConfigError' || err instanceof CronExpressionError || err.code?.startsWith('ERR_PARSE_ARGS')) return EXIT.usage;
  const cause: unknown = err instanceof RunFailedError ? err.cause : err;
  // A bureau's override file that cannot be used is its configuration, like a bad flag, and so is a
  // configured value only the warehouse can check (a --regions code).
  if (cause instanceof ProjectionReferenceError || cause instanceof CrosswalkValidationError || cause instanceof ConfigError)
    return EXIT.usage;
  if (cause instanceof LockHeldError) return EXIT.lockHeld;
  return EXIT.runFailed;
}

async function main(argv: string[], outputFor: (json: boolean) => Output): Promise<number> {
  const name = commandName(argv);
  const command = COMMANDS.find((c) => c.name === name);
  const { values, positionals } = parse(argv, command);
  const output = outputFor(values.json === true);
  if (!name) {
    console.log(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (values.help) {
    console.log(commandHelp(command));
    return EXIT.ok;
  }
  const args = positionals.slice(1);
  if (args.length && !command.positionals) {
    console.error(`talent ${command.name} takes no arguments (got ${args.join(' ')}).\n\n${commandHelp(command)}`);
    return EXIT.usage;
  }
  const flags: ConfigFlags = {};
  for (const o of CONFIG_OPTIONS) {
    const v = (values as Record<string, unknown>)[configFlag(o).slice(2)];
    if (typeof v === 'string') flags[o.key] = v;
  }
  const config = resolveConfig(flags);
  const { exitCode, result } = await command.run({ config, args, values: values as Record<string, never>, output });
  if (values.json) process.stdout.write(`${JSON.stringify({ command: command.name, exitCode, ...(result as object) })}\n`);
  return exitCode;
}

const json = process.argv.includes('--json');
let output: Output | undefined;
main(process.argv.slice(2), (j) => (output = createOutput({ json: j }))).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error & { code?: string }) => {
    const exitCode = exitCodeOfError(err);
    (output ?? createOutput({ json })).error(`talent: ${err.message}`, { exitCode });
    if (json) process.stdout.write(`${JSON.stringify({ exitCode, error: err.message })}\n`);
    process.exitCode = exitCode;
  },
);
