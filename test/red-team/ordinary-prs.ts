/** Twenty pull requests a maintainer would merge without a second look: the checks must find nothing new. */
import { createHash } from 'node:crypto';
import { scenarioClaimSha256 } from '../../actions/lib/labels/ground-truth.js';
import type { OrdinaryPr } from './attempt.js';
import { muraLock } from './lock-entry.js';
import type { PrRepo } from './pr-repo.js';

const SCHEDULED_IF =
  "github.event_name == 'schedule' || github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

const pr = (id: string, build: (r: PrRepo) => Promise<void>): OrdinaryPr => ({ id: `ordinary/${id}`, build });
const scenario = (r: PrRepo, id: string, edit: (v: any) => void) => r.editJson(`scenarios/${id}.json`, edit);
const append = async (r: PrRepo, file: string, text: string) => r.write(file, `${await r.read(file)}${text}`);

export function ordinaryPullRequests(): OrdinaryPr[] {
  return [
    pr('scenario-title', async (r) => {
      await scenario(r, 'scenario_001', (v) => {
        v.title = 'Forearm radiograph, lateral view';
      });
      await r.commit('scenario 001: clearer title');
    }),
    pr('scenario-findings', async (r) => {
      await scenario(r, 'scenario_002', (v) => {
        v.findings = [...new Set([...v.findings, 'peritumoral edema'])];
      });
      await r.commit('scenario 002: one more finding');
    }),
    pr('scenario-ground-truth-wording', async (r) => {
      await scenario(r, 'scenario_003', (v) => {
        v.ground_truth = `${v.ground_truth} (reviewed)`;
      });
      await r.commit('scenario 003: wording');
    }),
    pr('scenario-anatomy', async (r) => {
      await scenario(r, 'scenario_005', (v) => {
        v.anatomy = [...new Set([...v.anatomy, 'chest'])];
      });
      await r.commit('scenario 005: anatomy');
    }),
    pr('readme-typo', async (r) => {
      const text = await r.read('README.md');
      await r.write('README.md', text.replace('the', 'the').replace(/\n\n/, '\n\n<!-- reviewed -->\n\n'));
      await r.commit('README: typo');
    }),
    pr('readme-section-with-table-and-code', async (r) => {
      await append(
        r,
        'README.md',
        '\n## Running the checks locally\n\n```sh\nnpx clinical-manifests validate\nnpx clinical-manifests guard --base main\n```\n\n| check | what it reads |\n| --- | --- |\n| validate | manifests, scenarios |\n| guard | every file of the pull request |\n',
      );
      await r.commit('README: running the checks');
    }),
    pr('docs-checksums-table', async (r) => {
      const rows = Array.from({ length: 12 }, (_, i) => {
        const h = createHash('sha256').update(`file ${i}`).digest('hex');
        return `| scenario_${String(i).padStart(3, '0')}.png | \`${h}\` |`;
      });
      await r.write(
        'docs/checksums.md',
        `# Checksums of the released images\n\n| file | sha256 |\n| --- | --- |\n${rows.join('\n')}\n`,
      );
      await r.commit('docs: checksums');
    }),
    pr('docs-results-csv', async (r) => {
      const rows = [
        'scenario,model,accuracy,auc',
        ...Array.from({ length: 9 }, (_, i) => `scenario_00${i + 1},baseline,0.${70 + i},0.${80 + i}`),
      ];
      await r.write('docs/results.csv', `${rows.join('\n')}\n`);
      await r.commit('docs: baseline results');
    }),
    pr('contributing-guide', async (r) => {
      await r.write(
        'CONTRIBUTING.md',
        '# Contributing\n\nOpen a pull request with scenario edits; never commit images or data.\nRun `npx clinical-manifests validate` first.\n',
      );
      await r.commit('CONTRIBUTING');
    }),
    pr('gitignore-entry', async (r) => {
      await append(r, '.gitignore', '.venv/\n__pycache__/\n');
      await r.commit('.gitignore: python caches');
    }),
    pr('dataset-description', async (r) => {
      await r.editJson('manifests/datasets/mura.json', (v) => {
        v.description = `${v.description} Images vary in size.`;
      });
      await r.commit('mura: description');
    }),
    pr('new-dataset-manifest', async (r) => {
      const v = JSON.parse(await r.read('manifests/datasets/mura.json'));
      v.id = 'mura-test';
      v.title = 'MURA: test split';
      await r.write('manifests/datasets/mura-test.json', `${JSON.stringify(v, null, 2)}\n`);
      await r.commit('dataset: MURA test split');
    }),
    pr('synthetic-image-new-seed', async (r) => {
      await scenario(r, 'scenario_001', (v) => {
        v.synthetic.seed = 17;
      });
      await r.runCli('synth', '--images');
      await r.commit('scenario 001: new synthetic seed');
    }),
    pr('synthetic-parameters-and-image', async (r) => {
      await scenario(r, 'scenario_002', (v) => {
        v.synthetic.seed = (v.synthetic.seed ?? 0) + 100;
      });
      await r.runCli('synth', '--images');
      await r.runCli('citations');
      await r.commit('scenario 002: new synthetic image');
    }),
    pr('citations-regenerated-after-citation-edit', async (r) => {
      await r.editJson('manifests/datasets/mura.json', (v) => {
        v.citation.acknowledgement = `${v.citation.acknowledgement} `.trimEnd().concat(' Thank you.');
      });
      await r.runCli('citations');
      await r.commit('mura: acknowledgement; CITATIONS.md');
    }),
    pr('safe-workflow-change', async (r) => {
      await r.write(
        '.github/workflows/docs.yml',
        'name: docs\non:\n  pull_request:\n    paths: [\'**.md\']\npermissions:\n  contents: read\njobs:\n  links:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n      - run: grep -rn "](http" --include=*.md . | wc -l\n',
      );
      await r.commit('ci: count links in docs');
    }),
    pr('validate-workflow-timeout', async (r) => {
      const wf = await r.read('.github/workflows/validate.yml');
      await r.write(
        '.github/workflows/validate.yml',
        wf.replace('timeout-minutes: 10', 'timeout-minutes: 15'),
      );
      await r.commit('ci: longer timeout');
    }),
    pr('scheduled-self-hosted-job-correct-condition', async (r) => {
      await r.write(
        '.github/workflows/verify-data.yml',
        `name: verify-data\non:\n  schedule:\n    - cron: '17 4 * * 0'\n  workflow_dispatch:\npermissions:\n  contents: read\njobs:\n  verify:\n    if: ${SCHEDULED_IF}\n    runs-on: [self-hosted, linux, x64]\n    timeout-minutes: 120\n    concurrency:\n      group: verify-data\n      cancel-in-progress: false\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n        with:\n          persist-credentials: false\n      - uses: actions/setup-node@39370e3970a6d050c480ffad4ff0ed4d3fdee5af\n        with:\n          node-version: 24\n      - run: npm ci\n      - run: node scripts/clinical-manifests.js verify\n`,
      );
      await r.commit('ci: weekly verification on the data runners');
    }),
    pr('lock-update-in-lock-format', async (r) => {
      const v = JSON.parse(await r.read('scenarios/scenario_001.json'));
      const mura = JSON.parse(await r.read('manifests/datasets/mura.json'));
      // As a runner writes it since issue 18: the entry records the label row it was checked against.
      const labels = {
        file: 'MURA-v1.1/train_labeled_studies.csv',
        row_sha256: createHash('sha256').update('study row').digest('hex'),
        claimed_sha256: scenarioClaimSha256(v, mura),
      };
      await r.write('manifests/locks/mura.json', muraLock(v.image_file, v.source.path, labels));
      await r.commit('locks: mura regenerated');
    }),
    pr('edit-then-revert', async (r) => {
      await scenario(r, 'scenario_008', (v) => {
        v.title = 'temporary';
      });
      await r.commit('try a title');
      await r.git('revert', '--no-edit', 'HEAD');
    }),
    pr('several-commits-scenarios-and-docs', async (r) => {
      await scenario(r, 'scenario_013', (v) => {
        v.title = `${v.title} (revised)`;
      });
      await r.commit('scenario 013');
      await append(r, 'README.md', '\nSee CONTRIBUTING.md.\n');
      await r.commit('README');
      await scenario(r, 'scenario_018', (v) => {
        v.findings = [...v.findings];
      });
      await r.commit('scenario 018: no-op reformat');
    }),
  ];
}
