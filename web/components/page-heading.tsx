/**
 * The page's one h1. It takes focus when the page was reached by navigating inside the app or when told
 * to (a new screen state), so screen-reader and keyboard users start at the new content.
 */
import { type ReactNode, useEffect, useRef } from 'react';
import { pageWasNavigatedTo } from '../routing/location.ts';

export function PageHeading({
  children,
  focus = pageWasNavigatedTo(),
}: {
  children: ReactNode;
  focus?: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
