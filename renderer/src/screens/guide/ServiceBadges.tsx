/** Short facts a resident scans in a list: 可自助办理, 即办件/承诺件, 跑动次数. Words, not colour. */
import type { ReactNode } from 'react';
import type { ServiceItem } from '../../../../sync/protocol/serviceItem.ts';
import { format, useStrings } from '../../i18n/index.ts';

export function ServiceBadges({ item }: { item: ServiceItem }): ReactNode {
  const strings = useStrings().guide;
  return (
    <span className="badges">
      {item.terminalCapable && <span className="badge badge--terminal">{strings.terminalBadge}</span>}
      <span className="badge">{item.projectType}</span>
      <span className="badge">{item.onSiteVisits === 0 ? strings.visitsZero : format(strings.visitsN, { n: item.onSiteVisits })}</span>
    </span>
  );
}
