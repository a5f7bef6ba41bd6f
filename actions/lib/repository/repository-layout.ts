/** Where each kind of content lives, relative to the repository root. */
export const LAYOUT = {
  datasetsDir: 'manifests/datasets',
  locksDir: 'manifests/locks',
  selectionsDir: 'manifests/selections',
  schemaDir: 'manifests/schema',
  policyFile: 'manifests/policy.json',
  scenariosDir: 'scenarios',
  syntheticImagesDir: 'scenarios/synthetic_images',
  citationsFile: 'CITATIONS.md',
} as const;
