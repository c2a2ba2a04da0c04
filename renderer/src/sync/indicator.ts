/**
 * What the resident's sync light says: the engine's level (age of the oldest unsent submission,
 * rejections, revocation) in words + icon + colour, never colour alone. Green with something still
 * in flight says 正在上传, not 已同步: the words never claim more than is true. Runtime: pure.
 */
import type { SyncLevel, SyncState } from '../../../sync/engine/syncState.ts';
import type { IconName } from '../components/icons.tsx';
import { format, type Strings } from '../i18n/index.ts';

export interface SyncIndicatorView {
  /** 'starting' until the engine has read its database once. */
  readonly level: SyncLevel | 'starting';
  readonly words: string;
  readonly icon: IconName;
}

export function syncIndicatorOf(state: SyncState | null, strings: Strings): SyncIndicatorView {
  const words = strings.sync;
  if (state === null) return { level: 'starting', words: words.starting, icon: 'unknown' };
  switch (state.level) {
    case 'green':
      return state.pending === 0 ? { level: 'green', words: words.synced, icon: 'online' } : { level: 'green', words: words.uploading, icon: 'progress' };
    case 'amber':
      return { level: 'amber', words: format(words.waiting, { count: state.pending }), icon: 'progress' };
    case 'red':
      // Revoked or a rejection needs staff; an old queue only needs the network back.
      return { level: 'red', words: state.revoked || state.rejected > 0 ? words.problem : words.late, icon: 'offline' };
  }
}
