import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../findings/finding.js';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import { listFiles } from '../repository/list-files.js';
import { loadRepository } from '../repository/load-repository.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { checkSyntheticSpec, renderSyntheticImage, type SyntheticSpec } from './synthetic-image.js';

/** One committed synthetic image and the spec that makes it. */
export interface SyntheticImagePlan {
  /** Scenario file that asks for it, relative to the repository root. */
  scenarioFile: string;
  /** The image, relative to the repository root (scenarios/synthetic_images/…). */
  imageFile: string;
  spec: SyntheticSpec;
}

/** The outcome per image: written (new or changed), unchanged, or (when checking) stale / missing. */
export interface SyntheticImageResult {
  imageFile: string;
  status: 'written' | 'unchanged' | 'stale' | 'missing';
}

/**
 * Every scenario's `synthetic` block, checked: bad specs and two scenarios asking for one file with
 * different specs are findings, not plans.
 */
export async function planSyntheticImages(
  root: string,
): Promise<{ plans: SyntheticImagePlan[]; findings: Finding[] }> {
  const { scenarios, findings } = await loadRepository(root, ['scenarios']);
  const byImage = new Map<string, SyntheticImagePlan>();
  for (const loaded of scenarios) {
    const synthetic = loaded.value?.synthetic;
    if (!synthetic) continue;
    const spec: SyntheticSpec = {
      generator: synthetic.generator,
      seed: synthetic.seed,
      parameters: synthetic.parameters,
    };
    const problems = checkSyntheticSpec(spec);
    const at = loaded.doc?.locate('/synthetic');
    for (const message of problems)
      findings.push({ rule: 'synth/spec', severity: 'error', file: loaded.file, ...at, message });
    if (problems.length > 0) continue;
    const imageFile = path.posix.join(LAYOUT.scenariosDir, synthetic.image_file);
    const other = byImage.get(imageFile);
    if (other && JSON.stringify(other.spec) !== JSON.stringify(spec)) {
      findings.push({
        rule: 'synth/conflict',
        severity: 'error',
        file: loaded.file,
        ...at,
        message: `${imageFile} is also made by ${other.scenarioFile} with a different generator, seed or parameters`,
      });
      continue;
    }
    byImage.set(imageFile, { scenarioFile: loaded.file, imageFile, spec });
  }
  const plans = [...byImage.values()].sort((a, b) => a.imageFile.localeCompare(b.imageFile));
  return { plans, findings };
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Renders every planned image and writes those that differ (atomically), or with `check` only
 * compares: a committed image that the generator no longer reproduces byte for byte is "stale".
 */
export async function writeSyntheticImages(
  root: string,
  plans: readonly SyntheticImagePlan[],
  options: { check?: boolean } = {},
): Promise<SyntheticImageResult[]> {
  const results: SyntheticImageResult[] = [];
  for (const plan of plans) {
    const target = path.join(root, plan.imageFile);
    const expected = renderSyntheticImage(plan.spec);
    const current = await readIfExists(target);
    if (current?.equals(expected)) {
      results.push({ imageFile: plan.imageFile, status: 'unchanged' });
    } else if (options.check) {
      results.push({ imageFile: plan.imageFile, status: current ? 'stale' : 'missing' });
    } else {
      await writeFileAtomic(target, expected);
      results.push({ imageFile: plan.imageFile, status: 'written' });
    }
  }
  return results;
}

/** Files in scenarios/synthetic_images that no scenario's `synthetic` block makes (repository paths). */
export async function findOrphanSyntheticImages(
  root: string,
  plans: readonly SyntheticImagePlan[],
): Promise<string[]> {
  const planned = new Set(plans.map((p) => p.imageFile));
  const files = await listFiles(root, LAYOUT.syntheticImagesDir, '', true);
  return files.filter((f) => !planned.has(f));
}
