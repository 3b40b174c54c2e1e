import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The command's source entry, run through tsx as `npx talent` runs it. */
export const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const NODE_ARGS = ['--import', 'tsx', '--conditions=source', BIN];

/** The caller's environment without its TALENT_* variables: a test says every setting it relies on. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TALENT_'))), ...extra };
}

/** A pino record (the command logs these when stdout is not a terminal). */
export interface LogRecord {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** The log records of an output stream; a line that is not one is kept as a bare message. */
export function records(stream: string): LogRecord[] {
  return stream
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      try {
        return JSON.parse(l) as LogRecord;
      } catch {
        return { level: 30, msg: l };
      }
    });
}

export interface TalentResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Every message of both streams, one a line, as an operator reads them. */
  text: string;
}

/** Runs `talent <args>` to the end. */
export function talent(args: string[], env: Record<string, string> = {}, timeout = 300_000): TalentResult {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], { env: cleanEnv(env), encoding: 'utf8', timeout });
  const text = [...records(r.stdout), ...records(r.stderr)].map((x) => x.msg).join('\n');
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, text };
}

/** Starts `talent <args>` and calls `onRecord` with each log record of its stdout as it comes. */
export function startTalent(
  args: string[],
  onRecord: (r: LogRecord, child: ChildProcess) => void,
  env: Record<string, string> = {},
): ChildProcess {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const r of records(lines.join('\n'))) onRecord(r, child);
  });
  child.stderr!.resume();
  return child;
}
