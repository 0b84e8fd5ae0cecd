import { cardError, invalid } from './stripe-errors.ts';
import { newId, store, type StripeObject, type StripeState } from './stripe-state.ts';

/** How a test card behaves: fails when attached/checked, fails every charge, or asks for authentication. */
export type CardBehaviour = 'ok' | 'decline_on_attach' | 'fail_charges' | 'auth_on_setup' | 'auth_always';

interface TestCard { number: string; brand: string; behaviour: CardBehaviour; code?: string; decline?: string; message?: string }

const DECLINED = 'Your card was declined.';
const CARDS: TestCard[] = [
  { number: '4242424242424242', brand: 'visa', behaviour: 'ok' },
  { number: '5555555555554444', brand: 'mastercard', behaviour: 'ok' },
  { number: '4000000000000002', brand: 'visa', behaviour: 'decline_on_attach', code: 'card_declined', decline: 'generic_decline', message: DECLINED },
  { number: '4000000000009995', brand: 'visa', behaviour: 'decline_on_attach', code: 'card_declined', decline: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  { number: '4000000000000069', brand: 'visa', behaviour: 'decline_on_attach', code: 'expired_card', message: 'Your card has expired.' },
  { number: '4000000000000127', brand: 'visa', behaviour: 'decline_on_attach', code: 'incorrect_cvc', message: "Your card's security code is incorrect." },
  { number: '4000000000000119', brand: 'visa', behaviour: 'decline_on_attach', code: 'processing_error', message: 'An error occurred while processing your card. Try again in a little bit.' },
  { number: '4000000000000341', brand: 'visa', behaviour: 'fail_charges', code: 'card_declined', decline: 'generic_decline', message: DECLINED },
  { number: '4000002500003155', brand: 'visa', behaviour: 'auth_on_setup' },
  { number: '4000002760003184', brand: 'visa', behaviour: 'auth_always' },
  { number: '4000003800000446', brand: 'visa', behaviour: 'ok' },
];

/** Stripe's test PaymentMethods and tokens, by the card they stand for. */
const ALIASES: Record<string, string> = {
  pm_card_visa: '4242424242424242', tok_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444', tok_mastercard: '5555555555554444',
  pm_card_visa_chargeDeclined: '4000000000000002', pm_card_chargeDeclined: '4000000000000002', tok_visa_chargeDeclined: '4000000000000002', tok_chargeDeclined: '4000000000000002',
  pm_card_visa_chargeDeclinedInsufficientFunds: '4000000000009995', tok_visa_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeDeclinedExpiredCard: '4000000000000069', tok_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_chargeDeclinedIncorrectCvc: '4000000000000127', tok_chargeDeclinedIncorrectCvc: '4000000000000127',
  pm_card_chargeDeclinedProcessingError: '4000000000000119', tok_chargeDeclinedProcessingError: '4000000000000119',
  pm_card_chargeCustomerFail: '4000000000000341', tok_chargeCustomerFail: '4000000000000341',
  pm_card_authenticationRequiredOnSetup: '4000002500003155', pm_card_authenticationRequired: '4000002760003184',
  pm_card_authenticationRequiredSetupForOffSession: '4000003800000446',
};

export function isTestAlias(id: string): boolean {
  return id in ALIASES;
}

function cardFor(number: string): TestCard {
  const digits = number.replace(/\D/g, '');
  const known = CARDS.find((c) => c.number === digits);
  if (known) return known;
  if (!/^\d{12,19}$/.test(digits)) throw cardError('incorrect_number', 'Your card number is incorrect.', undefined, 'number');
  return { number: digits, brand: digits.startsWith('5') ? 'mastercard' : 'visa', behaviour: 'ok' };
}

export function behaviourOf(pm: StripeObject): TestCard {
  return cardFor(String(Reflect.get(pm, '_number') ?? ''));
}

/** A new card PaymentMethod from a number (expiry and CVC as a checkout page collects them). */
export function createCardPaymentMethod(state: StripeState, number: string, exp?: { month: number; year: number }, extra: Record<string, unknown> = {}): StripeObject {
  const card = cardFor(number);
  const year = exp?.year ?? new Date(state.now() * 1000).getUTCFullYear() + 3;
  if (exp && (year < new Date(state.now() * 1000).getUTCFullYear() || exp.month < 1 || exp.month > 12)) throw cardError('invalid_expiry_year', "Your card's expiration year is invalid.", undefined, 'exp_year');
  const pm = store(state, {
    id: newId(state, 'pm_'), object: 'payment_method', type: 'card', created: state.now(), livemode: false, customer: null,
    allow_redisplay: 'unspecified', metadata: {}, billing_details: { address: null, email: null, name: null, phone: null },
    card: {
      brand: card.brand, display_brand: card.brand, last4: card.number.slice(-4), exp_month: exp?.month ?? 12, exp_year: year,
      funding: 'credit', country: 'US', fingerprint: `fp${card.number.slice(-8)}`, checks: { cvc_check: 'pass' },
    },
    ...extra,
  });
  Object.defineProperty(pm, '_number', { value: card.number, enumerable: false });
  return pm;
}

/** `pm_card_visa`, `tok_visa` … as a fresh PaymentMethod, like Stripe does when one is used. */
export function paymentMethodFromAlias(state: StripeState, alias: string, param: string): StripeObject {
  const number = ALIASES[alias];
  if (!number) throw invalid(`No such PaymentMethod: '${alias}'`, param, 'resource_missing');
  return createCardPaymentMethod(state, number);
}

/** The card check Stripe runs when a card is attached or saved: declining cards fail here (402). */
export function checkOnAttach(pm: StripeObject): void {
  const card = behaviourOf(pm);
  if (card.behaviour === 'decline_on_attach') throw cardError(card.code ?? 'card_declined', card.message ?? DECLINED, card.decline);
}

export type ChargeOutcome = { ok: true } | { ok: false; code: string; decline?: string; message: string } | { ok: false; code: 'authentication_required'; message: string; action: true };

/** What a charge on this card does (`authenticated`: the customer completed 3DS for it). */
export function chargeOutcome(pm: StripeObject, options: { offSession: boolean; authenticated: boolean; setUp: boolean }): ChargeOutcome {
  const card = behaviourOf(pm);
  if (card.behaviour === 'decline_on_attach' || card.behaviour === 'fail_charges') return { ok: false, code: card.code ?? 'card_declined', decline: card.decline, message: card.message ?? DECLINED };
  const needsAuth = card.behaviour === 'auth_always' || (card.behaviour === 'auth_on_setup' && !options.setUp);
  if (needsAuth && !options.authenticated) return { ok: false, code: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.', action: true };
  return { ok: true };
}
