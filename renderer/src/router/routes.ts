/**
 * The screens the kiosk can show, and their hash addresses. A hash router because the app is served
 * from a custom scheme in Electron and from a static folder in the browser host; anything unknown
 * goes home. Runtime: pure.
 */
export const ROUTES = {
  home: '#/',
  techSignIn: '#/tech',
  techDiagnostics: '#/tech/diagnostics',
  guide: '#/guide',
  guideItem: '#/guide/item',
  apply: '#/apply',
  progress: '#/progress',
} as const;

export type Route = keyof typeof ROUTES;

const BY_PATH = new Map<string, Route>(
  (Object.entries(ROUTES) as [Route, string][]).map(([route, hash]) => [hash.slice(1), route]),
);

/** '#/tech/' and '#/tech?x=1' mean '#/tech'; '', '#' and anything unknown mean home. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return BY_PATH.get(trimmed === '' ? '/' : trimmed) ?? 'home';
}

export function hrefFor(route: Route): string {
  return ROUTES[route];
}

/** Technician screens: left as soon as the technician role drops. */
export function isTechnicianRoute(route: Route): boolean {
  return route === 'techDiagnostics';
}

/** A route with query parameters, e.g. '#/guide/item?code=…' (parseHash still finds the route). */
export function hrefWithParams(route: Route, params: Readonly<Record<string, string>>): string {
  const query = new URLSearchParams(params).toString();
  return query === '' ? ROUTES[route] : `${ROUTES[route]}?${query}`;
}

/** One query parameter of a hash address; null when absent. */
export function hashParam(hash: string, name: string): string | null {
  const query = hash.split('?')[1];
  return query === undefined ? null : new URLSearchParams(query).get(name);
}
