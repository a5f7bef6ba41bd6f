import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REVIEW_MARKER } from '../../actions/lib/review/render-review.js';
import { editJson } from '../helpers/repository-copy.js';
import { runAction } from '../helpers/run-action.js';
import { makeDicom } from './helpers/fixtures.js';
import { committedCopy, git, writeEvent } from './helpers/git-repository.js';

/** A stand-in for the GitHub REST API's issue-comment endpoints, on 127.0.0.1. */
class FakeGitHub {
  comments: { id: number; body: string }[] = [];
  requests: { method: string; url: string; authorization?: string }[] = [];
  forbidden = false;
  private server: Server | undefined;
  private nextId = 100;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as { port: number };
    return `http://127.0.0.1:${address.port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    this.requests.push({
      method: req.method ?? '',
      url: url.pathname + url.search,
      authorization: req.headers.authorization,
    });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (this.forbidden) return send(403, { message: 'Resource not accessible by integration' });
    const body = chunks.length
      ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { body: string })
      : undefined;
    if (req.method === 'GET' && url.pathname === '/repos/acme/bench/issues/7/comments') {
      const page = Number(url.searchParams.get('page') ?? '1');
      const perPage = Number(url.searchParams.get('per_page') ?? '30');
      return send(200, this.comments.slice((page - 1) * perPage, page * perPage));
    }
    if (req.method === 'POST' && url.pathname === '/repos/acme/bench/issues/7/comments') {
      const comment = { id: this.nextId++, body: body!.body };
      this.comments.push(comment);
      return send(201, comment);
    }
    const patch = /^\/repos\/acme\/bench\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (req.method === 'PATCH' && patch) {
      const comment = this.comments.find((c) => c.id === Number(patch[1]));
      if (!comment) return send(404, { message: 'Not Found' });
      comment.body = body!.body;
      return send(200, comment);
    }
    send(404, { message: 'Not Found' });
  }
}

const api = new FakeGitHub();
let apiUrl: string;
beforeAll(async () => {
  apiUrl = await api.start();
});
afterAll(() => api.stop());

let root: string;
let cleanup: () => Promise<void>;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  ({ root, cleanup } = await committedCopy());
  api.comments = [];
  api.requests = [];
  api.forbidden = false;
  const baseSha = (await git(root, ['rev-parse', 'HEAD'])).trim();
  await git(root, ['checkout', '-q', '-b', 'feature']);
  const event = await writeEvent(tmpdir(), {
    pull_request: { number: 7, base: { sha: baseSha } },
    repository: { private: true, default_branch: 'main', full_name: 'acme/bench' },
  });
  env = {
    GITHUB_API_URL: apiUrl,
    GITHUB_REPOSITORY: 'acme/bench',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
  };
});
afterEach(() => cleanup());

async function editGroundTruth(text: string): Promise<void> {
  await editJson(root, 'scenarios/scenario_009.json', (s) => {
    s.ground_truth = text;
  });
  await git(root, ['commit', '-q', '-am', 'edit']);
}

describe('guard action, run as the runner runs it', () => {
  it('passes the clean pull request and keeps one review comment updated', async () => {
    await editGroundTruth('Edited once');
    const first = await runAction('guard', root, { token: 'test-token' }, env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/^::error/m);
    expect(first.outputs.errors).toBe('0');
    expect(first.summary).toContain('## No-redistribution guard');
    expect(first.summary).toMatch(/\| changed \| scenario_009 \|.*`\/ground_truth`/);
    expect(first.summary).toContain('Review posted as a new pull-request comment.');
    expect(api.comments).toHaveLength(1);
    expect(api.comments[0]!.body.startsWith(REVIEW_MARKER)).toBe(true);
    expect(api.requests.every((r) => r.authorization === 'token test-token')).toBe(true);
    const report = JSON.parse(await readFile(first.outputs.report!, 'utf8'));
    expect(report.review.scenarios.changed[0].id).toBe('scenario_009');
    expect(report.comment.status).toBe('created');

    await editJson(root, 'scenarios/scenario_001.json', (s) => {
      s.ground_truth = 'Edited twice';
    });
    const second = await runAction('guard', root, { token: 'test-token' }, env);
    expect(second.code).toBe(0);
    expect(second.summary).toContain('Review comment on the pull request updated.');
    expect(api.comments).toHaveLength(1);
    expect(api.comments[0]!.body).toContain('scenario_001');
    expect(api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('says so in the summary and does not fail when the token cannot write (a fork)', async () => {
    await editGroundTruth('From a fork');
    api.forbidden = true;
    const run = await runAction('guard', root, { token: 'read-only' }, env);
    expect(run.code).toBe(0);
    expect(run.summary).toMatch(/cannot write pull-request comments \(HTTP 403/);
    expect(run.summary).toContain('scenario_009');
    expect(api.comments).toHaveLength(0);
  });

  it('fails with capped annotations naming the file, every finding in the summary', async () => {
    await writeFile(path.join(root, 'notes.txt'), makeDicom());
    await writeFile(
      path.join(root, 'scan.dcm'),
      `version https://git-lfs.github.com/spec/v1\noid sha256:${'cd'.repeat(32)}\nsize 9\n`,
    );
    await writeFile(
      path.join(root, '.github/workflows/evil.yml'),
      'on: pull_request_target\npermissions: {}\njobs:\n  noop:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n',
    );
    await git(root, ['add', 'notes.txt', 'scan.dcm', '.github/workflows/evil.yml']);
    await git(root, ['commit', '-q', '-m', 'smuggle']);
    const run = await runAction('guard', root, { 'max-annotations': '2', comment: 'false' }, env);
    expect(run.code).toBe(1);
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(annotations).toHaveLength(2);
    expect(run.stdout).toMatch(/::error::guard: 3 errors/);
    for (const file of ['notes.txt', 'scan.dcm', '.github/workflows/evil.yml'])
      expect(run.summary).toContain(`\`${file}`);
    expect(run.summary).toMatch(/\d+ findings are in this summary but not annotated \(limit 2\)/);
    expect(run.outputs.errors).toBe('3');
    expect(api.requests).toHaveLength(0);
  });

  it('judges a pull request that rewrites the guard and allowlists its own DICOM by the base, with a notice', async () => {
    const baseSha = (await git(root, ['rev-parse', 'main'])).trim();
    await mkdir(path.join(root, 'actions/guard'), { recursive: true });
    await writeFile(path.join(root, 'actions/guard/main.ts'), 'process.exit(0);\n');
    await editJson(root, 'manifests/policy.json', (p) => {
      p.allowed_binary_files = [{ path: 'docs/figure.dcm', reason: 'a figure', licence: 'CC0-1.0' }];
    });
    await mkdir(path.join(root, 'docs'), { recursive: true });
    await writeFile(path.join(root, 'docs/figure.dcm'), makeDicom());
    await git(root, ['add', '-A']);
    await git(root, ['commit', '-q', '-m', 'trust me']);
    // And hide it from the tree in a second commit: the history still holds it.
    await git(root, ['rm', '-q', 'docs/figure.dcm']);
    await git(root, ['commit', '-q', '-m', 'tidy']);
    const headSha = (await git(root, ['rev-parse', 'HEAD'])).trim();
    const event = await writeEvent(tmpdir(), {
      pull_request: { number: 7, base: { sha: baseSha }, head: { sha: headSha } },
      repository: { private: true, default_branch: 'main', full_name: 'acme/bench' },
    });
    const run = await runAction('guard', root, { token: 'test-token' }, { ...env, GITHUB_EVENT_PATH: event });
    expect(run.code).toBe(1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors.filter((l) => l.includes('file=docs/figure.dcm::'))[0]).toMatch(
      /title=guard\/data-file,.*commit [0-9a-f]{12} of this pull request/,
    );
    expect(run.outputs.errors).toBe('1');
    // The notice comes first in the summary and right after the marker in the comment.
    expect(run.summary.indexOf('changes the checks themselves')).toBeLessThan(
      run.summary.indexOf('## No-redistribution guard'),
    );
    for (const file of ['actions/guard/main.ts', 'manifests/policy.json'])
      expect(run.summary).toContain(`\`${file}\``);
    expect(api.comments).toHaveLength(1);
    expect(api.comments[0]!.body.startsWith(`${REVIEW_MARKER}\n> [!WARNING]`)).toBe(true);
    const report = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
    expect(report.checkChanges).toEqual(['actions/guard/main.ts', 'manifests/policy.json']);
    expect(report.guard.commits).toBe(2);
  });

  it('gives no notice when no check path changed', async () => {
    await editGroundTruth('Only content');
    const run = await runAction('guard', root, { comment: 'false' }, env);
    expect(run.code).toBe(0);
    expect(run.summary).not.toContain('changes the checks themselves');
  });

  it('on a push (no pull request) runs the guard only: no review, no comment', async () => {
    const push = await writeEvent(tmpdir(), { repository: { private: true, default_branch: 'main' } });
    const run = await runAction(
      'guard',
      root,
      { format: 'markdown' },
      { ...env, GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: push },
    );
    expect(run.code).toBe(0);
    expect(run.summary).toContain('## No-redistribution guard');
    expect(run.summary).not.toContain(REVIEW_MARKER);
    expect(run.outputs.report).toMatch(/clinical-manifests-guard\.md$/);
    expect(await readFile(run.outputs.report!, 'utf8')).toContain('## No-redistribution guard');
    expect(api.requests).toHaveLength(0);
  });
});
