import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'domain', include: ['packages/domain/test/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } } },
      { test: { name: 'server', include: ['packages/server/test/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 300_000, pool: 'forks', maxWorkers: 2, sequence: { groupOrder: 1 } } },
      { test: { name: 'e2e', include: ['e2e/**/*.e2e.ts'], environment: 'node', testTimeout: 300_000, hookTimeout: 300_000, fileParallelism: false, sequence: { groupOrder: 2 } } },
    ],
  },
});
