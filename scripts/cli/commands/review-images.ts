import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../../actions/lib/errors.js';
import { reviewOutputs } from '../../../actions/lib/text-scan/review-outputs.js';
import { type Command, directoryOption, parseCommandArgs } from '../command.js';

/** `clinical-manifests review-images`: the custodian's contact sheet of flagged outputs. */
export const reviewImagesCommand: Command = {
  name: 'review-images',
  summary: 'write an offline HTML contact sheet of outputs with burned-in identifying text',
  usage: `
usage: clinical-manifests review-images --outputs DIR --out FILE.html

  Scans every PNG under DIR and writes one self-contained HTML page (no network request) with each
  flagged frame, boxes over its text regions, their categories, and the policy.json entry
  (reviewed_burned_in_text) to paste once a person has checked it. The page holds patient pixels:
  write it on the runner, never commit it (the guard flags it). Exit 1 when anything was flagged.`,
  async run(io) {
    const { values } = parseCommandArgs(io.argv, { outputs: { type: 'string' }, out: { type: 'string' } });
    if (!values.outputs || !values.out) throw new UsageError('give --outputs DIR and --out FILE.html');
    const dir = directoryOption(io, values.outputs, '--outputs');
    const out = path.resolve(io.cwd, values.out);
    const { html, scanned, flagged } = await reviewOutputs(dir);
    await writeFile(out, html);
    io.stdout.write(`${flagged.length} of ${scanned} output(s) flagged; review page: ${out}\n`);
    return flagged.length > 0 ? 1 : 0;
  },
};
