/** The words validate and the review use for ground truth no runner has checked yet (issue 18). */
export const GROUND_TRUTH_UNVERIFIED = 'ground truth not yet verified against the data';
