import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'domain', include: ['packages/domain/test/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'server', include: ['packages/server/test/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 120_000, pool: 'forks', maxWorkers: 2 } },
      { test: { name: 'e2e', include: ['e2e/**/*.e2e.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
