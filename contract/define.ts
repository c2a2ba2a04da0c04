/**
 * Building blocks for declaring the contract. A method is a name, an argument schema, a result
 * schema and the roles allowed to call it; an event is a name, a payload schema and the roles
 * allowed to receive it. Runtime: pure.
 */
import type { z } from 'zod';
import type { Role } from './roles.ts';

export type MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = Readonly<{
  input: I;
  output: O;
  roles: readonly Role[];
  /** One line for docs and the diagnostics screen. */
  summary: string;
}>;

export type EventSpec<P extends z.ZodType = z.ZodType> = Readonly<{
  payload: P;
  roles: readonly Role[];
  summary: string;
}>;

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

export function event<P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> {
  return spec;
}
