import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../actions/lib/logger.js';
import { gitAuthEnv, publishCommit } from '../../actions/lib/regenerate/publish.js';
import { git, makeWorkspace, regenerateIn, type Workspace, writeSource } from './workspace.js';

const TOKEN = 'ghs_test0123456789secret';

interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
  body: Record<string, unknown> | undefined;
}

/** A stand-in for the GitHub REST API's pulls endpoints, on 127.0.0.1. */
async function fakeGitHub(): Promise<{ url: string; requests: Recorded[]; server: Server }> {
  const requests: Recorded[] = [];
  const open: { number: number; html_url: string; head: string }[] = [];
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  };
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
    res.setHeader('content-type', 'application/json');
    const url = new URL(req.url!, 'http://x');
    if (req.method === 'GET' && url.pathname === '/repos/acme/bench/pulls') {
      const head = url.searchParams.get('head');
      res.end(JSON.stringify(open.filter((p) => `acme:${p.head}` === head)));
    } else if (req.method === 'POST' && url.pathname === '/repos/acme/bench/pulls') {
      const pr = {
        number: 7,
        html_url: 'https://github.example/acme/bench/pull/7',
        head: String(body?.head),
      };
      open.push(pr);
      res.statusCode = 201;
      res.end(JSON.stringify(pr));
    } else if (req.method === 'PATCH' && url.pathname === '/repos/acme/bench/pulls/7') {
      res.end(JSON.stringify(open[0]));
    } else {
      res.statusCode = 404;
      res.end('{"message":"Not Found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

let ws: Workspace;
let server: Server | undefined;
afterEach(() => {
  ws?.cleanup();
  server?.close();
});

async function regenerateAndCommit() {
  return regenerateIn(ws, { commit: 'local' });
}

describe('publishCommit', () => {
  it('pushes one branch and opens one pull request, then updates the same one', async () => {
    ws = makeWorkspace({ files: 3 });
    const api = await fakeGitHub();
    server = api.server;
    const configBefore = readFileSync(path.join(ws.repo, '.git/config'), 'utf8');
    const options = {
      repoRoot: ws.repo,
      mode: 'pull-request' as const,
      token: TOKEN,
      repository: 'acme/bench',
      serverUrl: 'https://github.example',
      apiUrl: api.url,
      baseBranch: 'main',
      branch: 'clinical-manifests/regenerate-locks',
      logger: silentLogger,
    };
    const first = await regenerateAndCommit();
    const opened = await publishCommit({ ...options, title: 'Regenerate locks', body: first.commitMessage! });
    expect(opened.pullRequest).toEqual({
      number: 7,
      url: 'https://github.example/acme/bench/pull/7',
      created: true,
    });
    expect(git(ws.origin, 'rev-parse', 'refs/heads/clinical-manifests/regenerate-locks').trim()).toBe(
      first.commit,
    );
    expect(git(ws.origin, 'rev-parse', 'refs/heads/main').trim()).not.toBe(first.commit);

    writeSource(ws, 'images/p0001.bin', 'changed');
    const second = await regenerateAndCommit();
    const updated = await publishCommit({
      ...options,
      title: 'Regenerate locks again',
      body: second.commitMessage!,
    });
    expect(updated.pullRequest?.created).toBe(false);
    expect(git(ws.origin, 'rev-parse', 'refs/heads/clinical-manifests/regenerate-locks').trim()).toBe(
      second.commit,
    );

    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'PATCH']);
    expect(api.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    expect(api.requests[1]!.body).toMatchObject({
      head: 'clinical-manifests/regenerate-locks',
      base: 'main',
      title: 'Regenerate locks',
    });
    // The token never lands in the repository's configuration.
    expect(readFileSync(path.join(ws.repo, '.git/config'), 'utf8')).toBe(configBefore);
  });

  it('pushes to the default branch when asked, without calling the API', async () => {
    ws = makeWorkspace({ files: 2 });
    const api = await fakeGitHub();
    server = api.server;
    const result = await regenerateAndCommit();
    const pushed = await publishCommit({
      repoRoot: ws.repo,
      mode: 'push',
      token: TOKEN,
      repository: 'acme/bench',
      serverUrl: 'https://github.example',
      apiUrl: api.url,
      baseBranch: 'main',
      branch: 'unused',
      title: 't',
      body: 'b',
      logger: silentLogger,
    });
    expect(pushed.ref).toBe('refs/heads/main');
    expect(git(ws.origin, 'rev-parse', 'refs/heads/main').trim()).toBe(result.commit);
    expect(api.requests).toEqual([]);
  });

  it('passes the token to git through the environment, scoped to the server, never as an argument', () => {
    const env = gitAuthEnv('https://github.example/', TOKEN, {});
    expect(env.GIT_CONFIG_KEY_0).toBe('http.https://github.example/.extraheader');
    expect(
      Buffer.from(env.GIT_CONFIG_VALUE_0!.replace('AUTHORIZATION: basic ', ''), 'base64').toString(),
    ).toBe(`x-access-token:${TOKEN}`);
  });
});
