/**
 * The app: status bar on every screen, the current route's screen below it, an error boundary
 * around both. Screens other than home load on demand to keep the first paint small.
 */
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import type { KioskApi } from '../../contract/index.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { IdleGuard } from './idle/IdleGuard.tsx';
import { StatusBar } from './frame/StatusBar.tsx';
import { DEFAULT_LANGUAGE, LanguageContext, useStrings, type Language } from './i18n/index.ts';
import { isTechnicianRoute, type Route } from './router/routes.ts';
import { navigate, useRoute } from './router/useRoute.ts';
import { HomeScreen } from './screens/home/HomeScreen.tsx';
import { DisplayModeProvider } from './state/displayMode.tsx';
import { KioskProvider, useKioskState } from './state/kioskState.tsx';
import { KioskSync, useDatabaseReady, type KioskSyncParts } from './sync/KioskSync.tsx';

const TechSignInScreen = lazy(() =>
  import('./screens/tech/TechSignInScreen.tsx').then((m) => ({ default: m.TechSignInScreen })),
);
const TechDiagnosticsScreen = lazy(() =>
  import('./screens/tech/TechDiagnosticsScreen.tsx').then((m) => ({ default: m.TechDiagnosticsScreen })),
);

const GuideScreen = lazy(() => import('./screens/guide/GuideScreen.tsx').then((m) => ({ default: m.GuideScreen })));
const GuideItemScreen = lazy(() => import('./screens/guide/GuideItemScreen.tsx').then((m) => ({ default: m.GuideItemScreen })));
const ApplyScreen = lazy(() => import('./screens/apply/ApplyScreen.tsx').then((m) => ({ default: m.ApplyScreen })));
const ProgressScreen = lazy(() => import('./screens/progress/ProgressScreen.tsx').then((m) => ({ default: m.ProgressScreen })));

const goHome = (): void => navigate('home');

/** `sync`: the local database and sync engine (main.tsx creates them once); without it the journeys that need them cannot open. */
export function App({
  kiosk,
  language = DEFAULT_LANGUAGE,
  sync,
  loadSync,
}: {
  kiosk: KioskApi;
  language?: Language;
  sync?: KioskSyncParts;
  /** Creates the database and engine after the first render (main.tsx); `sync` gives them directly (tests). */
  loadSync?: () => Promise<KioskSyncParts>;
}): ReactNode {
  return (
    <LanguageContext.Provider value={language}>
      <ErrorBoundary language={language} onHome={goHome}>
        <DisplayModeProvider>
          <KioskProvider kiosk={kiosk}>
            {sync === undefined && loadSync === undefined ? (
              <Frame language={language} />
            ) : (
              <KioskSync {...(sync === undefined ? {} : { parts: sync })} {...(loadSync === undefined ? {} : { load: loadSync })} kiosk={kiosk}>
                <Frame language={language} />
              </KioskSync>
            )}
          </KioskProvider>
        </DisplayModeProvider>
      </ErrorBoundary>
    </LanguageContext.Provider>
  );
}

function Frame({ language }: { language: Language }): ReactNode {
  const route = useRoute();
  useTechnicianGuard(route);
  return (
    <div className="app">
      <StatusBar />
      <IdleGuard />
      <main className="screen" data-route={route}>
        <ErrorBoundary language={language} onHome={goHome} resetKey={route}>
          <Suspense fallback={<Loading />}>
            <Screen route={route} />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

function Screen({ route }: { route: Route }): ReactNode {
  const { session } = useKioskState();
  const databaseReady = useDatabaseReady();
  // Technician screens never mount (nor fetch) without the role; the guard moves on meanwhile.
  if (isTechnicianRoute(route) && session?.role !== 'technician') return <Loading />;
  // Journeys read the local database, which loads just after the first screen.
  if ((route === 'guide' || route === 'guideItem' || route === 'apply' || route === 'progress') && !databaseReady) return <Loading />;
  switch (route) {
    case 'home':
      return <HomeScreen />;
    case 'techSignIn':
      return <TechSignInScreen />;
    case 'techDiagnostics':
      return <TechDiagnosticsScreen />;
    case 'guide':
      return <GuideScreen />;
    case 'guideItem':
      return <GuideItemScreen />;
    case 'apply':
      return <ApplyScreen />;
    case 'progress':
      return <ProgressScreen />;
  }
}

function Loading(): ReactNode {
  return (
    <p className="loading" role="status">
      {useStrings().app.loading}
    </p>
  );
}

/**
 * Technician screens need the technician role: arriving without it leads to sign-in; losing it
 * (sign-out, expiry, a reconnect) leads home at once.
 */
function useTechnicianGuard(route: Route): void {
  const { session } = useKioskState();
  const wasTechnician = useRef(false);
  useEffect(() => {
    if (session === undefined) return; // not known yet: do not guess
    const isTechnician = session.role === 'technician';
    if (isTechnicianRoute(route) && !isTechnician) navigate(wasTechnician.current ? 'home' : 'techSignIn');
    wasTechnician.current = isTechnician;
  }, [route, session]);
}
