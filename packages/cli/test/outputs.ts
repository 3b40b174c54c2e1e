import type { Output } from '../src/output.js';

/** An Output that keeps what it is told, by level. */
export function recorder() {
  const said: { level: string; message: string }[] = [];
  const output: Output = {
    structured: true,
    line: (message) => said.push({ level: 'line', message }),
    info: (message) => said.push({ level: 'info', message }),
    warn: (message) => said.push({ level: 'warn', message }),
    error: (message) => said.push({ level: 'error', message }),
    progress: () => ({ tick() {}, stop() {} }),
  };
  return { said, output };
}

/** An Output that says nothing: a command's result is what the test reads. */
export const quiet: Output = recorder().output;
