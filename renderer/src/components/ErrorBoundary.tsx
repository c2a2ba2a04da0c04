/**
 * A render error must never leave a resident in front of a white screen: show plain words and a way
 * home. Going home remounts the screen, which is usually enough; otherwise staff restart the kiosk.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { stringsFor, type Language } from '../i18n/index.ts';

interface Props {
  readonly children: ReactNode;
  readonly language?: Language;
  readonly onHome: () => void;
  /** Changing this (e.g. the route) clears a caught error. */
  readonly resetKey?: string;
}

interface State {
  readonly failed: boolean;
  readonly resetKey: string | undefined;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { failed: false, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The console reaches the main process log (Electron) or the browser host's console.
    console.error('screen crashed', error, info.componentStack);
  }

  private readonly goHome = (): void => {
    this.setState({ failed: false });
    this.props.onHome();
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const strings = stringsFor(this.props.language ?? 'zh-CN');
    return (
      <section className="notice notice--error" role="alert">
        <h1 className="notice__title">{strings.errorBoundary.title}</h1>
        <p className="notice__body">{strings.errorBoundary.body}</p>
        <button type="button" className="button button--primary" onClick={this.goHome}>
          {strings.errorBoundary.home}
        </button>
      </section>
    );
  }
}
