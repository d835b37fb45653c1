/**
 * A warning before leaving a page that shows something the person cannot get back (a revealed secret):
 * the browser's own question on reload, closing or leaving the site, and a confirmation before moving
 * to another page of the app.
 */

let warning: string | null = null;

function askBeforeUnload(event: BeforeUnloadEvent): void {
  event.preventDefault();
  // Older browsers show the question only when returnValue is set; none shows this text.
  event.returnValue = '';
}

/** Guards leaving until the returned function is called. `question` is asked before in-app moves. */
export function guardLeaving(question: string): () => void {
  warning = question;
  window.addEventListener('beforeunload', askBeforeUnload);
  return () => {
    if (warning === question) warning = null;
    window.removeEventListener('beforeunload', askBeforeUnload);
  };
}

/** Whether the app may move to another page now: true unless guarded and the person says no. */
export function mayLeave(): boolean {
  if (warning === null || window.confirm(warning)) {
    warning = null;
    window.removeEventListener('beforeunload', askBeforeUnload);
    return true;
  }
  return false;
}
