/**
 * The kiosk configuration file: where it is, what it may contain, and what happens when it is
 * wrong. A bad file never stops the kiosk from coming up: it comes up out of service, showing
 * residents where to go instead, and tells the technician which field is wrong.
 * Runtime: plain Node.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ServiceState } from '../../contract/system.ts';

/** A PIN is stored as `scrypt$<salt hex>$<hash hex>`, never in clear. */
const PinHash = z.string().regex(/^scrypt\$[0-9a-f]{16,}\$[0-9a-f]{64}$/, 'must be scrypt$<salt>$<hash>; make one with `npm run pin-hash`');

export const KioskConfig = z
  .object({
    kioskId: z.string().regex(/^[A-Za-z0-9-]{3,40}$/, 'letters, digits and "-", 3 to 40 long'),
    kioskName: z.string().min(1).max(40),
    hallName: z.string().min(1).max(60),
    ui: z
      .object({
        /** Electron kiosk/fullscreen window; off for a windowed development run. */
        kioskWindow: z.boolean().default(true),
        /** Seconds without a touch before a resident's session is cleared and the home screen returns. */
        idleResetSeconds: z.number().int().min(30).max(1800).default(120),
      })
      .strict()
      .prefault({}),
    auth: z
      .object({
        technicianPinHash: PinHash,
        staff: z
          .array(z.object({ staffId: z.string().regex(/^[A-Za-z0-9]{2,32}$/), name: z.string().min(1).max(20), pinHash: PinHash }).strict())
          .max(200),
      })
      .strict(),
    /** Checked entry by entry by devices/manager/deviceConfig.ts, so one bad device does not stop the others. */
    devices: z.record(z.string(), z.unknown()).default({}),
    platform: z
      .object({
        /** Base URL of the central platform. Absent: the kiosk starts the embedded reference platform. */
        url: z.url({ protocol: /^https?$/ }).optional(),
        /** One-time code from the platform's administrator; used to enrol when the kiosk has no credential for it yet. */
        enrolmentCode: z.string().min(1).max(64).optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type KioskConfig = z.infer<typeof KioskConfig>;

export type ConfigProblem = Readonly<{ field: string; message: string }>;

export interface LoadedConfig {
  readonly config: KioskConfig;
  /** File path, or 'embedded default'. */
  readonly source: string;
  readonly problems: readonly ConfigProblem[];
  readonly service: ServiceState;
}

/** Where the config file lives: $KIOSK_CONFIG, else kiosk.config.json in the app data folder. */
export function configPath(env: NodeJS.ProcessEnv, appDataDir: string): string {
  const fromEnv = env['KIOSK_CONFIG'];
  return fromEnv !== undefined && fromEnv !== '' ? path.resolve(fromEnv) : path.join(appDataDir, 'kiosk.config.json');
}

/**
 * The embedded default: a simulated hall. Its PINs are public (README) — which is safe only
 * because every device in it is simulated; a real deployment must ship its own file.
 * Technician PIN 2580, staff S001 PIN 1234 (hashes made by scripts/pin-hash.ts).
 */
export const EMBEDDED_DEFAULT: KioskConfig = KioskConfig.parse({
  kioskId: 'LA-JA-0001',
  kioskName: '1号自助终端',
  hallName: '六安市金安区政务服务中心',
  auth: {
    technicianPinHash: 'scrypt$8a1f3c5e7b9d2f40$fbac31f3d7a2baf3d6293007fb171e2a5ba267c50d5fd521a2a0d745eb83c93b',
    staff: [{ staffId: 'S001', name: '王晓梅', pinHash: 'scrypt$5c3e1a9b7d2f4e60$5ecc1eed3a557773f95705939b0bc49b883e2add0b339e29fbcbb7cee7f9f1a0' }],
  },
  devices: { idCardReader: { transport: 'simulated' }, receiptPrinter: { transport: 'simulated' } },
});

export async function loadConfig(filePath: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { config: EMBEDDED_DEFAULT, source: 'embedded default', problems: [], service: { state: 'in-service' } };
    }
    return outOfService(filePath, { field: '(file)', message: `cannot read ${filePath}: ${(error as Error).message}` });
  }
  return parseConfigText(text, filePath);
}

export function parseConfigText(text: string, source: string): LoadedConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return outOfService(source, { field: '(file)', message: `not valid JSON: ${(error as Error).message}` });
  }
  const parsed = KioskConfig.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
    }));
    return outOfService(source, ...problems);
  }
  return { config: parsed.data, source, problems: [], service: { state: 'in-service' } };
}

function outOfService(source: string, ...problems: ConfigProblem[]): LoadedConfig {
  const first = problems[0] ?? { field: '(file)', message: 'invalid' };
  return {
    // Identity from the default so the screen can still say where to get help; every device off.
    config: { ...EMBEDDED_DEFAULT, devices: {} },
    source,
    problems,
    // Residents see a plain sentence; the field and message are for the technician (system.configReport).
    service: { state: 'out-of-service', reason: '终端配置有误，正在维护', field: first.field },
  };
}
