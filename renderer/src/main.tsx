/**
 * Renderer entry, deliberately tiny: index.html already holds the home screen's first frame
 * (prerendered at build time, scripts/prerender-shell.tsx). Let the browser paint it, then load
 * React and the app (boot.tsx), which replaces it. The build preloads boot's chunk, so it downloads
 * in parallel with the first paint.
 */
// The stylesheet belongs to the first frame, so it is linked from index.html, not from boot's chunk.
import './styles/global.css';

requestAnimationFrame(() => {
  setTimeout(() => {
    import('./boot.tsx').catch((error: unknown) => console.error('the kiosk app failed to load', error));
  }, 0);
});
