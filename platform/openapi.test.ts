import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../main/host/logger.ts';
import { buildOpenApi } from './openapi.ts';
import { buildApp, DEFAULT_LIMITS, routesOf } from './server/app.ts';
import type { PlatformServices } from './server/services.ts';

describe('docs/platform-openapi.json', () => {
  const committed = JSON.parse(readFileSync(new URL('../docs/platform-openapi.json', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, unknown>> };

  it('documents every route registered in Fastify', async () => {
    // Route registration touches no service, so an empty shell is enough to list them.
    const app = buildApp({ adminToken: 'x' } as unknown as PlatformServices, DEFAULT_LIMITS, createMemoryLogger());
    await app.ready();
    const routes = routesOf(app);
    expect(routes.length).toBeGreaterThan(15);
    const missing = routes.filter((r) => committed.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()] === undefined);
    expect(missing).toEqual([]);
    await app.close();
  });

  it('is current with the zod schemas (regenerate: npx tsx platform/openapi.ts > docs/platform-openapi.json)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApi())));
  });
});
