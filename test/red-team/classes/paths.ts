/** Identifying values in paths (scenario source paths, selection globs) and outputs that collide. */
import type { Attempt } from '../attempt.js';
import { PHI } from '../attempt.js';
import { muraLock } from '../lock-entry.js';

const C = 'identifying-path';
const MURA = 'MURA-v1.1/valid/XR_FOREARM/patient11185/study1_positive/image1.png';
const name = `${PHI.family}_${PHI.given}`;

function sourcePath(variant: string, scenario: string, edit: (path: string) => string): Attempt {
  const file = `scenarios/${scenario}.json`;
  return {
    id: `${C}/${variant}`,
    cls: C,
    files: [file],
    async build(r) {
      await r.editJson(file, (v) => {
        v.source.path = edit(v.source.path);
      });
      await r.commit('fix source path');
    },
    // The identifying value is in the committed path itself.
    proof: `assert ${JSON.stringify(PHI.family)} in json.load(open(${JSON.stringify(file)}))["source"]["path"] or ${JSON.stringify(PHI.mrn)} in json.load(open(${JSON.stringify(file)}))["source"]["path"]`,
  };
}

function scenarioCopy(r: import('../pr-repo.js').PrRepo, id: string, edit: (v: any) => void) {
  return r.read('scenarios/scenario_001.json').then((text) => {
    const v = JSON.parse(text);
    v.id = id;
    delete v.synthetic;
    edit(v);
    return r.write(`scenarios/${id}.json`, `${JSON.stringify(v, null, 2)}\n`);
  });
}

export function pathAttempts(): Attempt[] {
  return [
    sourcePath('patient-name-folder', 'scenario_001', (p) => p.replace('patient11185', name)),
    sourcePath('mrn-file-name', 'scenario_001', (p) => p.replace('image1.png', `MRN${PHI.mrn}.png`)),
    sourcePath('name-and-birth-date-study-folder', 'scenario_001', (p) =>
      p.replace('study1_positive', `${PHI.family}_${PHI.birthDate}`),
    ),
    sourcePath('patient-name-chexpert-folder', 'scenario_009', (p) => p.replace(/patient\d+/, name)),
    sourcePath('patient-name-appended-to-mura-id', 'scenario_001', (p) =>
      p.replace('patient11185', `patient11185_${PHI.family}`),
    ),
    {
      id: `${C}/lock-source-path-with-name`,
      cls: C,
      files: ['manifests/locks/mura.json'],
      async build(r) {
        await r.write(
          'manifests/locks/mura.json',
          muraLock('real_images/mura/scenario_001.png', MURA.replace('patient11185', name)),
        );
        await r.commit('locks');
      },
      proof: `assert ${JSON.stringify(PHI.family)} in json.load(open("manifests/locks/mura.json"))["entries"][0]["source"]["path"]`,
    },
    {
      id: `${C}/selection-glob-over-names`,
      cls: C,
      files: ['manifests/selections/named.json'],
      async build(r) {
        await r.write(
          'manifests/selections/named.json',
          `${JSON.stringify({ id: 'named', dataset: 'mura', include: [`MURA-v1.1/valid/XR_*/${PHI.family}*/**/*.png`], recipe: { kind: 'image' } }, null, 2)}\n`,
        );
        await r.commit('selection');
      },
      proof: `assert ${JSON.stringify(PHI.family)} in json.load(open("manifests/selections/named.json"))["include"][0]`,
    },
    {
      id: `${C}/outputs-collide-by-case`,
      cls: C,
      files: ['scenarios/scenario_021.json', 'scenarios/scenario_001.json'],
      async build(r) {
        await scenarioCopy(r, 'scenario_021', (v) => {
          v.image_file = v.image_file.replace('scenario_001', 'Scenario_001');
          v.source.path = MURA.replace('image1', 'image2');
        });
        await r.commit('another view');
      },
      proof:
        'a = json.load(open("scenarios/scenario_021.json"))["image_file"]; b = json.load(open("scenarios/scenario_001.json"))["image_file"]; assert a != b and a.lower() == b.lower()',
    },
    {
      id: `${C}/outputs-collide-by-unicode-normalisation`,
      cls: C,
      files: ['scenarios/scenario_021.json', 'scenarios/scenario_022.json'],
      async build(r) {
        await scenarioCopy(r, 'scenario_021', (v) => {
          v.image_file = 'real_images/mura/r\u00e9sum\u00e9.png';
          v.source.path = MURA.replace('image1', 'image2');
        });
        await scenarioCopy(r, 'scenario_022', (v) => {
          v.image_file = 'real_images/mura/re\u0301sume\u0301.png';
          v.source.path = MURA.replace('image1', 'image3');
        });
        await r.commit('two views');
      },
      proof:
        'import unicodedata; a = json.load(open("scenarios/scenario_021.json"))["image_file"]; b = json.load(open("scenarios/scenario_022.json"))["image_file"]; assert a != b and unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)',
    },
  ];
}
