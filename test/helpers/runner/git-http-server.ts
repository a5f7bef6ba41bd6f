import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Git over HTTP the way github.com serves it, on 127.0.0.1: `git http-backend` (CGI) over the bare
 * repositories under `projectRoot`. A private server answers 401 unless the request carries basic
 * auth whose password is an accepted token (actions/checkout sends `x-access-token:<token>`); pushes
 * need a token too. Every request is recorded (with whether it was authorised), never its token.
 */
export interface GitHttpServer {
  /** e.g. http://127.0.0.1:PORT: GITHUB_SERVER_URL, so a repository is `${url}/owner/name`. */
  url: string;
  requests: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function tokenOf(header: string | undefined): string | undefined {
  const basic = /^basic (.+)$/i.exec(header ?? '')?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

export async function startGitHttpServer(options: {
  projectRoot: string;
  tokens: string[];
  /** Public repository: anonymous reads allowed (pushes still need a token). */
  public?: boolean;
}): Promise<GitHttpServer> {
  const requests: GitHttpServer['requests'] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://git');
    const token = tokenOf(req.headers.authorization);
    const authorised = token !== undefined && options.tokens.includes(token);
    const push =
      url.pathname.endsWith('/git-receive-pack') || url.searchParams.get('service') === 'git-receive-pack';
    const record = (status: number) =>
      requests.push({ method: req.method ?? '', path: url.pathname, status });
    if (!authorised && (push || !options.public)) {
      record(401);
      res.writeHead(401, { 'www-authenticate': 'Basic realm="GitHub"', 'content-type': 'text/plain' });
      res.end('Authentication required\n');
      return;
    }
    const body = await readAll(req);
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: options.projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        CONTENT_LENGTH: String(body.length),
        REMOTE_ADDR: '127.0.0.1',
        // http-backend enables receive-pack for an authenticated user.
        ...(authorised ? { REMOTE_USER: 'x-access-token' } : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
        ...(req.headers['content-encoding']
          ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) }
          : {}),
      },
    });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.resume();
    // The backend may answer and exit before reading the whole body (a refused push): the client reads
    // the answer, so a broken pipe here is not an error.
    child.stdin.on('error', () => {});
    child.stdin.end(body);
    await new Promise((resolve) => child.on('close', resolve));
    const raw = Buffer.concat(out);
    const split = raw.indexOf('\r\n\r\n');
    const headerText = raw.subarray(0, split).toString('latin1');
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else if (name) headers[name] = value;
    }
    record(status);
    res.writeHead(status, headers);
    res.end(raw.subarray(split + 4));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
