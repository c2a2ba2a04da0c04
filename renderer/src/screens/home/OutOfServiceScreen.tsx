/** Shown instead of the tiles when the host says the kiosk is out of service (e.g. bad config). */
import type { ReactNode } from 'react';
import { Icon } from '../../components/icons.tsx';
import { useStrings } from '../../i18n/index.ts';

export function OutOfServiceScreen({ reason }: { reason: string }): ReactNode {
  const strings = useStrings();
  return (
    <section className="notice notice--out-of-service" role="alert" aria-labelledby="oos-title">
      <Icon name="offline" size="2.5em" />
      <h1 id="oos-title" className="notice__title">
        {strings.outOfService.title}
      </h1>
      <p className="notice__body">
        {strings.outOfService.reasonLabel}
        {reason.trim() === '' ? strings.outOfService.configReason : reason}
      </p>
      <p className="notice__help">{strings.outOfService.help}</p>
    </section>
  );
}
