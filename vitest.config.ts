import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here; integration tests spawn ffmpeg, git and python themselves.
    maxWorkers: 2,
    // @actions/workflow-parser imports its JSON schema without an import attribute, which Node
    // refuses; bundled (as in the actions and the CLI) it works, so bundle it in tests too.
    server: { deps: { inline: [/@actions\/workflow-parser/] } },
  },
});
