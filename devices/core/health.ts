/**
 * UnifiedPOS-style health checks. Each driver supplies the probes; the device wraps them so a
 * missing probe, an offline device or a throwing probe all come back as a readable text.
 * Runtime: pure.
 */
export const HEALTH_LEVELS = ['internal', 'external', 'interactive'] as const;
/** internal: no visible effect (status query); external: may act (test print); interactive: a person takes part. */
export type HealthLevel = (typeof HEALTH_LEVELS)[number];

export type HealthResult = Readonly<{ level: HealthLevel; ok: boolean; text: string }>;

/** What a driver's probe returns; the device adds the level. */
export type ProbeResult = Readonly<{ ok: boolean; text: string }>;

export type HealthProbes = Partial<Record<HealthLevel, () => Promise<ProbeResult>>>;

export const HEALTH_LEVEL_NAMES: Readonly<Record<HealthLevel, string>> = {
  internal: '内部自检',
  external: '外部自检',
  interactive: '交互式自检',
};
