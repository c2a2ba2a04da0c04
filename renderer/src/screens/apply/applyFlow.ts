/**
 * The 我要办 journey as an explicit state machine: choose a service → place the ID card (masked
 * card shown) → type a phone number → check and tick the materials → submitting → done. The draft holds only the masked
 * card, the one-time reading token and the phone number; the full holder fields are fetched, sealed
 * and dropped inside the submit step and never enter this state. Leaving the journey (or finishing
 * it) drops the draft. Runtime: pure.
 */
import type { MaskedCard } from '../../../../contract/devices.ts';
import type { SubmitReceipt } from '../../../../sync/engine/submit.ts';

export interface ChosenService {
  readonly code: string;
  readonly name: string;
  readonly materials: readonly { readonly name: string; readonly required: boolean }[];
}

/** The ID card itself was read electronically: those materials start ticked. */
function readByTheKiosk(service: ChosenService): string[] {
  return service.materials.filter((m) => m.name.includes('身份证')).map((m) => m.name);
}

/** Every required material is ticked (the platform refuses an application without them). */
export function materialsComplete(service: ChosenService, provided: readonly string[]): boolean {
  return service.materials.every((m) => !m.required || provided.includes(m.name));
}

export type PrintState = { readonly state: 'printing' } | { readonly state: 'printed' } | { readonly state: 'failed'; readonly code: string };

export type ApplyState =
  | { readonly step: 'choose' }
  | { readonly step: 'card'; readonly service: ChosenService; readonly card: CardReading | null; readonly problem: string | null }
  | { readonly step: 'phone'; readonly service: ChosenService; readonly card: CardReading; readonly phone: string; readonly invalid: boolean }
  | { readonly step: 'confirm'; readonly service: ChosenService; readonly card: CardReading; readonly phone: string; readonly provided: readonly string[]; readonly problem: string | null }
  | { readonly step: 'submitting'; readonly service: ChosenService; readonly card: CardReading; readonly phone: string; readonly provided: readonly string[] }
  | { readonly step: 'done'; readonly service: ChosenService; readonly receipt: SubmitReceipt; readonly print: PrintState };

export interface CardReading {
  readonly masked: MaskedCard;
  /** One-time token for idCard.holder (expires at the host after 5 minutes). */
  readonly readingToken: string;
}

export type ApplyAction =
  | { readonly type: 'choose'; readonly service: ChosenService }
  | { readonly type: 'cardRead'; readonly card: CardReading }
  | { readonly type: 'cardError'; readonly problem: string }
  | { readonly type: 'next' }
  | { readonly type: 'back' }
  | { readonly type: 'digit'; readonly digit: string }
  | { readonly type: 'delete' }
  /** The resident declares a material provided (or not): ticked materials are handed in at acceptance. */
  | { readonly type: 'toggleMaterial'; readonly name: string }
  | { readonly type: 'submitStarted' }
  /** `againFromCard`: the reading expired, the card must be placed again. */
  | { readonly type: 'submitFailed'; readonly problem: string; readonly againFromCard: boolean }
  | { readonly type: 'submitted'; readonly receipt: SubmitReceipt }
  | { readonly type: 'printed'; readonly print: PrintState };

export const PHONE_DIGITS = 11;
export const MOBILE_PHONE = /^1\d{10}$/;

export const INITIAL_APPLY_STATE: ApplyState = { step: 'choose' };

export function applyReducer(state: ApplyState, action: ApplyAction): ApplyState {
  switch (action.type) {
    case 'choose':
      return state.step === 'choose' ? { step: 'card', service: action.service, card: null, problem: null } : state;
    case 'cardRead':
      // A new card replaces the old one while the resident is still at the card step.
      return state.step === 'card' ? { ...state, card: action.card, problem: null } : state;
    case 'cardError':
      return state.step === 'card' ? { ...state, problem: action.problem } : state;
    case 'next':
      if (state.step === 'card' && state.card !== null && !state.card.masked.expired) return { step: 'phone', service: state.service, card: state.card, phone: '', invalid: false };
      if (state.step === 'phone') {
        if (!MOBILE_PHONE.test(state.phone)) return { ...state, invalid: true };
        return { step: 'confirm', service: state.service, card: state.card, phone: state.phone, provided: readByTheKiosk(state.service), problem: null };
      }
      return state;
    case 'back':
      if (state.step === 'card') return { step: 'choose' };
      if (state.step === 'phone') return { step: 'card', service: state.service, card: state.card, problem: null };
      if (state.step === 'confirm') return { step: 'phone', service: state.service, card: state.card, phone: state.phone, invalid: false };
      return state;
    case 'digit':
      if (state.step !== 'phone' || state.phone.length >= PHONE_DIGITS || !/^\d$/.test(action.digit)) return state;
      return { ...state, phone: state.phone + action.digit, invalid: false };
    case 'delete':
      return state.step === 'phone' ? { ...state, phone: state.phone.slice(0, -1), invalid: false } : state;
    case 'toggleMaterial':
      if (state.step !== 'confirm' || !state.service.materials.some((m) => m.name === action.name)) return state;
      return { ...state, provided: state.provided.includes(action.name) ? state.provided.filter((n) => n !== action.name) : [...state.provided, action.name] };
    case 'submitStarted':
      return state.step === 'confirm' && materialsComplete(state.service, state.provided)
        ? { step: 'submitting', service: state.service, card: state.card, phone: state.phone, provided: state.provided }
        : state;
    case 'submitFailed':
      if (state.step !== 'submitting') return state;
      return action.againFromCard
        ? { step: 'card', service: state.service, card: null, problem: action.problem }
        : { step: 'confirm', service: state.service, card: state.card, phone: state.phone, provided: state.provided, problem: action.problem };
    case 'submitted':
      // The card reading and the phone number are dropped here: the done screen needs neither.
      return state.step === 'submitting' ? { step: 'done', service: state.service, receipt: action.receipt, print: { state: 'printing' } } : state;
    case 'printed':
      return state.step === 'done' ? { ...state, print: action.print } : state;
  }
}
