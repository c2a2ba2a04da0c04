import { describe, expect, it } from 'vitest';
import { createServiceHost } from './serviceHost.ts';
import { EMBEDDED_DEFAULT } from './config.ts';
import { createMemoryLogger } from './logger.ts';
import { MAX_PAYLOAD_BYTES } from '../../contract/index.ts';

function host() {
  return createServiceHost({
    version: '9.9.9',
    transport: 'websocket',
    loaded: { config: EMBEDDED_DEFAULT, source: 'embedded default', problems: [], service: { state: 'in-service' } },
    logger: createMemoryLogger(),
    statusIntervalMs: 60_000,
  });
}

describe('dispatcher', () => {
  it('answers system.info with the kiosk identity', async () => {
    const h = host();
    const c = h.connect({ senderTrusted: true, deliver: () => {} });
    const result = await c.call('system.info', {});
    expect(result).toMatchObject({ ok: true, value: { version: '9.9.9', kioskId: 'LA-JA-0001', deviceMode: 'simulated', transport: 'websocket' } });
    await h.dispose();
  });

  it.each([
    ['unknown method', 'system.nope', {}, 'UNKNOWN_METHOD'],
    ['non-string method', 42, {}, 'UNKNOWN_METHOD'],
    ['prototype key as method', '__proto__', {}, 'UNKNOWN_METHOD'],
    ['extra field', 'system.info', { evil: true }, 'INVALID_ARGUMENT'],
    ['wrong type', 'session.signIn', { role: 'staff', pin: 1234 }, 'INVALID_ARGUMENT'],
    ['role by argument', 'session.signIn', { role: 'admin', pin: '1234' }, 'INVALID_ARGUMENT'],
    ['technician method as resident', 'system.configReport', {}, 'FORBIDDEN'],
    ['oversize payload', 'system.info', { blob: 'x'.repeat(MAX_PAYLOAD_BYTES + 1) }, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s with a distinct code', async (_label, name, arg, code) => {
    const h = host();
    const c = h.connect({ senderTrusted: true, deliver: () => {} });
    const result = await c.call(name, arg);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
    await h.dispose();
  });

  it('names the offending field', async () => {
    const h = host();
    const c = h.connect({ senderTrusted: true, deliver: () => {} });
    const result = await c.call('session.signIn', { role: 'technician', pin: 'abcd' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'pin' } });
    await h.dispose();
  });

  it('refuses every call from an untrusted sender before looking at it', async () => {
    const h = host();
    const c = h.connect({ senderTrusted: false, deliver: () => {} });
    expect(await c.call('system.info', {})).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    await h.dispose();
  });

  it('grants a role only through a PIN, per connection, and pushes the change', async () => {
    const h = host();
    const seen: unknown[] = [];
    const tech = h.connect({ senderTrusted: true, deliver: (name, payload) => seen.push([name, payload]) });
    const other = h.connect({ senderTrusted: true, deliver: () => {} });
    expect(await tech.call('session.signIn', { role: 'technician', pin: '0000' })).toMatchObject({ ok: false, error: { code: 'WRONG_PIN' } });
    expect(await tech.call('session.signIn', { role: 'technician', pin: '2580' })).toMatchObject({ ok: true, value: { role: 'technician' } });
    expect(await tech.call('system.configReport', {})).toMatchObject({ ok: true });
    expect(await other.call('system.configReport', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(seen).toContainEqual(['session.changed', expect.objectContaining({ role: 'technician' })]);
    await h.dispose();
  });

  it('locks sign-in after five wrong PINs, even across connections', async () => {
    const h = host();
    for (let i = 0; i < 5; i++) {
      const c = h.connect({ senderTrusted: true, deliver: () => {} });
      await c.call('session.signIn', { role: 'technician', pin: '1111' });
    }
    const c = h.connect({ senderTrusted: true, deliver: () => {} });
    expect(await c.call('session.signIn', { role: 'technician', pin: '2580' })).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    await h.dispose();
  });
});
