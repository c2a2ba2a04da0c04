/**
 * The reference central platform started inside the kiosk process when no platform.url is
 * configured, so `npm start` / `npm run start:web` sync with something real out of the box.
 * Loopback only, any free port, data in <appDataDir>/platform. The kiosk enrols itself through the
 * platform's admin API, which is only possible (and only done) in this embedded case.
 * Runtime: plain Node.
 */
import { z } from 'zod';
import type { Logger } from '../logger.ts';

export interface EmbeddedPlatform {
  readonly url: string;
  /** A fresh one-time enrolment code for this kiosk. */
  mintEnrolmentCode(): Promise<string>;
  close(): Promise<void>;
}

const CodeAnswer = z.object({ code: z.string().min(1), expiresAt: z.string() });

export async function startEmbeddedPlatform(options: {
  dataDir: string;
  logger: Logger;
  label: string;
  hallName: string;
}): Promise<EmbeddedPlatform> {
  // Loaded only here: a kiosk configured with a remote platform never loads the server or its database.
  const { startPlatform } = await import('../../../platform/startPlatform.ts');
  const platform = await startPlatform({ dataDir: options.dataDir, port: 0, host: '127.0.0.1', logger: options.logger });
  options.logger.info('embedded platform started', { url: platform.url, dataDir: options.dataDir });
  return {
    url: platform.url,
    async mintEnrolmentCode() {
      const response = await fetch(`${platform.url}/admin/enrolment-codes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${platform.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ label: options.label.slice(0, 100), hallName: options.hallName.slice(0, 100), ttlMinutes: 10 }),
        signal: AbortSignal.timeout(10_000),
      });
      const answer = CodeAnswer.safeParse(await response.json().catch(() => null));
      if (response.status !== 201 || !answer.success) throw new Error(`enrolment code not created (HTTP ${response.status})`);
      return answer.data.code;
    },
    close: () => platform.close(),
  };
}
