import { describe, expect, it } from 'vitest';
import { hrefFor, isTechnicianRoute, parseHash, ROUTES, type Route } from './routes.ts';

describe('parseHash', () => {
  it.each([
    ['', 'home'],
    ['#', 'home'],
    ['#/', 'home'],
    ['#/tech', 'techSignIn'],
    ['#/tech/', 'techSignIn'],
    ['#/tech?from=corner', 'techSignIn'],
    ['#/tech/diagnostics', 'techDiagnostics'],
    ['#/tech/diagnostics//', 'techDiagnostics'],
    ['#/nope', 'home'],
    ['#/tech/diagnostics/extra', 'home'],
    ['#/TECH', 'home'],
    ['#javascript:alert(1)', 'home'],
  ] as const)('%s → %s', (hash, route) => {
    expect(parseHash(hash)).toBe(route);
  });

  it('every route round-trips through its href', () => {
    for (const route of Object.keys(ROUTES) as Route[]) expect(parseHash(hrefFor(route))).toBe(route);
  });

  it('only the diagnostics screen needs the technician role', () => {
    expect(isTechnicianRoute('techDiagnostics')).toBe(true);
    expect(isTechnicianRoute('techSignIn')).toBe(false);
    expect(isTechnicianRoute('home')).toBe(false);
  });
});
