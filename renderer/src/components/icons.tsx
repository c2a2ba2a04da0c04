/**
 * Line icons drawn inline (no icon font, nothing fetched). They use currentColor, so they follow the
 * text colour and the contrast checks; every icon sits next to words, never alone.
 */
import type { ReactNode } from 'react';

const PATHS = {
  guide: (
    <>
      <path d="M8 8h14a4 4 0 0 1 4 4v28a3 3 0 0 0-3-3H8z" />
      <path d="M40 8H30a4 4 0 0 0-4 4v28a3 3 0 0 1 3-3h11z" />
    </>
  ),
  apply: (
    <>
      <rect x="5" y="10" width="38" height="28" rx="3" />
      <circle cx="16" cy="22" r="4" />
      <path d="M10 32c1.5-4 10.5-4 12 0M27 19h11M27 25h11M27 31h7" />
    </>
  ),
  progress: (
    <>
      <circle cx="24" cy="24" r="17" />
      <path d="M24 14v10l7 5" />
    </>
  ),
  evaluate: <path d="M24 6l5.3 11.2 12.2 1.5-9 8.4 2.4 12.1L24 33.2l-10.9 6 2.4-12.1-9-8.4 12.2-1.5z" />,
  complaint: (
    <path d="M14 6l6 8-4 5c2 4.5 5.5 8 10 10l5-4 8 6-3 7C22 38 10 26 8 9z" />
  ),
  consultation: (
    <>
      <path d="M12 5h17l8 8v30H12z" />
      <path d="M29 5v8h8M18 22h13M18 29h13M18 36h8" />
    </>
  ),
  assistant: (
    <>
      <path d="M7 9h34v24H22l-9 8v-8H7z" />
      <path d="M20 17a4 4 0 1 1 5 4c-1 .5-1 1.5-1 3M24 28.5v.5" />
    </>
  ),
  report: (
    <>
      <path d="M11 43V6" />
      <path d="M11 8h26l-5 8 5 8H11" />
    </>
  ),
  emergency: (
    <>
      <path d="M12 34V22a12 12 0 0 1 24 0v12" />
      <path d="M7 34h34v5H7zM24 4v4M8 12l3 3M40 12l-3 3" />
    </>
  ),
  doorAccess: (
    <>
      <path d="M12 43V5h24v38M6 43h36" />
      <circle cx="30" cy="25" r="1.8" />
    </>
  ),
  print: (
    <>
      <path d="M14 18V5h20v13M14 35H7V18h34v17h-7" />
      <path d="M14 28h20v15H14z" />
    </>
  ),
  online: (
    <>
      <circle cx="24" cy="24" r="18" />
      <path d="M15 24l6 6 12-12" />
    </>
  ),
  offline: (
    <>
      <path d="M24 5L3 42h42z" />
      <path d="M24 18v12M24 35v1" />
    </>
  ),
  unknown: (
    <>
      <circle cx="24" cy="24" r="18" />
      <path d="M14 24h.5M24 24h.5M34 24h.5" />
    </>
  ),
  tool: <path d="M30 6a10 10 0 0 0-9 13L6 34l8 8 15-15A10 10 0 0 0 42 18l-6 6-6-2-2-6 6-6a10 10 0 0 0-4-4z" />,
  elder: (
    <>
      <path d="M6 38L16 10h2l10 28M10 28h14" />
      <path d="M30 38l6-16h2l6 16M32 32h10" />
    </>
  ),
  home: <path d="M5 23L24 7l19 16M10 19v22h10V29h8v12h10V19" />,
} satisfies Record<string, ReactNode>;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = '1.4em' }: { name: IconName; size?: string }): ReactNode {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 48 48"
      fill="none"
      stroke="currentColor"
      strokeWidth="3.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
