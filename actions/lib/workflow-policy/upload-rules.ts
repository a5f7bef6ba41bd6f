/**
 * Ways a job sends files off the runner: commands in `run:` scripts and actions that upload,
 * publish, release, deploy, cache or push. On a runner next to licensed data any of them is an
 * exfiltration path; anywhere, one that names an output or data directory is.
 */

/** Shell commands that send files or data elsewhere (one line of a script at a time). */
const UPLOAD_COMMANDS: [RegExp, string][] = [
  [/\bgh\s+release\s+(?:upload|create|edit)\b/, 'gh release'],
  [/\bgh\s+gist\s+(?:create|edit)\b/, 'gh gist'],
  [/\bgh\s+api\b.*(?:\s-[fF]\s|--field|--raw-field|--input)/, 'gh api with a body'],
  [/\bgh\s+(?:issue|pr)\s+(?:create|comment|edit)\b.*(?:--body-file|-F\b)/, 'gh with a body file'],
  [
    /\bcurl\b.*(?:\s-T\b|--upload-file|\s-F\b|--form\b|--data-binary|\s-d\s*@|--data(?:-raw|-urlencode|-ascii)?[\s=]+['"]?@|--json[\s=]+['"]?@|\s-X\s*(?:PUT|POST|PATCH)|--request[\s=]+(?:PUT|POST|PATCH))/i,
    'curl upload',
  ],
  [/\bwget\b.*--(?:post|body)-(?:file|data)/, 'wget post'],
  [/\baws\s+s3(?:api)?\s+(?:cp|sync|mv|put-object|upload-part)\b/, 'aws s3'],
  [/\bgsutil\b.*\s(?:cp|rsync|mv)\b/, 'gsutil'],
  [/\bgcloud\s+storage\s+(?:cp|rsync|mv)\b/, 'gcloud storage'],
  [/\baz\s+storage\s+(?:blob|file|azcopy)\b.*\b(?:upload|sync|copy)/, 'az storage'],
  [/\bazcopy\s+(?:copy|cp|sync)\b/, 'azcopy'],
  [/\brclone\s+(?:copy|sync|move|copyto|moveto|rcat)\b/, 'rclone'],
  [/\b(?:scp|sftp|rsync|ftp|lftp|smbclient)\b|(?:^|[\s|;&(])ssh\s/, 'remote copy'],
  [
    /\bgh\s+(?:issue|pr)\s+(?:create|comment|edit|review)\b.*(?:--body|-b)\b.*(?:\$\(|`|<)/,
    'gh with a body from a command',
  ],
  // Scripts in other languages: a request that carries a body (urlopen with data, requests.post, …).
  [
    /\burlopen\s*\([^)]*,|\bRequest\s*\(.*\bdata\s*=|\b(?:requests|httpx|session)\.(?:post|put|patch)\s*\(|\bhttp\.client\b|\bInvoke-(?:WebRequest|RestMethod)\b.*-(?:InFile|Body|Method\s+(?:Put|Post|Patch))/i,
    'HTTP request with a body',
  ],
  [/\b(?:nslookup|dig|host|ping)\s[^\n]*(?:\$\(|`)/, 'DNS or ping carrying command output'],
  [/\bgit\b.*\bpush\b/, 'git push'],
  [
    /\bdocker\s+(?:push|buildx\s+build\b.*--push)\b|\bpodman\s+push\b|\bskopeo\s+copy\b|\boras\s+push\b/,
    'image push',
  ],
  [/\b(?:nc|ncat|netcat|socat)\b/, 'raw socket'],
  [
    /\b(?:twine\s+upload|npm\s+publish|cargo\s+publish|gem\s+push|dvc\s+push|git\s+lfs\s+push|git\s+annex\s+(?:copy|sync))\b/,
    'package or data publish',
  ],
  [/\bhuggingface-cli\s+upload\b|\bkaggle\s+datasets\s+(?:create|version)\b|\bzenodo/, 'dataset upload'],
  [/\/dev\/tcp\//, 'raw socket'],
  // A request whose URL, header or body is a command's output (`curl "https://x/$(xxd -p f)"`).
  [/\b(?:curl|wget|xh|httpie|http)\b[^\n]*(?:\$\(|`)/, 'request carrying command output'],
  // A shell or a server reachable from outside the runner: anyone with the link reads the data.
  [
    /\b(?:tmate|upterm|ngrok|sshx|bore|localtunnel|lt\s+--port)\b|\bcloudflared\s+tunnel\b|\bcode\s+tunnel\b|\bhttp\.server\b/,
    'remote access to the runner',
  ],
  // The job summary is uploaded to GitHub and shown to whoever can read the run.
  [
    /GITHUB_(?:STEP_SUMMARY|OUTPUT)\b.*\b(?:base64|xxd|od|hexdump|uuencode|gzip|zstd|xz|bzip2|tar|zip)\b|\b(?:base64|xxd|od|hexdump|uuencode|gzip|zstd|xz|bzip2|tar|zip)\b.*GITHUB_(?:STEP_SUMMARY|OUTPUT)\b/,
    'encoded files in the job summary or outputs',
  ],
];

/** The kind of upload a script line performs, or undefined. */
export function uploadCommand(line: string): string | undefined {
  const code = line.replace(/(^|\s)#.*$/, '');
  return UPLOAD_COMMANDS.find(([re]) => re.test(code))?.[1];
}

/** Actions that send files elsewhere: by name, since new ones appear every week. */
const UPLOAD_ACTION =
  /upload|release|publish|deploy|push|s3|gcs|storage|gist|pages|rsync|sync|commit|cache|scp|sftp|ftp|artifact|transfer|dropbox|drive|slack|discord|telegram|mail|tmate|upterm|ngrok|tunnel|ssh|remote|debug/;
const READ_ONLY_ACTION = /download|restore|^actions\/checkout$|^actions\/setup-|^actions\/cache\/restore$/;

/** True when an action (`owner/name[/path]`, lowercase, no version) may upload or publish. */
export function isUploadAction(action: string): boolean {
  return UPLOAD_ACTION.test(action) && !READ_ONLY_ACTION.test(action);
}

/** A `docker run`/`podman run` line whose image is not pinned by digest (an image next to the data). */
export function unpinnedContainerRun(line: string): boolean {
  const code = line.replace(/(^|\s)#.*$/, '');
  return (
    /\b(?:docker|podman|nerdctl)\s+(?:container\s+)?(?:run|create)\b/.test(code) &&
    !/@sha256:[0-9a-f]{64}/.test(code)
  );
}

/** actions/github-script code that reads files or writes through the API: an upload from next to the data. */
export function scriptSends(script: string): boolean {
  return /readFile|createReadStream|\bfs\b|require\s*\(|import\s*\(|upload|\.(?:create|update)\w*\s*\(|fetch\s*\(|\brequest\s*\(/.test(
    script,
  );
}

/** Commands that put files somewhere: copying data into an uploaded folder is uploading it. */
const COPIES = /\b(?:cp|mv|ln|tar|zip|7z|rsync|install|ditto|dd|cat|tee|gzip|xz|zstd|mount|bindfs)\b/;

/** True when a script line copies something from outside the repository (or a protected dir) into `dir`. */
export function copiesInto(line: string, dir: string, protectedDirs: readonly string[]): boolean {
  const code = line.replace(/(^|\s)#.*$/, '');
  const first = dir.replace(/^\.\//, '').split('/')[0];
  if (!first || !COPIES.test(code)) return false;
  const word = (w: string) =>
    new RegExp(`(?:^|[\\s'"=/])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[/\\s'"]|$)`);
  if (!word(first).test(code)) return false;
  return /\$|(?:^|\s)['"]?[/~]|\.\./.test(code) || protectedDirs.some((d) => word(d).test(code));
}
