import path from 'node:path';
import { type DemoStep, runDemo } from '../../../actions/lib/demo/run-demo.js';
import { stderrLogger } from '../../../actions/lib/logger.js';
import { painter } from '../colour.js';
import { type Command, parseCommandArgs } from '../command.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'the main job on a synthetic data root: synth, validate, regenerate, verify, guard (npm start)',
  usage: `
usage: clinical-manifests demo [--repo DIR] [--keep]

Synthesises a small data root that mirrors every dataset's real layout, copies the repository's
manifests and scenarios into a scratch git repository, and runs validate, regenerate (twice: the
second must do nothing), verify and guard there. Only reads DIR (default: the current directory).

  --keep    keep the temporary directory and print where it is`,
  async run(io) {
    const { values } = parseCommandArgs(io.argv, { repo: { type: 'string' }, keep: { type: 'boolean' } });
    const paint = painter(io, io.stdout);
    const print = (step: DemoStep) => {
      const mark = step.ok ? paint('32', '✔') : paint('31', '✖');
      io.stdout.write(
        `${mark} ${step.name.padEnd(11)} ${(step.durationMs / 1000).toFixed(1).padStart(5)} s\n`,
      );
      for (const line of step.lines) io.stdout.write(`    ${line}\n`);
    };
    io.stdout.write('clinical-manifests: the main job on a synthetic data root\n\n');
    const started = Date.now();
    const result = await runDemo({
      repoRoot: path.resolve(io.cwd, values.repo ?? '.'),
      logger: stderrLogger({ debug: values.debug }),
      keep: values.keep,
      onStep: print,
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.stdout.write(
      result.ok
        ? `\nAll ${result.steps.length} steps passed in ${seconds} s.\n`
        : `\nStopped: step "${result.steps.at(-1)?.name}" failed after ${seconds} s.\n`,
    );
    if (values.keep) io.stdout.write(`Kept ${result.workDir}\n`);
    return result.ok ? 0 : 1;
  },
};
