/**
 * Lock the page down as a kiosk surface: no context menu (long-press), no zooming by ctrl+wheel,
 * ctrl +/-/0 or gestures, no dragging images or text away. Pinch-zoom is also off in the viewport
 * meta and in Electron; this is the belt to those braces. Returns an undo for tests.
 */
export function hardenKioskSurface(target: Window = window): () => void {
  const prevent = (event: Event): void => event.preventDefault();
  const onWheel = (event: WheelEvent): void => {
    if (event.ctrlKey) event.preventDefault();
  };
  const onKey = (event: KeyboardEvent): void => {
    if ((event.ctrlKey || event.metaKey) && ['+', '-', '=', '0'].includes(event.key)) event.preventDefault();
  };
  const doc = target.document;
  doc.addEventListener('contextmenu', prevent);
  doc.addEventListener('dragstart', prevent);
  doc.addEventListener('gesturestart', prevent);
  target.addEventListener('wheel', onWheel, { passive: false });
  target.addEventListener('keydown', onKey);
  return () => {
    doc.removeEventListener('contextmenu', prevent);
    doc.removeEventListener('dragstart', prevent);
    doc.removeEventListener('gesturestart', prevent);
    target.removeEventListener('wheel', onWheel);
    target.removeEventListener('keydown', onKey);
  };
}
