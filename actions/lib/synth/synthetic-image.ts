import { InputError } from '../errors.js';
import { ctGenerator } from './generators/ct.js';
import { echoGenerator } from './generators/echo.js';
import type { ParameterValue, SyntheticGenerator } from './generators/generator.js';
import { mriGenerator } from './generators/mri.js';
import { pathologyGenerator } from './generators/pathology.js';
import { ultrasoundGenerator } from './generators/ultrasound.js';
import { xrayGenerator } from './generators/xray.js';
import { encodeStoredPng, type PixelBuffer } from './stored-png.js';

/** What a scenario's `synthetic` block says: enough to make the same image again, byte for byte. */
export interface SyntheticSpec {
  generator: string;
  seed: number;
  parameters: Record<string, ParameterValue>;
}

const GENERATORS: readonly SyntheticGenerator[] = [
  xrayGenerator,
  ctGenerator,
  mriGenerator,
  ultrasoundGenerator,
  echoGenerator,
  pathologyGenerator,
];

/** Names of the generators `renderSyntheticImage` knows, in a stable order. */
export function syntheticGeneratorNames(): string[] {
  return GENERATORS.map((g) => g.name);
}

/** The generators with their descriptions and parameters, for help text and documentation. */
export function describeSyntheticGenerators(): readonly Pick<
  SyntheticGenerator,
  'name' | 'description' | 'parameters'
>[] {
  return GENERATORS.map(({ name, description, parameters }) => ({ name, description, parameters }));
}

/**
 * Problems with a spec (unknown generator, unknown parameter, wrong type or value), as messages; empty
 * when `renderSyntheticImage` will accept it. Validate can report these as findings.
 */
export function checkSyntheticSpec(spec: SyntheticSpec): string[] {
  const generator = GENERATORS.find((g) => g.name === spec.generator);
  if (!generator)
    return [`unknown generator "${spec.generator}" (known: ${syntheticGeneratorNames().join(', ')})`];
  const problems: string[] = [];
  if (!Number.isInteger(spec.seed) || spec.seed < 0 || spec.seed > 0xffffffff) {
    problems.push(`seed must be an integer from 0 to 4294967295 (got ${spec.seed})`);
  }
  for (const [name, value] of Object.entries(spec.parameters)) {
    const p = generator.parameters[name];
    if (!p) {
      problems.push(
        `generator "${generator.name}" has no parameter "${name}" (known: ${Object.keys(generator.parameters).join(', ')})`,
      );
    } else if (typeof value !== p.type) {
      problems.push(`parameter "${name}" must be a ${p.type}`);
    } else if (p.values && !p.values.includes(value as string)) {
      problems.push(`parameter "${name}" must be one of ${p.values.join(', ')}`);
    } else if (
      p.range &&
      (!Number.isInteger(value) || (value as number) < p.range[0] || (value as number) > p.range[1])
    ) {
      problems.push(`parameter "${name}" must be an integer from ${p.range[0]} to ${p.range[1]}`);
    }
  }
  return problems;
}

/**
 * Draws a synthetic image and encodes it as a PNG. Pure JavaScript with integer randomness and
 * stored deflate blocks, so the bytes are the same on every machine and Node version: the guard
 * regenerates committed images with this function and compares bytes.
 */
export function renderSyntheticImage(spec: SyntheticSpec): Buffer {
  return encodeStoredPng(renderSyntheticPixels(spec));
}

/** The pixels `renderSyntheticImage` encodes; the synthetic data root reuses them for its files. */
export function renderSyntheticPixels(spec: SyntheticSpec): PixelBuffer {
  const problems = checkSyntheticSpec(spec);
  if (problems.length > 0)
    throw new InputError('synthetic-spec', `synthetic ${spec.generator}`, problems.join('; '));
  const generator = GENERATORS.find((g) => g.name === spec.generator)!;
  const params: Record<string, ParameterValue> = {};
  for (const [name, p] of Object.entries(generator.parameters))
    params[name] = spec.parameters[name] ?? p.default;
  return generator.render(params, spec.seed >>> 0);
}
