import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type GitHttpServer, startGitHttpServer } from './git-http-server.js';
import { type GitHubDouble, type GitHubDoubleOptions, startGitHubDouble } from './github-double.js';

/** The token a same-repository run gets (may write), and the one a fork's pull request gets (read-only). */
export const WRITE_TOKEN = 'ghs_WriteToken0123456789abcdefABCDEF';
export const READ_TOKEN = 'ghs_ReadOnlyToken0123456789abcdefAB';

/** One repository's GitHub: the git HTTP server and the REST double, torn down together. */
export interface GitHubDoubles {
  git: GitHttpServer;
  api: GitHubDouble;
  projectRoot: string;
  repository: string;
  close(): Promise<void>;
}

export async function startDoubles(
  options: { private?: boolean; api?: GitHubDoubleOptions } = {},
): Promise<GitHubDoubles> {
  const projectRoot = await mkdtemp(path.join(tmpdir(), 'cm-git-server-'));
  const git = await startGitHttpServer({
    projectRoot,
    tokens: [WRITE_TOKEN, READ_TOKEN],
    public: !options.private,
  });
  const api = await startGitHubDouble({ writeTokens: [WRITE_TOKEN], ...options.api });
  return {
    git,
    api,
    projectRoot,
    repository: 'acme/bench',
    close: async () => {
      await Promise.all([git.close(), api.close()]);
      await rm(projectRoot, { recursive: true, force: true });
    },
  };
}
