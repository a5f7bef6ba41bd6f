import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { messageOf } from '../errors.js';
import type { LoadedFile } from '../repository/load-json-file.js';
import { LAYOUT } from '../repository/repository-layout.js';
import type { Scenario } from '../schema/scenario.js';
import { renderSyntheticImage, type SyntheticSpec } from '../synth/synthetic-image.js';

/** Makes a synthetic image from its spec; the generator's own function unless a test supplies one. */
export type SyntheticRenderer = (spec: SyntheticSpec) => Buffer;

export const defaultSyntheticRenderer: SyntheticRenderer = renderSyntheticImage;

/** A scenario that claims a committed file as its synthetic image. */
export interface SyntheticClaim {
  scenarioFile: string;
  spec: SyntheticSpec;
}

/** Repository path of each claimed synthetic image → the scenarios that claim it. */
export function syntheticClaims(scenarios: readonly LoadedFile<Scenario>[]): Map<string, SyntheticClaim[]> {
  const claims = new Map<string, SyntheticClaim[]>();
  for (const scenario of scenarios) {
    const synthetic = scenario.value?.synthetic;
    if (!synthetic) continue;
    // Relative to the scenarios folder, as `image_file` is.
    const file = path.posix.normalize(path.posix.join(LAYOUT.scenariosDir, synthetic.image_file));
    const spec = { generator: synthetic.generator, seed: synthetic.seed, parameters: synthetic.parameters };
    claims.set(file, [...(claims.get(file) ?? []), { scenarioFile: scenario.file, spec }]);
  }
  return claims;
}

/**
 * Regenerates the image each claim describes and compares bytes with the committed file. Returns
 * undefined when every claim reproduces it, else why not (without any pixel value).
 */
export async function verifySyntheticImage(
  root: string,
  file: string,
  claims: readonly SyntheticClaim[],
  render: SyntheticRenderer,
): Promise<string | undefined> {
  return verifySyntheticBytes(await readFile(path.join(root, file)), claims, render);
}

/** The same check over bytes already read (a blob of the pull request's history). */
export function verifySyntheticBytes(
  committed: Buffer,
  claims: readonly SyntheticClaim[],
  render: SyntheticRenderer,
): string | undefined {
  for (const claim of claims) {
    let made: Buffer;
    try {
      made = render(claim.spec);
    } catch (error) {
      return `cannot regenerate it from ${claim.scenarioFile}: ${messageOf(error)}`;
    }
    if (!made.equals(committed)) {
      return `differs from what generator "${claim.spec.generator}" (seed ${claim.spec.seed}) makes for ${claim.scenarioFile} (${committed.length} bytes committed, ${made.length} generated)`;
    }
  }
  return undefined;
}
