import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Reports and dates must not depend on the machine's zone: bureaus read Beijing time.
process.env.TZ = 'Asia/Shanghai';

// Absolute, because each package's `test` script runs vitest from its own folder.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const pkg = (name: string) => ({
  extends: true as const,
  test: { name, root: here(`packages/${name}`), include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});

/** One vitest setup for every package; each package's `test` script selects its project. */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      pkg('models'),
      pkg('ingest'),
      pkg('forecast'),
      pkg('reports'),
      pkg('cli'),
      pkg('synth'),
      pkg('client'),
      { extends: true, test: { name: 'e2e', root: here('test'), include: ['**/*.test.ts'] } },
    ],
  },
});
