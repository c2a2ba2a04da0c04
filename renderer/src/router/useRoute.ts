/** The current route from location.hash, re-rendering on every hashchange. */
import { useSyncExternalStore } from 'react';
import { hrefFor, parseHash, type Route } from './routes.ts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentRoute(): Route {
  return parseHash(window.location.hash);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, currentRoute, () => 'home' as const);
}

export function navigate(route: Route): void {
  const target = hrefFor(route);
  if (window.location.hash !== target) window.location.hash = target;
}
