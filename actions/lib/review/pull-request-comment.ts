import { messageOf } from '../errors.js';

/** The three calls the comment needs, so the library does not depend on an HTTP client. */
export interface IssueCommentApi {
  /** One page (1-based) of the pull request's comments, 100 per page. */
  listComments(page: number): Promise<{ id: number; body?: string | null }[]>;
  createComment(body: string): Promise<{ id: number }>;
  updateComment(id: number, body: string): Promise<void>;
}

/** What happened to the comment; never an exception, since a comment must not fail the check. */
export type CommentOutcome =
  | { status: 'created' | 'updated' | 'unchanged'; id: number }
  | { status: 'forbidden'; httpStatus: number; message: string }
  | { status: 'failed'; message: string };

/** GitHub rejects comment bodies over 65,536 characters. */
export const MAX_COMMENT_CHARS = 65_000;

const PAGE = 100;
const MAX_PAGES = 50;

/**
 * Keeps one comment per pull request: finds the comment carrying `marker` and updates it, or creates
 * it. A 403 or 404 (the read-only token of a fork's pull request) comes back as `forbidden`.
 */
export async function upsertMarkedComment(
  api: IssueCommentApi,
  marker: string,
  body: string,
): Promise<CommentOutcome> {
  const text = body.includes(marker) ? body : `${marker}\n${body}`;
  const bounded =
    text.length > MAX_COMMENT_CHARS
      ? `${text.slice(0, MAX_COMMENT_CHARS)}\n\n…(truncated; the job summary has everything)\n`
      : text;
  try {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const comments = await api.listComments(page);
      const existing = comments.find((c) => c.body?.includes(marker));
      if (existing) {
        if (existing.body === bounded) return { status: 'unchanged', id: existing.id };
        await api.updateComment(existing.id, bounded);
        return { status: 'updated', id: existing.id };
      }
      if (comments.length < PAGE) break;
    }
    const created = await api.createComment(bounded);
    return { status: 'created', id: created.id };
  } catch (error) {
    const httpStatus = (error as { status?: unknown }).status;
    if (httpStatus === 403 || httpStatus === 404)
      return { status: 'forbidden', httpStatus, message: messageOf(error) };
    return { status: 'failed', message: messageOf(error) };
  }
}

/** The subset of an Octokit client (`@actions/github` getOctokit) the comment uses. */
export interface OctokitIssues {
  rest: {
    issues: {
      listComments(p: {
        owner: string;
        repo: string;
        issue_number: number;
        per_page: number;
        page: number;
      }): Promise<{
        data: { id: number; body?: string | null }[];
      }>;
      createComment(p: {
        owner: string;
        repo: string;
        issue_number: number;
        body: string;
      }): Promise<{ data: { id: number } }>;
      updateComment(p: { owner: string; repo: string; comment_id: number; body: string }): Promise<unknown>;
    };
  };
}

/** Adapts an Octokit client to the comments of one pull request. */
export function octokitCommentApi(
  octokit: OctokitIssues,
  target: { owner: string; repo: string; number: number },
): IssueCommentApi {
  const { owner, repo, number } = target;
  return {
    listComments: async (page) =>
      (await octokit.rest.issues.listComments({ owner, repo, issue_number: number, per_page: PAGE, page }))
        .data,
    createComment: async (body) =>
      (await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body })).data,
    updateComment: async (id, body) => {
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body });
    },
  };
}

/** One line for the job summary saying what happened to the comment. */
export function describeCommentOutcome(outcome: CommentOutcome): string {
  switch (outcome.status) {
    case 'created':
      return 'Review posted as a new pull-request comment.';
    case 'updated':
      return 'Review comment on the pull request updated.';
    case 'unchanged':
      return 'Review comment on the pull request is already up to date.';
    case 'forbidden':
      return `The token cannot write pull-request comments (HTTP ${outcome.httpStatus}; a fork's pull request gets a read-only token), so the review is only in this summary.`;
    case 'failed':
      return `The review comment could not be written (${outcome.message}); the review is in this summary.`;
  }
}
