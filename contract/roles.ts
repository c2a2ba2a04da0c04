/**
 * Who is using the kiosk right now. The role lives in the service host, per connection; a renderer
 * can never claim a role by argument, only earn it through a sign-in method.
 */
export const ROLES = ['resident', 'staff', 'technician'] as const;
export type Role = (typeof ROLES)[number];

export const EVERYONE: readonly Role[] = ROLES;
export const STAFF_AND_TECHNICIAN: readonly Role[] = ['staff', 'technician'];
export const TECHNICIAN_ONLY: readonly Role[] = ['technician'];
