/**
 * The sync wire protocol between the kiosk and the central platform: the single source of truth
 * imported by the platform (platform/) and the kiosk's sync engine. Runtime: pure (Node and browser).
 */
export const PROTOCOL_VERSION = '1.0';
/** Every kiosk endpoint lives under this prefix; additive changes only within a major version. */
export const API_PREFIX = '/v1';

export * from './auth.ts';
export * from './commands.ts';
export * from './digest.ts';
export * from './errors.ts';
export * from './feeds.ts';
export * from './kioskHealth.ts';
export * from './sealed.ts';
export * from './serviceItem.ts';
export { fromBase64Url, toBase64Url } from './base64url.ts';
