import { expect, it } from 'vitest';
import { SYNTHETIC_GENERATORS } from '../../actions/lib/schema/scenario.js';
import { syntheticGeneratorNames } from '../../actions/lib/synth/synthetic-image.js';
import { runCliCaptured } from '../helpers/run-cli.js';

it('the schema enum is exactly the generators the synth engine knows, and synth --help lists them', async () => {
  expect([...SYNTHETIC_GENERATORS].sort()).toEqual(syntheticGeneratorNames().sort());
  const help = await runCliCaptured(['synth', '--help']);
  for (const name of SYNTHETIC_GENERATORS) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
});
