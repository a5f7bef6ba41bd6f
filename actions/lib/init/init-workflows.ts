/**
 * The workflows `init` writes into a benchmark repository. They use the actions from the
 * clinical-manifests repository pinned to one released tag, so a pull request cannot change the code
 * that judges it (the guard reads the policy and allowlist from the base as well).
 */

/** Where the actions come from: `uses: <repository>/actions/<name>@<ref>`. */
export interface ActionSource {
  /** owner/name of the clinical-manifests repository. */
  repository: string;
  /** A tag (v<version>) or a commit. */
  ref: string;
  /**
   * The full commit SHA of `ref`, for the self-hosted regenerate job: the guard's workflow policy
   * refuses a movable ref next to licensed data. Without it the job uses `ref`.
   */
  commit?: string;
}

function uses(source: ActionSource, name: string, pinned = false): string {
  const at =
    pinned && source.commit && source.commit !== source.ref ? `${source.commit} # ${source.ref}` : source.ref;
  return `${source.repository}/actions/${name}@${at}`;
}

/** validate and guard on every pull request and push to the default branch: GitHub-hosted, read-only. */
export function checksWorkflow(source: ActionSource): string {
  return `# Written by \`clinical-manifests init\`. Status checks on every pull request: no data, no secrets,
# a read-only token, a GitHub-hosted runner. Never pull_request_target. The actions are pinned to
# ${source.ref} of ${source.repository}; make "validate" and "guard" required status checks.
name: clinical-manifests

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

concurrency:
  group: clinical-manifests-\${{ github.ref }}
  cancel-in-progress: true

jobs:
  validate:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - name: Validate manifests and scenarios
        uses: ${uses(source, 'validate')}

  guard:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: read
      # Only to keep one review comment on the pull request.
      pull-requests: write
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
          # Every commit of base..head is read: data added in one commit and deleted in the next
          # still ships in the history.
          fetch-depth: 0
      - name: No-redistribution guard, workflow policy and review
        uses: ${uses(source, 'guard')}
`;
}

/** regenerate on the self-hosted runner that holds the data: by hand or on schedule, default branch only. */
export function regenerateWorkflow(source: ActionSource): string {
  return `# Written by \`clinical-manifests init\`. Regenerates the processed images on the self-hosted runner
# that holds the licensed data (CLINICAL_DATA_ROOT in the runner's environment) and opens one pull
# request with the lock files only. Images never leave the runner. Never runs on pull requests.
# The action is pinned by full commit SHA: a tag can be moved, and this job runs next to the data.
name: clinical-manifests regenerate

on:
  schedule:
    - cron: '23 2 * * 1'
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: clinical-manifests-regenerate-\${{ github.repository }}
  cancel-in-progress: false

jobs:
  regenerate:
    if: github.event_name == 'schedule' || github.ref == format('refs/heads/{0}', github.event.repository.default_branch)
    runs-on: [self-hosted, linux, x64]
    timeout-minutes: 720
    permissions:
      contents: write
      pull-requests: write
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - name: Regenerate, commit the lock files, open or update the pull request
        uses: ${uses(source, 'regenerate', true)}
        with:
          commit: local
          publish: pull-request
          token: \${{ secrets.GITHUB_TOKEN }}
`;
}
