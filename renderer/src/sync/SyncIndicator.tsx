/** The sync light in the status bar (next to the network state). */
import type { ReactNode } from 'react';
import { Icon } from '../components/icons.tsx';
import { format, useStrings } from '../i18n/index.ts';
import { syncIndicatorOf } from './indicator.ts';
import { useOptionalSyncEngine, useOptionalSyncState } from './SyncProvider.tsx';

export function SyncIndicator(): ReactNode {
  const strings = useStrings();
  const engine = useOptionalSyncEngine();
  const state = useOptionalSyncState();
  if (engine === null) return null;
  const view = syncIndicatorOf(state, strings);
  return (
    <div
      className={`sync-indicator sync-indicator--${view.level}`}
      role="status"
      aria-label={format(strings.sync.indicatorLabel, { state: view.words })}
      data-sync-level={view.level}
      data-pending={state?.pending ?? 0}
    >
      <Icon name={view.icon} />
      <span>{view.words}</span>
    </div>
  );
}
