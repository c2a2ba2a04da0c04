/** Shown when the page cannot reach the service host at all (no window.kiosk): no frame, no tiles. */
import type { ReactNode } from 'react';
import { stringsFor } from '../i18n/index.ts';

export function FatalScreen(): ReactNode {
  const strings = stringsFor('zh-CN');
  return (
    <main className="notice notice--out-of-service" role="alert">
      <h1 className="notice__title">{strings.fatal.title}</h1>
      <p className="notice__body">{strings.fatal.body}</p>
      <p className="notice__help">{strings.outOfService.help}</p>
    </main>
  );
}
