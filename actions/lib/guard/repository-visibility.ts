import { readFile } from 'node:fs/promises';

export type Visibility = 'public' | 'private';

/** Where the visibility came from, for the report. */
export interface ResolvedVisibility {
  visibility: Visibility;
  source: 'event' | 'policy' | 'default';
}

/** The parts of a GitHub event payload the guard reads. */
export interface EventPayload {
  repository?: { visibility?: unknown; private?: unknown; default_branch?: unknown };
  pull_request?: { number?: unknown; base?: { sha?: unknown }; head?: { sha?: unknown } };
}

/** Reads `$GITHUB_EVENT_PATH`; an absent or unreadable payload is an empty one. */
export async function readEventPayload(eventPath: string | undefined): Promise<EventPayload> {
  if (!eventPath) return {};
  try {
    const value = JSON.parse(await readFile(eventPath, 'utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as EventPayload) : {};
  } catch {
    return {};
  }
}

/**
 * The repository's visibility: the event payload knows it (`repository.visibility`, or
 * `repository.private`); otherwise the policy's assumption; otherwise public, the safe side.
 * GitHub's `internal` counts as private: only the enterprise's members can read it.
 */
export function resolveVisibility(
  event: EventPayload,
  policyVisibility: Visibility | undefined,
): ResolvedVisibility {
  const repo = event.repository;
  if (repo?.visibility === 'public') return { visibility: 'public', source: 'event' };
  if (repo?.visibility === 'private' || repo?.visibility === 'internal')
    return { visibility: 'private', source: 'event' };
  if (typeof repo?.private === 'boolean')
    return { visibility: repo.private ? 'private' : 'public', source: 'event' };
  if (policyVisibility) return { visibility: policyVisibility, source: 'policy' };
  return { visibility: 'public', source: 'default' };
}

/** The default branch named by the event, else the usual names. */
export function defaultBranches(event: EventPayload): string[] {
  const name = event.repository?.default_branch;
  return typeof name === 'string' && name ? [name] : ['main', 'master'];
}
