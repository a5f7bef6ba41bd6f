import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stateful stand-in for the GitHub REST API on 127.0.0.1, for the endpoints the actions call:
 * issue comments (list, create, update), pulls (list, create, update). Tokens are write or read-only;
 * a read-only token (a fork's pull request) is refused on writes only, with 403 as GitHub answers.
 */
export interface GitHubDoubleOptions {
  owner?: string;
  repo?: string;
  /** Tokens allowed to write; every other token may read. */
  writeTokens?: string[];
  /** Answer pull-request creation with the 403 of a repository that does not let Actions create pull requests. */
  refusePullRequestCreation?: boolean;
  /** Answer the next N requests with a secondary rate limit (403 with retry-after). */
  rateLimitNext?: number;
  /** Leave open pull requests out of the next N list answers (a pull request opened between a list and a create). */
  hideFromNextLists?: number;
}

export interface Comment {
  id: number;
  body: string;
  issue: number;
}

export interface PullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  html_url: string;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  authorization?: string;
}

export interface GitHubDouble {
  url: string;
  comments: Comment[];
  pulls: PullRequest[];
  requests: RequestRecord[];
  options: GitHubDoubleOptions;
  close(): Promise<void>;
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Sends a JSON answer and returns its status (recorded by the caller). */
function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): number {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
  return status;
}

export async function startGitHubDouble(options: GitHubDoubleOptions = {}): Promise<GitHubDouble> {
  const owner = options.owner ?? 'acme';
  const repo = options.repo ?? 'bench';
  const state: GitHubDouble = {
    url: '',
    comments: [],
    pulls: [],
    requests: [],
    options,
    close: async () => {},
  };
  let nextId = 1000;
  const repoPath = `/repos/${owner}/${repo}`;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const url = new URL(req.url ?? '/', 'http://double');
    const method = req.method ?? 'GET';
    const token = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return send(res, 401, { message: 'Requires authentication' });
    if ((options.rateLimitNext ?? 0) > 0) {
      options.rateLimitNext!--;
      send(
        res,
        403,
        {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        },
        { 'retry-after': '1', 'x-ratelimit-remaining': '0' },
      );
      return 403;
    }
    const body = method === 'GET' ? {} : await jsonBody(req);
    const writes = method !== 'GET';
    if (writes && !(options.writeTokens ?? []).includes(token)) {
      send(res, 403, { message: 'Resource not accessible by integration', status: '403' });
      return 403;
    }
    const issueComments = new RegExp(`^${repoPath}/issues/(\\d+)/comments$`).exec(url.pathname);
    const oneComment = new RegExp(`^${repoPath}/issues/comments/(\\d+)$`).exec(url.pathname);
    const onePull = new RegExp(`^${repoPath}/pulls/(\\d+)$`).exec(url.pathname);
    if (issueComments) {
      const issue = Number(issueComments[1]);
      if (method === 'GET') {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const mine = state.comments.filter((c) => c.issue === issue);
        send(res, 200, mine.slice((page - 1) * perPage, page * perPage));
        return 200;
      }
      const comment = { id: nextId++, body: String(body.body), issue };
      state.comments.push(comment);
      send(res, 201, comment);
      return 201;
    }
    if (oneComment && method === 'PATCH') {
      const comment = state.comments.find((c) => c.id === Number(oneComment[1]));
      if (!comment) return send(res, 404, { message: 'Not Found' });
      comment.body = String(body.body);
      send(res, 200, comment);
      return 200;
    }
    if (url.pathname === `${repoPath}/pulls`) {
      if (method === 'GET') {
        const head = url.searchParams.get('head');
        const base = url.searchParams.get('base');
        const wanted = url.searchParams.get('state') ?? 'open';
        if ((options.hideFromNextLists ?? 0) > 0) {
          options.hideFromNextLists!--;
          return send(res, 200, []);
        }
        send(
          res,
          200,
          state.pulls.filter(
            (p) =>
              (wanted === 'all' || p.state === wanted) &&
              (!head || `${owner}:${p.head}` === head) &&
              (!base || p.base === base),
          ),
        );
        return 200;
      }
      if (options.refusePullRequestCreation) {
        send(res, 403, {
          message: 'GitHub Actions is not permitted to create or approve pull requests.',
          documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
        });
        return 403;
      }
      const head = String(body.head);
      if (state.pulls.some((p) => p.state === 'open' && p.head === head && p.base === body.base)) {
        send(res, 422, {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${owner}:${head}.`,
            },
          ],
        });
        return 422;
      }
      const number = state.pulls.length + 1;
      const pull: PullRequest = {
        number,
        head,
        base: String(body.base),
        title: String(body.title),
        body: String(body.body ?? ''),
        state: 'open',
        html_url: `https://github.invalid/${owner}/${repo}/pull/${number}`,
      };
      state.pulls.push(pull);
      send(res, 201, pull);
      return 201;
    }
    if (onePull && method === 'PATCH') {
      const pull = state.pulls.find((p) => p.number === Number(onePull[1]));
      if (!pull) return send(res, 404, { message: 'Not Found' });
      if (typeof body.title === 'string') pull.title = body.title;
      if (typeof body.body === 'string') pull.body = body.body;
      send(res, 200, pull);
      return 200;
    }
    send(res, 404, { message: 'Not Found' });
    return 404;
  };

  const server = createServer((req, res) => {
    handle(req, res)
      .then((status) =>
        state.requests.push({
          method: req.method ?? '',
          path: new URL(req.url ?? '/', 'http://double').pathname,
          status,
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        }),
      )
      .catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
