/**
 * The platform under load: 200 simulated kiosks, each pushing 20 commands (好差评 evaluations, in
 * batches of 5, all kiosks at once), honouring 503 + Retry-After by resending the same batch, as a
 * kiosk does. Reports throughput and checks exactly-once in the database: every command applied
 * once, no duplicate submissions. Baseline, in the same run: one kiosk pushing the same 20 commands
 * one request at a time.
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { startPlatform } from '../platform/startPlatform.ts';
import { TestAdmin, TestKiosk } from '../platform/testing/testClient.ts';
import { createLogger } from '../main/host/logger.ts';
import { atLeast, type Benchmark } from './harness.ts';

const KIOSKS = 200;
const COMMANDS_PER_KIOSK = 20;
const BATCH = 5;

export const platformLoad: Benchmark = {
  name: 'platform: 200 concurrent kiosks pushing 20 commands each',
  async run() {
    const platform = await startPlatform({ port: 0, logger: createLogger({ module: 'bench-platform', minLevel: 'error' }), expirySweepMs: 0, ...(process.env['DATABASE_URL'] === undefined ? {} : { databaseUrl: process.env['DATABASE_URL'] }) });
    try {
      const admin = new TestAdmin(platform.url, platform.adminToken);
      const first = await TestKiosk.enrol(platform.url, admin);
      const catalog = await first.pull('catalog');
      const serviceCode = (catalog.body.changes.find((c) => c.op === 'upsert') as { doc: { code: string } } | undefined)?.doc.code;
      if (serviceCode === undefined) throw new Error('no catalogue item to evaluate');
      const evaluation = (k: TestKiosk) => k.command('evaluation.submit', { evaluationId: randomUUID(), serviceCode, level: 5, tags: ['办事快'] });

      // Baseline: one kiosk, one command per request, sequentially.
      const baselineStart = performance.now();
      for (let i = 0; i < COMMANDS_PER_KIOSK; i++) await pushWithRetry(first, [evaluation(first)]);
      const baselinePerSecond = COMMANDS_PER_KIOSK / ((performance.now() - baselineStart) / 1000);

      const kiosks: TestKiosk[] = [];
      for (let i = 0; i < KIOSKS; i++) kiosks.push(await TestKiosk.enrol(platform.url, admin));
      let retries = 0;
      const start = performance.now();
      await Promise.all(
        kiosks.map(async (kiosk) => {
          for (let sent = 0; sent < COMMANDS_PER_KIOSK; sent += BATCH) {
            const batch = Array.from({ length: BATCH }, () => evaluation(kiosk));
            retries += await pushWithRetry(kiosk, batch);
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      const total = KIOSKS * COMMANDS_PER_KIOSK;
      const [counts] = await platform.db.query<{ submissions: string; distinct_commands: string; commands: string }>(
        `SELECT (SELECT count(*) FROM submissions WHERE kiosk_id <> $1) AS submissions,
                (SELECT count(DISTINCT command_id) FROM submissions WHERE kiosk_id <> $1) AS distinct_commands,
                (SELECT count(*) FROM commands WHERE kiosk_id <> $1) AS commands`,
        [first.kioskId],
      );
      const submissions = Number(counts?.submissions);
      const duplicates = submissions - Number(counts?.distinct_commands);
      const throughput = total / seconds;
      return {
        figures: [
          { label: `commands pushed (${KIOSKS} kiosks × ${COMMANDS_PER_KIOSK}, batches of ${BATCH})`, value: total, unit: '' },
          { label: 'wall time', value: seconds, unit: 's' },
          { label: 'throughput', value: throughput, unit: 'commands/s' },
          { label: 'batches resent after 503 + Retry-After', value: retries, unit: '' },
          { label: 'submissions stored', value: submissions, unit: '' },
          { label: 'duplicate submissions', value: duplicates, unit: '' },
          { label: 'baseline: one kiosk, one command per request', value: baselinePerSecond, unit: 'commands/s' },
        ],
        ratios: [
          { label: 'exactly once: stored / pushed', value: submissions / total, target: '= 1', met: submissions === total && duplicates === 0 },
          atLeast('concurrent throughput / single-kiosk baseline', throughput / baselinePerSecond, 1),
        ],
        notes: [`database: ${platform.db.kind}`],
      };
    } finally {
      await platform.close();
    }
  },
};

/** Pushes one batch until the platform takes it; returns how many times it had to resend. */
async function pushWithRetry(kiosk: TestKiosk, batch: ReturnType<TestKiosk['command']>[]): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const answer = await kiosk.push(batch);
    if (answer.status === 200) {
      const bad = answer.body.results.filter((r) => r.status !== 'applied' && r.status !== 'duplicate');
      if (bad.length > 0) throw new Error(`commands not applied: ${JSON.stringify(bad[0])}`);
      return attempt;
    }
    if (answer.status !== 503 && answer.status !== 429) throw new Error(`push failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    const retryAfter = Number(answer.headers.get('retry-after') ?? '1');
    // Full jitter up to the platform's hint, as the kiosk engine does.
    await new Promise((r) => setTimeout(r, Math.random() * Math.max(0.05, retryAfter) * 1000));
    if (attempt > 50) throw new Error('gave up after 50 retries');
  }
}
