/**
 * The bar on top of every screen: where this is (hall + kiosk), the time, the network state and the
 * sync light (icon + words + colour, never colour alone), the 长辈版 switch and a discreet technician entry.
 */
import type { ReactNode } from 'react';
import { Icon } from '../components/icons.tsx';
import { format, useStrings } from '../i18n/index.ts';
import { navigate } from '../router/useRoute.ts';
import { useDisplayMode } from '../state/displayMode.tsx';
import { correctedNow, networkState, useKioskState } from '../state/kioskState.tsx';
import { SyncIndicator } from '../sync/SyncIndicator.tsx';
import { formatDateTime } from './dateTime.ts';
import { useNow } from './useNow.ts';

export function StatusBar(): ReactNode {
  const strings = useStrings();
  const { info, status } = useKioskState();
  const { mode, toggle } = useDisplayMode();
  const now = useNow();
  const network = networkState(status, now);
  const networkText = { online: strings.frame.online, offline: strings.frame.offline, unknown: strings.frame.unknownNetwork }[network];
  const elder = mode === 'elder';
  const shownTime = correctedNow(status, now);

  return (
    <header className="status-bar">
      <div className="status-bar__place">
        <span className="status-bar__hall">{info?.hallName ?? strings.app.title}</span>
        {info !== undefined && <span className="status-bar__kiosk">{info.kioskName}</span>}
      </div>
      <time className="status-bar__time" dateTime={shownTime.toISOString()}>
        {formatDateTime(strings, shownTime)}
      </time>
      <div className="status-bar__controls">
        <div
          className={`network network--${network}`}
          role="status"
          aria-label={format(strings.frame.networkLabel, { state: networkText })}
          data-network={network}
        >
          <Icon name={network} />
          <span>{networkText}</span>
        </div>
        <SyncIndicator />
        <button
          type="button"
          className="mode-toggle"
          onClick={toggle}
          aria-label={elder ? strings.frame.standardToggleLabel : strings.frame.elderToggleLabel}
        >
          <Icon name="elder" />
          <span>{elder ? strings.frame.elderOff : strings.frame.elderOn}</span>
        </button>
        <button
          type="button"
          className="tech-entry"
          aria-label={strings.frame.techEntryLabel}
          onClick={() => navigate('techSignIn')}
        >
          {strings.frame.techEntry}
        </button>
      </div>
    </header>
  );
}
