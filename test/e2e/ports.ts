/** Ports of the browser hosts the E2E run starts (playwright.config.ts). */
export const E2E_PORT = Number(process.env['E2E_PORT'] ?? 8399);
/** A second browser host started with a broken config file (outOfService.spec.ts). */
export const BAD_CONFIG_PORT = E2E_PORT + 1;
