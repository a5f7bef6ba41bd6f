/**
 * Ordinary, safe workflows give no error: this repository's own, a scheduled self-hosted job with the
 * recommended condition, CI on GitHub-hosted runners, a safe workflow change, reusable workflows and
 * composite actions used safely. A policy that flags these would be switched off.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trackedFiles } from '../../actions/lib/tools/run-git.js';
import { checkWorkflowFiles, policyFiles } from '../../actions/lib/workflow-policy/check-workflow-files.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';
import { CONTEXT, checkFiles, DEFAULT_BRANCH_IF, HEADER } from './policy-check.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const CHECKOUT = '      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n';

const SAFE: Record<string, Record<string, string>> = {
  'a scheduled self-hosted job with the recommended condition': {
    '.github/workflows/nightly.yml': `on:\n  schedule:\n    - cron: "0 3 * * *"\n  workflow_dispatch:\n${HEADER}jobs:\n  regen:\n${DEFAULT_BRANCH_IF}\n    runs-on: [self-hosted, linux, x64]\n    steps:\n${CHECKOUT}      - uses: actions/setup-node@v4\n        with:\n          node-version: 24\n      - run: npm ci && npm run regenerate\n      - uses: actions/upload-artifact@v4\n        with:\n          name: locks\n          path: manifests/locks\n`,
  },
  'ordinary CI on GitHub-hosted runners, with a matrix and a cache': {
    '.github/workflows/ci.yml': `on:\n  pull_request:\n  push:\n    branches: [main]\n${HEADER}jobs:\n  test:\n    strategy:\n      matrix:\n        os: [ubuntu-latest, macos-14, windows-2022]\n        node: [20, 24]\n    runs-on: \${{ matrix.os }}\n    steps:\n${CHECKOUT}      - uses: actions/setup-node@v4\n        with:\n          node-version: \${{ matrix.node }}\n          cache: npm\n      - uses: actions/cache@v4\n        with:\n          path: ~/.cache/ms-playwright\n          key: pw-\${{ hashFiles('package-lock.json') }}\n      - run: npm ci && npm test\n      - uses: actions/upload-artifact@v4\n        with:\n          name: coverage-\${{ matrix.os }}\n          path: coverage/\n`,
  },
  'a safe workflow change: the title through env, quoted': {
    '.github/workflows/label.yml': `on: pull_request\n${HEADER}jobs:\n  title:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          TITLE: \${{ github.event.pull_request.title }}\n        run: |\n          printf '%s\\n' "$TITLE" | grep -qv WIP\n      - run: echo "PR \${{ github.event.pull_request.number }} at \${{ github.sha }}"\n`,
  },
  'pull requests and a schedule in one file, the self-hosted job pinned to the schedule': {
    '.github/workflows/mixed.yml': `on: [pull_request, schedule]\n${HEADER}jobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n  nightly:\n    if: github.event_name == 'schedule'\n    runs-on: self-hosted\n    steps:\n${CHECKOUT}`,
  },
  'a push to main only, on a self-hosted runner': {
    '.github/workflows/main.yml': `on:\n  push:\n    branches: [main]\n${HEADER}jobs:\n  build:\n    runs-on: [self-hosted]\n    steps:\n${CHECKOUT}      - run: make\n`,
  },
  'a local reusable workflow called from the schedule only': {
    '.github/workflows/caller.yml': `on:\n  schedule:\n    - cron: "0 1 * * *"\n${HEADER}jobs:\n  call:\n    uses: ./.github/workflows/work.yml\n    with:\n      shard: "1"\n`,
    '.github/workflows/work.yml': `on:\n  workflow_call:\n    inputs:\n      shard:\n        type: string\n${HEADER}jobs:\n  work:\n    runs-on: self-hosted\n    steps:\n${CHECKOUT}      - run: make shard-\${{ inputs.shard }}\n`,
  },
  'a remote reusable workflow pinned by SHA on push to main': {
    '.github/workflows/remote.yml': `on:\n  push:\n    branches: [main]\n${HEADER}jobs:\n  call:\n    uses: org/shared/.github/workflows/lint.yml@${SHA}\n`,
  },
  'a composite action used with trusted inputs on a self-hosted job': {
    '.github/workflows/nightly.yml': `on:\n  schedule:\n    - cron: "0 3 * * *"\n${HEADER}jobs:\n  regen:\n${DEFAULT_BRANCH_IF}\n    runs-on: self-hosted\n    steps:\n${CHECKOUT}      - uses: ./actions/setup\n        with:\n          title: nightly-\${{ github.run_id }}\n`,
    'actions/setup/action.yml': `name: setup\ndescription: setup\ninputs:\n  title:\n    description: t\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo "\${{ inputs.title }}"\n    - uses: someone/tool@${SHA}\n`,
  },
  'a third-party action pinned by SHA and a release on a GitHub-hosted job after a tag': {
    '.github/workflows/release.yml': `on:\n  push:\n    tags: ['v*']\n${HEADER}jobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n${CHECKOUT}      - run: npm pack\n      - uses: softprops/action-gh-release@${SHA}\n        with:\n          files: '*.tgz'\n`,
  },
  'pull_request_target-free labelling with issue_comment on GitHub-hosted runners': {
    '.github/workflows/comment.yml': `on: issue_comment\n${HEADER}jobs:\n  react:\n    if: github.event.issue.pull_request && contains(github.event.comment.body, '/hello')\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          BODY: \${{ github.event.comment.body }}\n        run: echo "$BODY" | wc -c\n`,
  },
  // Used to be refused: the literal 'push' was read as a possible runner label.
  'a runner chosen between two GitHub-hosted images by a condition': {
    '.github/workflows/pick.yml': `on: pull_request\n${HEADER}jobs:\n  test:\n    runs-on: \${{ github.event_name == 'push' && 'ubuntu-latest' || 'ubuntu-22.04' }}\n    steps:\n      - run: make test\n`,
  },
  'a self-hosted job that builds in a pinned container, checks out its own repository and uploads a report it wrote':
    {
      '.github/workflows/nightly.yml': `on:\n  schedule:\n    - cron: "0 3 * * *"\n${HEADER}jobs:\n  regen:\n${DEFAULT_BRANCH_IF}\n    runs-on: self-hosted\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          repository: \${{ github.repository }}\n          persist-credentials: false\n      - run: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub\n      - run: docker run --rm -v "$PWD:/w" python@sha256:${'b'.repeat(64)} python /w/scripts/metrics.py > report/metrics.json\n      - run: cp scripts/report-readme.md report/\n      - run: echo "regenerated $(date -u)" >> "$GITHUB_STEP_SUMMARY"\n      - uses: actions/upload-artifact@v4\n        with:\n          path: report\n`,
    },
  'a workflow in a subfolder of .github/workflows, which GitHub does not run': {
    '.github/workflows/drafts/experiment.yml': `on: pull_request\njobs:\n  gpu:\n    runs-on: self-hosted\n    steps:\n      - run: make\n`,
  },
  'a pull_request job whose runner comes from a matrix of hosted images named in another case': {
    '.github/workflows/matrix.yml': `on: pull_request\n${HEADER}jobs:\n  test:\n    strategy:\n      matrix:\n        OS: [ubuntu-latest, windows-2022]\n    runs-on: \${{ matrix.os }}\n    steps:\n      - run: make test\n`,
  },
  'a self-hosted job gated on github.event.schedule, which a pull request payload never has': {
    '.github/workflows/gated.yml': `on: [pull_request, schedule]\n${HEADER}jobs:\n  nightly:\n    if: github.event.schedule\n    runs-on: self-hosted\n    steps:\n      - uses: actions/download-artifact@v4\n        with:\n          name: inputs\n      - run: make\n`,
  },
  'a self-hosted job that sets up node and downloads a tool with curl': {
    '.github/workflows/tools.yml': `on:\n  schedule:\n    - cron: "0 3 * * *"\n${HEADER}jobs:\n  regen:\n${DEFAULT_BRANCH_IF}\n    runs-on: self-hosted\n    steps:\n${CHECKOUT}      - uses: actions/setup-node@v4\n      - run: curl -fsSL https://example.org/tool-${SHA}.tar.gz -o tool.tgz && sha256sum -c tool.sha256\n      - run: npm ci && npm run regenerate\n`,
  },
};

describe('safe workflows give no error', () => {
  for (const [name, files] of Object.entries(SAFE)) {
    it(name, async () => {
      const findings = await checkFiles(files);
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(findings.filter((f) => f.rule === 'workflow/github-parse')).toEqual([]);
    });
  }

  it("this repository's own workflows and actions: no finding at all", async () => {
    const { workflows, actions } = policyFiles(await trackedFiles(REPO_ROOT));
    expect(workflows.length).toBeGreaterThanOrEqual(3);
    expect(actions.length).toBeGreaterThanOrEqual(3);
    const texts = await Promise.all(workflows.map((w) => readFile(path.join(REPO_ROOT, w), 'utf8')));
    expect(texts.some((t) => t.includes('self-hosted'))).toBe(true);
    expect(await checkWorkflowFiles(REPO_ROOT, [...workflows, ...actions], CONTEXT)).toEqual([]);
  });
});
