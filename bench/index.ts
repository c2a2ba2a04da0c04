/**
 * `npm run bench`: runs every benchmark (or those whose name contains the first argument) and
 * prints figures and ratios against baselines measured in the same run.
 */
import { formatReport, type Benchmark } from './harness.ts';
import { idCardLatency, receiptEncoding, samCodecThroughput } from './devices.ts';
import { platformLoad } from './platformLoad.ts';
import { rendererStartup } from './rendererStartup.ts';
import { syncBench } from './sync.ts';

const benchmarks: Benchmark[] = [rendererStartup, idCardLatency, samCodecThroughput, receiptEncoding, platformLoad, syncBench];

const filter = process.argv[2];
let missed = 0;
for (const bench of benchmarks) {
  if (filter !== undefined && !bench.name.includes(filter)) continue;
  process.stdout.write(`running: ${bench.name} …\n`);
  try {
    const report = await bench.run();
    process.stdout.write(`${formatReport(bench.name, report)}\n`);
    missed += report.ratios.filter((r) => !r.met).length;
  } catch (error) {
    process.stdout.write(`\n== ${bench.name} ==\n  FAILED to run: ${error instanceof Error ? error.stack : String(error)}\n`);
    missed += 1;
  }
}
process.stdout.write(`\n${missed === 0 ? 'all targets met' : `${missed} target(s) missed or not measured`}\n`);
