import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateRepository } from '../../actions/lib/validate/validate-repository.js';
import { copyRepositoryContent, editJson } from '../helpers/repository-copy.js';

describe('PHI rule', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ root, cleanup } = await copyRepositoryContent()));
  afterEach(() => cleanup());

  async function phiFindingsFor(metadata: Record<string, unknown>) {
    await editJson(root, 'scenarios/scenario_005.json', (s) => Object.assign(s.metadata, metadata));
    const report = await validateRepository(root);
    return report.findings.filter(
      (f) => f.rule.startsWith('phi/') && f.file === 'scenarios/scenario_005.json',
    );
  }

  it.each([
    ['a DICOM UID', { study: '1.2.840.113619.2.55.3.604688119' }],
    ['a DICOM date or date-time', { acquired: 'scanned 20190312' }],
    ['a DICOM date or date-time', { acquired: '20190312143015.123' }],
    ['a DICOM time', { time: '143015' }],
    ['a person name', { reader: 'Doe^Jane' }],
    ['an absolute path', { from: '/home/alice/data/img.png' }],
    ['an absolute path', { from: 'C:\\data\\img.dcm' }],
  ])('flags %s without printing the value', async (kind, metadata) => {
    const findings = await phiFindingsFor(metadata);
    expect(findings.map((f) => f.message).join('\n')).toContain(kind);
    for (const value of Object.values(metadata)) expect(JSON.stringify(findings)).not.toContain(value);
  });

  it.each([
    { doi: '10.1609/aaai.v33i01.3301590' },
    { arxiv: '1901.07031' },
    { note: 'TI-RADS 2, 1.5 mm, 12 weeks, 2019 paper' },
    { version: '1.2.3' },
    { ratio: '1/2' },
  ])('does not flag ordinary values %j', async (metadata) => {
    expect(await phiFindingsFor(metadata)).toEqual([]);
  });

  it('flags identifier fields and ids outside the pseudonymous patterns', async () => {
    const findings = await phiFindingsFor({ patient_name: 'x', patient_id: 'MRN-123456' });
    expect(findings.map((f) => f.rule).sort()).toEqual(['phi/identifier-field', 'phi/patient-id']);
    await editJson(root, 'scenarios/scenario_009.json', (s) => {
      s.metadata.patient_id = 'MRN-123456';
    });
    const report = await validateRepository(root);
    const real = report.findings.find(
      (f) => f.file === 'scenarios/scenario_009.json' && f.rule === 'phi/patient-id',
    );
    expect(real?.message).toMatch(/does not match dataset chexpert's pseudonymous id pattern/);
  });
});
