/**
 * Fans service-host events out to connected renderers. Each connection receives only the events
 * its current role may see, and events addressed to one connection reach only that one.
 * Payloads are checked against the contract before they leave, like method results.
 * Runtime: plain Node.
 */
import type { z } from 'zod';
import { events, type EventName, type EventPayload, type Role } from '../../contract/index.ts';
import type { Logger } from './logger.ts';

export interface EventSink {
  readonly connectionId: string;
  readonly role: () => Role;
  deliver(name: EventName, payload: unknown): void;
}

export interface EventHub {
  publish<E extends EventName>(name: E, payload: EventPayload<E>, to?: { connectionId: string }): void;
  attach(sink: EventSink): () => void;
}

export function createEventHub(logger: Logger): EventHub {
  const sinks = new Set<EventSink>();
  return {
    publish(name, payload, to) {
      const spec = events[name];
      const checked = (spec.payload as z.ZodType).safeParse(payload);
      if (!checked.success) {
        logger.error('event payload outside its contract, dropped', { event: name, issue: checked.error.issues[0]?.message });
        return;
      }
      for (const sink of sinks) {
        if (to !== undefined && sink.connectionId !== to.connectionId) continue;
        if (!spec.roles.includes(sink.role())) continue;
        try {
          sink.deliver(name, checked.data);
        } catch (error) {
          logger.warn('event delivery failed', { event: name, connection: sink.connectionId, error: String(error) });
        }
      }
    },
    attach(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
