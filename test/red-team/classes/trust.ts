/**
 * The pull request tries to change what judges it: its own policy (allowlist, data and output folders)
 * or the guard's code. The checks run here are built from the trusted checkout, so a changed
 * actions/lib cannot run; the policy must come from the base revision.
 */
import { type Attempt, attemptsOf } from '../attempt.js';

const C = 'trust';

export function trustAttempts(): Attempt[] {
  const a = attemptsOf(C);
  const allow = (path: string) => (v: any) => {
    v.allowed_binary_files = [...(v.allowed_binary_files ?? []), { path, reason: 'test fixture' }];
  };
  return [
    a(
      'allowlists-its-own-dicom',
      ['test/fixtures/case.dcm'],
      async (r, p) => {
        await r.write('test/fixtures/case.dcm', p.dicom);
        await r.policy(allow('test/fixtures/case.dcm'));
        await r.commit('fixture');
      },
      'dicom_ok(read("test/fixtures/case.dcm"))',
    ),
    a(
      'allowlist-first-then-data',
      ['docs/figure.png'],
      async (r, p) => {
        await r.policy(allow('docs/figure.png'));
        await r.commit('policy: allow the figure');
        await r.write('docs/figure.png', p.png);
        await r.commit('figure');
      },
      'pixels_ok(np.array(Image.open("docs/figure.png")))',
    ),
    a(
      'allowlists-a-disguised-binary',
      ['assets/table.dat'],
      async (r, p) => {
        await r.write('assets/table.dat', p.py.mat as Buffer);
        await r.policy(allow('assets/table.dat'));
        await r.commit('table');
      },
      'pixels_ok(scipy.io.loadmat("assets/table.dat")["scan"])',
    ),
    a(
      'drops-data-dirs-and-tracks-data',
      ['data/mura/image1.png'],
      async (r, p) => {
        await r.policy((v) => {
          v.data_dirs = [];
        });
        await r.write('data/mura/image1.png', p.png);
        await r.write('.gitignore', '');
        await r.commit('track the data folder');
      },
      'pixels_ok(np.array(Image.open("data/mura/image1.png")))',
    ),
    a(
      'moves-output-dirs-and-tracks-outputs',
      ['outputs/mura/scenario_001.png'],
      async (r, p) => {
        await r.policy((v) => {
          v.output_dirs = ['build/outputs'];
        });
        await r.write('.gitignore', 'node_modules/\n');
        await r.write('outputs/mura/scenario_001.png', p.png);
        await r.commit('outputs');
      },
      'pixels_ok(np.array(Image.open("outputs/mura/scenario_001.png")))',
    ),
    a(
      'guard-code-exits-zero',
      ['actions/guard/dist/index.js', 'assets/scan.dcm'],
      async (r, p) => {
        await r.write('actions/guard/dist/index.js', 'process.exit(0);\n');
        await r.write(
          'actions/lib/guard/run-guard.ts',
          'export async function runGuard() { process.exit(0); }\n',
        );
        await r.write('assets/scan.dcm', p.dicom);
        await r.commit('speed up the guard');
      },
      'dicom_ok(read("assets/scan.dcm"))',
    ),
    a(
      'validate-workflow-runs-pr-guard',
      ['.github/workflows/validate.yml', 'assets/scan2.dcm'],
      async (r, p) => {
        const wf = await r.read('.github/workflows/validate.yml');
        await r.write(
          '.github/workflows/validate.yml',
          wf.replace('uses: ./actions/guard', 'run: echo skipped'),
        );
        await r.write('assets/scan2.dcm', p.dicom);
        await r.commit('faster checks');
      },
      'dicom_ok(read("assets/scan2.dcm"))',
    ),
    a(
      'allowlist-glob-everything',
      ['assets/all.tif'],
      async (r, p) => {
        await r.policy(allow('**'));
        await r.write('assets/all.tif', p.py['tiff-le'] as Buffer);
        await r.commit('allow');
      },
      'pixels_ok(np.array(Image.open("assets/all.tif")))',
    ),
  ];
}
