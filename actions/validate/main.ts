import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { annotate } from '../lib/action/annotations.js';
import { inputReader } from '../lib/action/inputs.js';
import { capSummary } from '../lib/action/summary-cap.js';
import { messageOf } from '../lib/errors.js';
import { countFindings, exitCodeFor, sortBySeverity } from '../lib/findings/finding.js';
import { validateRepository } from '../lib/validate/validate-repository.js';
import { validationSummaryMarkdown } from '../lib/validate/validation-summary.js';

/** Findings listed in the summary; the rest are in the JSON report (the guard caps the same). */
export const SUMMARY_ROWS = 1000;

/** Reads inputs, validates, and maps findings to annotations, the job summary and outputs. */
async function validate(): Promise<void> {
  const input = inputReader((name) => core.getInput(name));
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const root = path.resolve(workspace, input.string('repo-path', '.'));
  const strict = input.boolean('strict', false);
  const maxAnnotations = input.integer('max-annotations', 50);

  const report = await validateRepository(root);
  const reportPath = path.join(process.env.RUNNER_TEMP ?? root, 'clinical-manifests-validate.json');
  await writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  const where = `the JSON report at ${reportPath} (the \`report\` output; upload it as an artifact to keep it)`;

  const annotated = annotate(report.findings, maxAnnotations, core, path.relative(workspace, root), root);
  const listed = sortBySeverity(report.findings).slice(0, SUMMARY_ROWS);
  let markdown = validationSummaryMarkdown(report, undefined, listed);
  if (listed.length < report.findings.length) {
    markdown += `\n…and ${report.findings.length - listed.length} more findings not listed here (${report.findings.length} in all); every finding is in ${where}.\n`;
  }
  if (annotated.length < report.findings.length) {
    markdown += `\n${report.findings.length - annotated.length} findings are not annotated (limit ${maxAnnotations}).\n`;
  }
  markdown = capSummary(
    markdown,
    (cut) => `…summary cut here (${cut} bytes left out); every finding is in ${where}.`,
  );
  await core.summary.addRaw(markdown).write();

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

/** The action's entry point (index.ts and @github/local-action call it): never throws, fails the step instead. */
export async function run(): Promise<void> {
  try {
    await validate();
  } catch (error) {
    core.setFailed(messageOf(error));
  }
}
