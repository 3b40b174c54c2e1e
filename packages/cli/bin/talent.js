#!/usr/bin/env node
// `npx talent`: runs the command from its TypeScript source through tsx, as `npm start` does, so a
// fresh clone needs no build. The child shares the terminal (progress bars, TTY detection).
/* global process, URL */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '--conditions=source', bin, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
// Ctrl-C and a scheduler's stop reach the run, which releases its lock.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exitCode = code ?? 1;
});
