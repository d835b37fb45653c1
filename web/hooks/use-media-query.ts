/** Whether a CSS media query matches now, following changes (a rotated phone, a resized window). */
import { useSyncExternalStore } from 'react';

/** Below this width lists show as cards (My secrets, My invitations): a table would scroll sideways. */
export const NARROW_SCREEN = '(max-width: 47.99rem)';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}
