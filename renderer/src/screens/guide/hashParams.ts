/** Reading and setting the query part of the hash address (which service a detail screen shows). */
import { useSyncExternalStore } from 'react';
import { hashParam, hrefWithParams, type Route } from '../../router/routes.ts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashParam(name: string): string | null {
  return useSyncExternalStore(subscribe, () => hashParam(window.location.hash, name), () => null);
}

export function navigateWithParams(route: Route, params: Readonly<Record<string, string>>): void {
  const target = hrefWithParams(route, params);
  if (window.location.hash !== target) window.location.hash = target;
}
