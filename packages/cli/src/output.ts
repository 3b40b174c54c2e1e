import cliProgress from 'cli-progress';
import { pino, type Logger } from 'pino';
import type { Progress } from './pipeline.js';

/**
 * Where a command's output goes. On a terminal: the stage summaries as readable lines on stdout
 * and progress bars on stderr. Otherwise (a scheduler, a pipe) or with `--json`: pino JSON log
 * records, one a line — on stderr with `--json`, whose stdout holds only the result document.
 */
export interface Output {
  /** A line of a stage summary (several lines in one string are kept together). */
  line(text: string): void;
  /** An event worth a log record of its own (a lock taken over, a retry), with its fields. */
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  progress(label: string, total: number): Progress;
  /** Whether output is structured (logs) rather than lines for a person. */
  readonly structured: boolean;
}

export interface OutputOptions {
  json: boolean;
  stdoutIsTty?: boolean;
  stderrIsTty?: boolean;
}

const NO_PROGRESS: Progress = { tick() {}, stop() {} };

/** Readable lines on stdout, progress bars on stderr when that is a terminal too. */
function humanOutput(stderrIsTty: boolean): Output {
  return {
    structured: false,
    line: (text) => console.log(text),
    info: (message) => console.log(message),
    warn: (message) => console.error(message),
    error: (message) => console.error(message),
    progress(label, total) {
      if (!stderrIsTty || total < 2) return NO_PROGRESS;
      const bar = new cliProgress.SingleBar(
        { format: `${label} [{bar}] {value}/{total} {item}`, stream: process.stderr, clearOnComplete: true, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { item: '' });
      return { tick: (item = '') => bar.increment(1, { item }), stop: () => bar.stop() };
    },
  };
}

/** pino records on the given file descriptor; summary lines become records with `summary: true`. */
export function logOutput(fd: 1 | 2, logger: Logger = pino({ base: { pid: process.pid } }, pino.destination({ fd, sync: true }))): Output {
  return {
    structured: true,
    line: (text) => logger.info({ summary: true }, text),
    info: (message, fields = {}) => logger.info(fields, message),
    warn: (message, fields = {}) => logger.warn(fields, message),
    error: (message, fields = {}) => logger.error(fields, message),
    // One record per step: a log reader sees how far a long stage got (and where a killed run stopped).
    progress(label, total) {
      let done = 0;
      return {
        tick: (item = '') => logger.info({ progress: label, done: ++done, total, item }, `${label} ${done}/${total} ${item}`),
        stop() {},
      };
    },
  };
}

/** The output of a command run from a shell, per {@link Output}. */
export function createOutput({ json, stdoutIsTty = !!process.stdout.isTTY, stderrIsTty = !!process.stderr.isTTY }: OutputOptions): Output {
  if (json) return logOutput(2);
  return stdoutIsTty ? humanOutput(stderrIsTty) : logOutput(1);
}
