/** Handlers for session.* methods: the role of the calling connection. */
import { ok } from '../../../contract/index.ts';
import type { Handlers } from '../dispatcher.ts';
import type { HostContext } from '../hostContext.ts';

export function sessionHandlers(host: HostContext): Pick<Handlers, 'session.get' | 'session.signIn' | 'session.signOut'> {
  return {
    'session.get': (_arg, call) => ok(host.sessions.info(call.connectionId)),
    'session.signIn': (arg, call) => {
      const result = host.sessions.signIn(call.connectionId, arg);
      host.logger.info(result.ok ? 'signed in' : 'sign-in refused', {
        role: arg.role,
        staffId: arg.staffId,
        connection: call.connectionId,
        ...(result.ok ? {} : { code: result.error.code }),
      });
      return result;
    },
    'session.signOut': (_arg, call) => ok(host.sessions.signOut(call.connectionId)),
  };
}
