/** One measured figure of the benchmark report, with its anchor and target. */
export interface BenchResult {
  id: string;
  title: string;
  value: number;
  unit: string;
  anchor?: { name: string; value: number; unit: string };
  target: string;
  /** value ÷ anchor, or whatever ratio the target is stated in. */
  ratio?: number;
  met: boolean;
  notes?: string[];
}
