/**
 * The journeys on the home screen, as data. Each is off until its issue builds it: a later change
 * flips `enabled` and sets `route`, nothing else. Words live in i18n under tiles.<id>.
 */
import type { IconName } from '../../components/icons.tsx';
import type { Route } from '../../router/routes.ts';
import type { Strings } from '../../i18n/index.ts';

export type TileId = keyof Strings['tiles'];

export interface Tile {
  readonly id: TileId;
  readonly icon: IconName;
  readonly enabled: boolean;
  /** Where the tile leads once enabled. */
  readonly route?: Route;
}

export const TILES: readonly Tile[] = [
  { id: 'guide', icon: 'guide', enabled: true, route: 'guide' },
  { id: 'apply', icon: 'apply', enabled: true, route: 'apply' },
  { id: 'progress', icon: 'progress', enabled: true, route: 'progress' },
  { id: 'evaluate', icon: 'evaluate', enabled: false },
  { id: 'complaint', icon: 'complaint', enabled: false },
  { id: 'consultation', icon: 'consultation', enabled: false },
  { id: 'assistant', icon: 'assistant', enabled: false },
  { id: 'report', icon: 'report', enabled: false },
  { id: 'emergency', icon: 'emergency', enabled: false },
  { id: 'doorAccess', icon: 'doorAccess', enabled: false },
  { id: 'print', icon: 'print', enabled: false },
];
