import { messageOf } from '../errors.js';
import { redactPaths } from './redact-paths.js';
import type { FailedItem } from './regenerate-types.js';
import { type RejectedSources, rejectionReason, sourceFileOf, type WorkItem } from './work-items.js';

/** A dataset folder that is missing (an unmounted disk): its entries stay, and the run fails. */
export function unavailableFailure(dataset: string): FailedItem {
  return {
    dataset,
    output: `${dataset}/`,
    source: '',
    reason: `the dataset folder ${dataset}/ is missing under the data root; its entries are kept`,
  };
}

/** Sources whose paths do not follow their dataset's layout: counted, never named. */
export function rejectedFailure(r: RejectedSources): FailedItem {
  return { dataset: r.dataset, output: r.origin, source: '', reason: rejectionReason(r) };
}

/** An item whose processing threw; the absolute paths in the message are redacted. */
export function itemFailure(item: WorkItem, error: unknown, dataRoot: string): FailedItem {
  return {
    dataset: item.dataset,
    output: item.output,
    source: item.source,
    reason: redactPaths(messageOf(error), sourceFileOf(dataRoot, item), item.source, dataRoot),
  };
}

/** An item with no outcome and no failure: its source is gone, or the run stopped before it. */
export function unprocessedFailure(item: WorkItem, sourceSeen: boolean): FailedItem {
  const reason = sourceSeen ? 'not processed: the run was interrupted' : 'source file is missing';
  return { dataset: item.dataset, output: item.output, source: item.source, reason };
}
