import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../../actions/lib/errors.js';
import { initRepository } from '../../../actions/lib/init/plan-init.js';
import { IntendedUse } from '../../../actions/lib/schema/policy.js';
import { type Command, directoryOption, parseCommandArgs } from '../command.js';
import { ACTIONS_REPOSITORY, PACKAGE_VERSION, releaseCommit } from '../package-info.js';

const USES = IntendedUse.options;

export const initCommand: Command = {
  name: 'init',
  summary: 'set up an existing benchmark repository: policy, .gitignore, schemas, workflows',
  usage: `
usage: clinical-manifests init [--visibility public|private] [--intended-use USES] [--force]
                               [--actions-repo OWNER/NAME] [--actions-ref REF] [--repo DIR]

Writes, in an existing git repository:
  manifests/policy.json                              visibility, intended use, output and data folders
  .gitignore                                         adds /outputs/, /data/, node_modules/ when missing
  CITATIONS.md                                       when missing (then \`clinical-manifests citations\`)
  manifests/schema/*.schema.json                     the JSON Schemas every "$schema" points at
  .github/workflows/clinical-manifests.yml           validate and guard on every pull request
  .github/workflows/clinical-manifests-regenerate.yml  regenerate on the self-hosted data runner
Running it again changes nothing; a file that exists and differs is kept unless --force.

  --visibility V      public (default: the guard then refuses label fields a dataset forbids sharing)
                      or private; on GitHub the event's own visibility wins
  --intended-use U    comma-separated, of ${USES.join(', ')}
                      (default: non_commercial_research,academic_publication); checked against
                      every used dataset's terms
  --force             overwrite files that differ from what init writes
  --actions-repo R    where the workflows take the actions from (default: ${ACTIONS_REPOSITORY})
  --actions-ref REF   the tag or commit they are pinned to (default: v${PACKAGE_VERSION}, this version;
                      the self-hosted regenerate job is pinned to the commit this package was made from)
  --repo DIR          repository (default: the current directory)`,
  async run(io) {
    const { values, positionals } = parseCommandArgs(io.argv, {
      repo: { type: 'string' },
      visibility: { type: 'string' },
      'intended-use': { type: 'string' },
      force: { type: 'boolean' },
      'actions-repo': { type: 'string' },
      'actions-ref': { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const root = directoryOption(io, values.repo);
    if (!existsSync(path.join(root, '.git')))
      throw new UsageError(`${root} is not the top of a git repository (run \`git init\` first)`);
    const visibility = values.visibility ?? 'public';
    if (visibility !== 'public' && visibility !== 'private')
      throw new UsageError(`--visibility must be public or private (got "${visibility}")`);
    const uses = (values['intended-use'] ?? 'non_commercial_research,academic_publication')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    const unknown = uses.filter((u) => !(USES as readonly string[]).includes(u));
    if (unknown.length > 0 || uses.length === 0)
      throw new UsageError(`--intended-use takes ${USES.join(', ')} (got "${unknown[0] ?? ''}")`);
    const repository = values['actions-repo'] ?? ACTIONS_REPOSITORY;
    if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
      throw new UsageError(`--actions-repo must be OWNER/NAME (got "${repository}")`);
    const ref = values['actions-ref'] ?? `v${PACKAGE_VERSION}`;
    if (!/^[\w./-]+$/.test(ref)) throw new UsageError(`--actions-ref is not a git ref (got "${ref}")`);
    const sha = /^[0-9a-f]{40}$/.test(ref) ? ref : values['actions-ref'] ? undefined : releaseCommit();
    const results = await initRepository(root, {
      visibility,
      intendedUse: [...new Set(uses)] as (typeof USES)[number][],
      actions: { repository, ref, ...(sha ? { commit: sha } : {}) },
      force: values.force ?? false,
    });
    for (const r of results) {
      const note =
        r.status === 'kept'
          ? ' (differs from what init writes; --force to overwrite)'
          : r.lines
            ? ` (${r.lines.join(' ')})`
            : '';
      io.stdout.write(`${r.status.padEnd(11)} ${r.file}${note}\n`);
    }
    if (!sha)
      io.stderr.write(
        `warning: the regenerate workflow uses ${repository}@${ref}, not a full commit SHA; pin it (the guard refuses a movable ref on a self-hosted job): --actions-ref SHA\n`,
      );
    io.stdout.write(
      [
        '',
        'Next steps:',
        '  1. Import your scenarios (each image_file is found relative to the file, or to --image-root):',
        '       npx clinical-manifests scenarios import path/to/scenarios.json',
        '  2. Check them:',
        '       npx clinical-manifests synth --images && npx clinical-manifests validate && npx clinical-manifests guard',
        '  3. Commit and push, then protect the default branch (Settings → Rules → Rulesets, or Branches):',
        '       require a pull request, the status checks "validate" and "guard", and review from code',
        '       owners for .github/ and manifests/ (a CODEOWNERS file naming your maintainers).',
        '',
      ].join('\n'),
    );
    return 0;
  },
};
