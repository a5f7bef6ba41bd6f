/**
 * Bad content files for a copy of the repository: wrong types, huge and non-finite numbers, deep
 * nesting, a byte-order mark, duplicate keys, prototype keys, broken encodings and syntax, and paths
 * that leave the repository or the data root. Each case replaces one file's text.
 */

/** One bad content file: which file of the copy to replace, and its new bytes. */
export interface ManifestCase {
  name: string;
  /** Relative to the repository root. */
  file: string;
  content: string | Uint8Array;
}

const SCENARIO = 'scenarios/scenario_001.json';
const DATASET = 'manifests/datasets/mura.json';
const POLICY = 'manifests/policy.json';
const LOCK = 'manifests/locks/mura.json';
const SELECTION = 'manifests/selections/mura-all.json';

/** `text` (a valid file) edited at the JSON level: `edit` gets the parsed value and changes it. */
function edited(text: string, edit: (value: any) => void): string {
  const value = JSON.parse(text);
  edit(value);
  return `${JSON.stringify(value, null, 2)}\n`;
}

const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** The corpus, built from the repository's own valid scenario and dataset texts. */
export function manifestCases(scenarioText: string, datasetText: string): ManifestCase[] {
  const s = (name: string, content: string | Uint8Array): ManifestCase => ({ name, file: SCENARIO, content });
  const d = (name: string, content: string | Uint8Array): ManifestCase => ({ name, file: DATASET, content });
  const scenario = (name: string, edit: (v: any) => void) => s(name, edited(scenarioText, edit));
  const lock = {
    format: 1,
    dataset: 'mura',
    tools: {},
    entries: [
      {
        output: 'a.png',
        source: { path: 'x/a.png', sha256: '0'.repeat(64), size: 1 },
        recipe: { kind: 'image' },
        recipe_sha256: '0'.repeat(64),
        output_sha256: '0'.repeat(64),
        pixels_sha256: '0'.repeat(64),
        width: 1,
        height: 1,
        channels: 1,
      },
    ],
  };
  const lockText = (edit: (v: any) => void) => edited(JSON.stringify(lock), edit);
  return [
    // Encoding and syntax.
    s('byte-order-mark', `\ufeff${scenarioText}`),
    s('utf16-with-bom', new Uint8Array(Buffer.from(`\ufeff${scenarioText}`, 'utf16le'))),
    s('invalid-utf8', new Uint8Array([...Buffer.from(scenarioText.slice(0, 40)), 0xff, 0xfe, 0xc3, 0x28])),
    s('nul-bytes', `${scenarioText.slice(0, 30)}\0\0\0${scenarioText.slice(30)}`),
    s('empty', ''),
    s('whitespace', ' \n\t\n'),
    s('truncated', scenarioText.slice(0, Math.floor(scenarioText.length / 2))),
    s('trailing-comma', scenarioText.replace(/\n}\s*$/, ',\n}\n')),
    s('comment', `// Doe^Jane\n${scenarioText}`),
    s('lone-surrogate', scenarioText.replace('"title": "', '"title": "\\ud800')),
    s('control-character', scenarioText.replace('"title": "', '"title": "\u0001')),
    // Shapes JSON allows and the schema does not.
    s('null-root', 'null'),
    s('array-root', '[1, 2, 3]'),
    s('string-root', '"Doe^Jane"'),
    s('number-root', '1e999'),
    scenario('id-number', (v) => {
      v.id = 1;
    }),
    scenario('anatomy-string', (v) => {
      v.anatomy = 'forearm';
    }),
    scenario('metadata-array', (v) => {
      v.metadata = [];
    }),
    scenario('source-null', (v) => {
      v.source = null;
    }),
    scenario('recipe-kind-unknown', (v) => {
      v.source.recipe = { kind: 'Doe^Jane' };
    }),
    scenario('recipe-frame-negative', (v) => {
      v.source.recipe = { kind: 'dicom', frame: -1 };
    }),
    scenario('recipe-frame-fraction', (v) => {
      v.source.recipe = { kind: 'dicom', frame: 0.5 };
    }),
    scenario('everything-removed', (v) => {
      for (const key of Object.keys(v)) delete v[key];
    }),
    // Numbers: huge, non-finite after parsing, negative zero, long digit strings.
    s('seed-1e400', scenarioText.replace(/"seed": \d+/, '"seed": 1e400')),
    s('seed-long-digits', scenarioText.replace(/"seed": \d+/, `"seed": ${'9'.repeat(400)}`)),
    s('seed-negative-zero', scenarioText.replace(/"seed": \d+/, '"seed": -0')),
    scenario('window-huge', (v) => {
      v.source.recipe = { kind: 'dicom', window: { center: 1e308, width: 1e308 } };
    }),
    scenario('frame-max-safe-plus', (v) => {
      v.source.recipe = { kind: 'dicom', frame: 2 ** 53 + 2 };
    }),
    // Nesting.
    s('nested-200', scenarioText.replace('"metadata": {', `"deep": ${nested(200)}, "metadata": {`)),
    s('nested-100000', scenarioText.replace('"metadata": {', `"deep": ${nested(100_000)}, "metadata": {`)),
    s('nested-objects-5000', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`),
    // Keys.
    s(
      'duplicate-key',
      scenarioText.replace('"id": "scenario_001",', '"id": "scenario_001",\n  "id": "Doe^Jane",'),
    ),
    s('duplicate-nested-key', scenarioText.replace('"metadata": {', '"metadata": {\n    "source": "x",')),
    s(
      'proto-key',
      scenarioText.replace('"metadata": {', '"__proto__": {"polluted": "yes"},\n  "metadata": {'),
    ),
    s(
      'constructor-key',
      scenarioText.replace(
        '"metadata": {',
        '"constructor": {"prototype": {"polluted": "yes"}},\n  "metadata": {',
      ),
    ),
    s('key-10mb', scenarioText.replace('"metadata": {', `"${'k'.repeat(10_000_000)}": 1,\n  "metadata": {`)),
    // Paths that leave the repository or the data root.
    scenario('source-path-dotdot', (v) => {
      v.source.path = '../../../../etc/passwd';
    }),
    scenario('source-path-absolute', (v) => {
      v.source.path = '/etc/passwd';
    }),
    scenario('image-file-dotdot', (v) => {
      v.image_file = '../../outside.png';
    }),
    scenario('synthetic-image-absolute', (v) => {
      v.synthetic.image_file = '/tmp/outside.png';
    }),
    scenario('source-path-backslashes', (v) => {
      v.source.path = '..\\..\\windows\\system32';
    }),
    scenario('source-path-nul', (v) => {
      v.source.path = 'a\u0000b';
    }),
    // Dataset manifest, policy, selection and lock.
    d('dataset-byte-order-mark', `\ufeff${datasetText}`),
    d('dataset-duplicate-id', datasetText.replace('"id": "mura",', '"id": "mura",\n  "id": "chexpert",')),
    d(
      'dataset-terms-number',
      edited(datasetText, (v) => {
        v.licence.terms = 42;
      }),
    ),
    d('dataset-counts-huge', datasetText.replace(/"counts": \{/, '"counts": { "images": 1e400, ')),
    d('dataset-nested', datasetText.replace('"id": "mura",', `"id": "mura", "x": ${nested(150)},`)),
    { name: 'policy-array', file: POLICY, content: '[]' },
    { name: 'policy-bom', file: POLICY, content: '\ufeff{}' },
    {
      name: 'selection-glob-escape',
      file: SELECTION,
      content: JSON.stringify({
        id: 'mura-all',
        dataset: 'mura',
        include: ['../../**/*'],
        recipe: { kind: 'image' },
        output_dir: '../../outside',
      }),
    },
    {
      name: 'selection-absolute',
      file: SELECTION,
      content: JSON.stringify({
        id: 'mura-all',
        dataset: 'mura',
        include: ['/etc/*'],
        recipe: { kind: 'image' },
        output_dir: '/tmp',
      }),
    },
    {
      name: 'lock-wrong-types',
      file: LOCK,
      content: lockText((v) => {
        v.entries[0].width = '1';
      }),
    },
    {
      name: 'lock-huge-size',
      file: LOCK,
      content: lockText((v) => {
        v.entries[0].source.size = 1e300;
      }),
    },
    {
      name: 'lock-entries-object',
      file: LOCK,
      content: lockText((v) => {
        v.entries = {};
      }),
    },
    {
      name: 'lock-path-dotdot',
      file: LOCK,
      content: lockText((v) => {
        v.entries[0].source.path = '../../etc/passwd';
      }),
    },
    {
      name: 'lock-duplicate-key',
      file: LOCK,
      content: JSON.stringify(lock).replace('"format":1', '"format":1,"format":2'),
    },
    { name: 'lock-bom', file: LOCK, content: `\ufeff${JSON.stringify(lock)}` },
    {
      name: 'lock-nested',
      file: LOCK,
      content: JSON.stringify(lock).replace('"tools":{}', `"tools":${nested(300)}`),
    },
  ];
}
