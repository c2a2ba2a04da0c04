/**
 * What every handler module may use. Handlers get this one object instead of reaching for globals,
 * so each service is testable with fakes for the parts it does not exercise.
 */
import type { TransportKind } from '../../contract/system.ts';
import type { Clock } from './clock.ts';
import type { LoadedConfig } from './config.ts';
import type { Connectivity } from './connectivity.ts';
import type { EventHub } from './eventHub.ts';
import type { Logger } from './logger.ts';
import type { SessionStore } from './sessions.ts';

export interface HostContext {
  readonly version: string;
  readonly transport: TransportKind;
  readonly loaded: LoadedConfig;
  readonly deviceMode: 'simulated' | 'real';
  readonly clock: Clock;
  readonly logger: Logger;
  readonly events: EventHub;
  readonly sessions: SessionStore;
  readonly connectivity: Connectivity;
}
