import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCitationsFile } from '../../actions/lib/citations/citations-file.js';
import { copyRepositoryContent, editJson, REPO_ROOT } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';

const AIMI_ACK =
  "This research used data provided by the Stanford Center for Artificial Intelligence in Medicine and Imaging (AIMI). AIMI curated a publicly available imaging data repository containing clinical imaging and data from Stanford Health Care, the Stanford Children's Hospital, the University Healthcare Alliance and Packard Children's Health Alliance clinics provisioned for research use by the Stanford Medicine Research Data Repository (STARR).";

describe('citations', () => {
  let copy: Awaited<ReturnType<typeof copyRepositoryContent>>;
  beforeEach(async () => {
    copy = await copyRepositoryContent();
  });
  afterEach(() => copy.cleanup());

  it('the committed CITATIONS.md is up to date', async () => {
    expect(await checkCitationsFile(REPO_ROOT)).toEqual([]);
    const { code, stdout } = await runCliCaptured(['citations', '--check', '--repo', REPO_ROOT]);
    expect([code, stdout]).toEqual([0, 'CITATIONS.md is up to date\n']);
  });

  it('cites exactly the datasets the scenarios use, acknowledgements verbatim, with BibTeX', async () => {
    const text = await readFile(path.join(REPO_ROOT, 'CITATIONS.md'), 'utf8');
    const used = new Set<string>();
    for (const f of [
      'scenario_001',
      'scenario_002',
      'scenario_003',
      'scenario_008',
      'scenario_009',
      'scenario_020',
    ]) {
      const s = JSON.parse(await readFile(path.join(REPO_ROOT, 'scenarios', `${f}.json`), 'utf8'));
      if (s.source) used.add(s.source.dataset);
    }
    for (const id of used) expect(text).toContain(`(\`${id}\`)`);
    expect(text).not.toContain('(`coca`)');
    expect(text).not.toContain('(`sinoct`)');
    expect(text).toContain(`> ${AIMI_ACK}`);
    expect(text).toContain('https://doi.org/10.7937/k0sm-y874');
    expect(text).toContain('```bibtex\n@inproceedings{irvin2019chexpert,');
  });

  it('--check fails naming CITATIONS.md when a manifest changes, and writing fixes it', async () => {
    await runCliCaptured(['citations', '--repo', copy.root]);
    await editJson(copy.root, 'manifests/datasets/mura.json', (m) => {
      m.citation.references[0].text = 'Changed reference text.';
    });
    const stale = await runCliCaptured(['citations', '--check', '--format', 'github', '--repo', copy.root]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(
      /^::error file=CITATIONS\.md,line=\d+,title=citations\/stale::CITATIONS\.md is stale/,
    );
    const findings = await checkCitationsFile(copy.root);
    const lines = (await readFile(path.join(copy.root, 'CITATIONS.md'), 'utf8')).split('\n');
    expect(lines[findings[0]!.line! - 1]).toMatch(/^1\. Rajpurkar P/);
    expect((await runCliCaptured(['citations', '--repo', copy.root])).stdout).toBe('wrote CITATIONS.md\n');
    expect(await checkCitationsFile(copy.root)).toEqual([]);
  });

  it('--check fails when a scenario starts using another dataset, or the file is missing', async () => {
    await editJson(copy.root, 'scenarios/scenario_005.json', (s) => {
      s.source = {
        dataset: 'coca',
        path: 'Gated_release_final/patient/0/x/IM-0001-0001.dcm',
        recipe: { kind: 'dicom' },
        labels: {},
      };
    });
    expect((await checkCitationsFile(copy.root))[0]?.rule).toBe('citations/stale');
    await writeFile(path.join(copy.root, 'CITATIONS.md'), '');
    expect((await checkCitationsFile(copy.root))[0]?.line).toBe(1);
  });

  it('ignores CRLF line endings from a Windows checkout', async () => {
    const file = path.join(copy.root, 'CITATIONS.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/\n/g, '\r\n'));
    expect(await checkCitationsFile(copy.root)).toEqual([]);
  });
});
