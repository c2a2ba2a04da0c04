import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { zhCN } from '../i18n/zh-CN.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';

afterEach(cleanup);

function Boom({ explode }: { explode: boolean }): string {
  if (explode) throw new Error('render failed');
  return '正常内容';
}

describe('ErrorBoundary', () => {
  it('replaces a crashed screen with a friendly Chinese message and a way home', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const onHome = vi.fn();
    const { rerender } = render(
      <ErrorBoundary onHome={onHome} resetKey="a">
        <Boom explode />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain(zhCN.errorBoundary.title);
    expect(screen.getByText(zhCN.errorBoundary.body)).toBeTruthy();
    expect(document.body.textContent).not.toContain('render failed');

    fireEvent.click(screen.getByRole('button', { name: zhCN.errorBoundary.home }));
    expect(onHome).toHaveBeenCalledOnce();

    // A new route clears the failure and shows the new screen.
    rerender(
      <ErrorBoundary onHome={onHome} resetKey="b">
        <Boom explode={false} />
      </ErrorBoundary>,
    );
    expect(screen.getByText('正常内容')).toBeTruthy();
    quiet.mockRestore();
  });
});
