import { expect, it } from 'vitest';
import { validateAgainstSchema } from '../../actions/lib/schema/compiled-validators.js';
import { checkSchemaFiles } from '../../actions/lib/schema/schema-files.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';

it('the committed JSON Schemas are exactly what the zod source emits', async () => {
  expect(await checkSchemaFiles(REPO_ROOT)).toEqual([]);
});

it('ajv reports only the branch a recipe kind names', () => {
  const errors = validateAgainstSchema('selection', {
    id: 'all-frontal',
    dataset: 'chexpert',
    include: ['**/*.jpg'],
    output_dir: 'real_images/chexpert',
    recipe: { kind: 'dicom', window: { center: 40 } },
  });
  expect(errors).toEqual([
    { pointer: '/recipe/window', message: 'missing required field "width"', atKey: false },
  ]);
});
