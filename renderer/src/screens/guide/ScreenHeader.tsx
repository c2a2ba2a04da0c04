/** Title row of a resident screen: the heading and a big way back (home or the previous screen). */
import type { ReactNode } from 'react';
import { Icon } from '../../components/icons.tsx';

export function ScreenHeader({ id, title, backLabel, onBack, children }: { id: string; title: string; backLabel: string; onBack: () => void; children?: ReactNode }): ReactNode {
  return (
    <div className="screen-head">
      <h1 id={id}>{title}</h1>
      {children}
      <button type="button" className="button button--secondary screen-head__back" onClick={onBack}>
        <Icon name="home" />
        <span>{backLabel}</span>
      </button>
    </div>
  );
}
