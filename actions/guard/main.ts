import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { annotate } from '../lib/action/annotations.js';
import { fetchRevision } from '../lib/action/fetch-revision.js';
import { basicAuthHeader } from '../lib/action/git-auth.js';
import { inputReader } from '../lib/action/inputs.js';
import { retryOnRateLimit } from '../lib/action/retry-after.js';
import { capSummary } from '../lib/action/summary-cap.js';
import { messageOf } from '../lib/errors.js';
import { countFindings, exitCodeFor } from '../lib/findings/finding.js';
import { renderGuardMarkdown } from '../lib/guard/guard-summary.js';
import { readEventPayload } from '../lib/guard/repository-visibility.js';
import { runGuard } from '../lib/guard/run-guard.js';
import { changedCheckPaths, renderCheckChangesNotice } from '../lib/review/check-changes.js';
import {
  type CommentOutcome,
  describeCommentOutcome,
  octokitCommentApi,
  upsertMarkedComment,
} from '../lib/review/pull-request-comment.js';
import { REVIEW_MARKER, renderReviewMarkdown } from '../lib/review/render-review.js';
import type { ReviewReport } from '../lib/review/review-report.js';
import { runReview } from '../lib/review/run-review.js';

/** Reads inputs, runs the guard and the review, and maps them to annotations, summary, comment, outputs. */
async function guard(): Promise<void> {
  const input = inputReader((name) => core.getInput(name));
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const root = path.resolve(workspace, input.string('repo-path', '.'));
  const format = input.choice('format', ['json', 'markdown'] as const, 'json');
  const maxAnnotations = input.integer('max-annotations', 50);
  const wantComment = input.boolean('comment', true);
  const token = input.string('token');
  if (token) {
    core.setSecret(token);
    core.setSecret(basicAuthHeader(token).slice('basic '.length));
  }
  // A shallow clone of a private repository checked out with persist-credentials: false needs the
  // token to fetch the base commit.
  const fetchAuth = { serverUrl: process.env.GITHUB_SERVER_URL ?? 'https://github.com', token };
  const fetchMissing = async (ref: string) => {
    const fetched = await fetchRevision(root, ref, fetchAuth);
    if (!fetched.ok) core.info(`could not fetch ${ref}: ${fetched.reason}`);
    return fetched.ok;
  };
  const event = await readEventPayload(process.env.GITHUB_EVENT_PATH);
  const pullRequest = typeof event.pull_request?.number === 'number' ? event.pull_request.number : undefined;
  const sha = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const baseSha = sha(event.pull_request?.base?.sha);
  const headSha = sha(event.pull_request?.head?.sha);
  const baseRef = core.getInput('base-ref') || baseSha || '';

  // On a pull request the guard reads every commit of base..head and trusts only the base's policy.
  if (baseSha && !(await fetchMissing(baseSha)))
    throw new Error(`base commit ${baseSha} is not in the clone; check out with fetch-depth: 0`);
  const result = await runGuard({ root, event, ...(baseSha ? { base: baseSha, head: headSha } : {}) });
  const counts = countFindings(result.findings);
  const annotated = annotate(result.findings, maxAnnotations, core, path.relative(workspace, root), root);
  const checkPaths = baseSha ? await changedCheckPaths(root, baseSha, headSha ?? 'HEAD') : [];
  const notice = renderCheckChangesNotice(checkPaths);

  let review: ReviewReport | undefined;
  let reviewNote = '';
  if (baseRef) {
    try {
      if (!(await fetchMissing(baseRef)))
        throw new Error(`base revision ${baseRef} is not in the clone (use fetch-depth: 0)`);
      review = await runReview(root, baseRef);
    } catch (error) {
      reviewNote = `The review could not be made: ${messageOf(error)}`;
      core.warning(reviewNote);
    }
  }
  const reviewMarkdown = review ? renderReviewMarkdown(review, notice) : '';

  let outcome: CommentOutcome | undefined;
  if (review && pullRequest !== undefined && token && wantComment) {
    const body = `${reviewMarkdown}\n---\nGuard: ${counts.errors} errors, ${counts.warnings} warnings (details in the job summary).\n`;
    const octokit = retryOnRateLimit(github.getOctokit(token));
    outcome = await upsertMarkedComment(
      octokitCommentApi(octokit, { ...github.context.repo, number: pullRequest }),
      REVIEW_MARKER,
      body,
    );
    if (outcome.status === 'failed') core.warning(describeCommentOutcome(outcome));
  }

  let summary = `${notice ? `${notice}\n` : ''}${renderGuardMarkdown(result)}`;
  if (annotated.length < result.findings.length) {
    summary += `\n${result.findings.length - annotated.length} findings are in this summary but not annotated (limit ${maxAnnotations}).\n`;
  }
  if (reviewMarkdown) summary += `\n${reviewMarkdown}\n`;
  if (reviewNote) summary += `\n${reviewNote}\n`;
  if (outcome) summary += `\n${describeCommentOutcome(outcome)}\n`;
  const reportPath = path.join(
    process.env.RUNNER_TEMP ?? root,
    `clinical-manifests-guard.${format === 'json' ? 'json' : 'md'}`,
  );
  await core.summary
    .addRaw(
      capSummary(
        summary,
        (cut) =>
          `…summary cut here (${cut} bytes left out); everything is in the report at ${reportPath} (the \`report\` output).`,
      ),
    )
    .write();

  const report =
    format === 'json'
      ? `${JSON.stringify({ guard: result, checkChanges: checkPaths, review: review ?? null, comment: outcome ?? null }, null, 2)}\n`
      : summary;
  await writeFile(reportPath, report);
  core.setOutput('errors', counts.errors);
  core.setOutput('warnings', counts.warnings);
  core.setOutput('report', reportPath);
  if (exitCodeFor(result.findings, false) !== 0)
    core.setFailed(`guard: ${counts.errors} errors, ${counts.warnings} warnings`);
}

/** The action's entry point (index.ts and @github/local-action call it): never throws, fails the step instead. */
export async function run(): Promise<void> {
  try {
    await guard();
  } catch (error) {
    core.setFailed(messageOf(error));
  }
}
