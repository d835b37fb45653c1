/**
 * The outcome of an action on one item (revoked), shown on that item, where the person is looking, and
 * announced. It takes focus, since the button that was pressed has gone with the item's old status.
 */
import { useEffect, useRef } from 'react';

export interface RowNoticeProps {
  id: string;
  notice: { id: string; text: string } | undefined;
}

export function RowNotice({ id, notice }: RowNoticeProps) {
  const element = useRef<HTMLParagraphElement>(null);
  const shown = notice?.id === id;
  useEffect(() => {
    if (shown) element.current?.focus();
  }, [shown]);
  if (!shown) return null;
  return (
    <p ref={element} className="row-notice" role="status" tabIndex={-1}>
      {notice.text}
    </p>
  );
}
