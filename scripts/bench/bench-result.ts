/** One measured figure of the benchmark report, with its anchor and target. */
export interface BenchResult {
  id: string;
  title: string;
  value: number;
  unit: string;
  anchor?: { name: string; value: number; unit: string };
  target: string;
  /** value ÷ anchor, or whatever ratio the target is stated in (see ratioUnit). */
  ratio?: number;
  /** How to read `ratio` in the report, e.g. '× faster' for anchor ÷ value; default '× the anchor'. */
  ratioUnit?: string;
  met: boolean;
  notes?: string[];
  /** Set by the runner when the bench itself failed (then `met` is false and `value` NaN). */
  error?: string;
  /** Wall-clock seconds the bench took, set-up included (set by the runner). */
  seconds?: number;
}
