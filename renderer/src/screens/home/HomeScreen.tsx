/** The welcome screen: big tiles for the journeys, or the out-of-service notice. */
import type { ReactNode } from 'react';
import { Icon } from '../../components/icons.tsx';
import { useStrings } from '../../i18n/index.ts';
import { navigate } from '../../router/useRoute.ts';
import { currentServiceState, useKioskState } from '../../state/kioskState.tsx';
import { OutOfServiceScreen } from './OutOfServiceScreen.tsx';
import { TILES, type Tile } from './tiles.ts';

export function HomeScreen({ tiles = TILES }: { tiles?: readonly Tile[] }): ReactNode {
  const strings = useStrings();
  const state = useKioskState();
  const service = currentServiceState(state);

  if (service?.state === 'out-of-service') return <OutOfServiceScreen reason={service.reason} />;

  // Until the host has said the kiosk is in service (a few ms after start), the tiles are laid out
  // but inert: the screen appears at once, and nobody can start a journey on a kiosk that turns out
  // to be out of service.
  const confirmed = service !== undefined;
  return (
    <section className="home" aria-labelledby="home-title" aria-busy={!confirmed} inert={!confirmed} data-confirmed={confirmed}>
      <h1 id="home-title" className="home__welcome">
        {strings.home.welcome}
      </h1>
      <ul className="tiles">
        {tiles.map((tile) => (
          <li key={tile.id}>
            <TileButton tile={tile} />
          </li>
        ))}
      </ul>
      <p className="home__help">{strings.home.helpLine}</p>
    </section>
  );
}

function TileButton({ tile }: { tile: Tile }): ReactNode {
  const strings = useStrings();
  const words = strings.tiles[tile.id];
  const open = tile.enabled && tile.route !== undefined ? tile.route : undefined;
  return (
    <button
      type="button"
      className="tile"
      data-tile={tile.id}
      disabled={open === undefined}
      aria-disabled={open === undefined}
      onClick={open === undefined ? undefined : () => navigate(open)}
    >
      <Icon name={tile.icon} size="2.2em" />
      <span className="tile__title">{words.title}</span>
      <span className="tile__description">{words.description}</span>
      {open === undefined && <span className="tile__soon">{strings.home.comingSoon}</span>}
    </button>
  );
}
