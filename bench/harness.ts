/**
 * A tiny benchmark harness: each benchmark measures the project's code AND a baseline in the same
 * run on the same machine, and reports the ratio against its target. Benchmarks are not tests:
 * they print, and a missed target is reported, not failed.
 */
export interface Figure {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
}

export interface Ratio {
  readonly label: string;
  readonly value: number;
  /** e.g. '<= 2.0' or '>= 5' */
  readonly target: string;
  readonly met: boolean;
}

export interface BenchReport {
  readonly figures: readonly Figure[];
  readonly ratios: readonly Ratio[];
  readonly notes?: readonly string[];
}

export interface Benchmark {
  readonly name: string;
  run(): Promise<BenchReport>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function atMost(label: string, value: number, limit: number): Ratio {
  return { label, value, target: `<= ${limit}`, met: value <= limit };
}

export function atLeast(label: string, value: number, limit: number): Ratio {
  return { label, value, target: `>= ${limit}`, met: value >= limit };
}

export function formatReport(name: string, report: BenchReport): string {
  const lines = [`\n== ${name} ==`];
  for (const f of report.figures) lines.push(`  ${f.label.padEnd(58)} ${fmt(f.value).padStart(12)} ${f.unit}`);
  for (const r of report.ratios) {
    lines.push(`  ${`ratio: ${r.label}`.padEnd(58)} ${fmt(r.value).padStart(12)}   target ${r.target}  ${r.met ? 'MET' : 'MISSED'}`);
  }
  for (const n of report.notes ?? []) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
