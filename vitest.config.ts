import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here; integration tests spawn ffmpeg, git and python themselves.
    maxWorkers: 2,
  },
});
