import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { annotate } from '../lib/action/annotations.js';
import { countFindings, exitCodeFor } from '../lib/findings/finding.js';
import { validateRepository } from '../lib/validate/validate-repository.js';
import { validationSummaryMarkdown } from '../lib/validate/validation-summary.js';

/** Reads inputs, validates, and maps findings to annotations, the job summary and outputs. */
async function run(): Promise<void> {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const root = path.resolve(workspace, core.getInput('repo-path') || '.');
  const strict = core.getInput('strict') ? core.getBooleanInput('strict') : false;
  const maxAnnotations = Number.parseInt(core.getInput('max-annotations') || '50', 10);

  const report = await validateRepository(root);
  const annotated = annotate(report.findings, maxAnnotations, core);
  let markdown = validationSummaryMarkdown(report);
  if (annotated.length < report.findings.length) {
    markdown += `\n${report.findings.length - annotated.length} more findings are listed above but not annotated (limit ${maxAnnotations}).\n`;
  }
  await core.summary.addRaw(markdown).write();

  const reportPath = path.join(process.env.RUNNER_TEMP ?? root, 'clinical-manifests-validate.json');
  await writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  const counts = countFindings(report.findings);
  core.setOutput('errors', counts.errors);
  core.setOutput('warnings', counts.warnings);
  core.setOutput('report', reportPath);
  if (exitCodeFor(report.findings, strict) !== 0) {
    core.setFailed(
      `validate: ${counts.errors} errors, ${counts.warnings} warnings${strict ? ' (strict)' : ''}`,
    );
  }
}

run().catch((error: unknown) => core.setFailed(error instanceof Error ? error.message : String(error)));
