import { capitalize } from "../text";
import { z } from "zod";
import { DomainError, fieldsRefused } from "../errors";

// Demo payments: no provider, no network. Cards are checked the way a real form would (Luhn,
// expiry, CVC) and "charged" by a fixed rule. The full number never leaves this module: only the
// brand and the last four digits are returned, stored or logged.

export type CardBrand = "visa" | "mastercard" | "amex" | "discover" | "unknown";

/** A number, or digits as a form sends them; never a boolean, null or array coerced into one. */
const digits = (required: string, range: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\s*\d{1,4}\s*$/.test(v) ? Number(v) : v),
    z.number({ error: required }).int(range).min(min, range).max(max, range),
  );

const cardFields = z.strictObject({
  number: z.string({ error: "Enter the card number." }).max(40, "That card number is too long."),
  expMonth: digits("Enter the expiry month.", "Enter the expiry month as a number from 1 to 12.", 1, 12),
  expYear: digits("Enter the expiry year.", "Enter the expiry year, like 2030.", 0, 2200),
  cvc: z.string({ error: "Enter the security code (CVC)." }).max(8, "The security code has 3 or 4 digits."),
});
export type CardInput = z.infer<typeof cardFields>;
type CardField = keyof CardInput;

/**
 * A card as a form or a body sends it, with the card's rules (cardProblems) checked in the same
 * pass as every other field: each rule runs once the fields it reads are well-formed, whatever
 * the other fields' problems, so one answer names them all (an invalid number, a past expiry and a
 * short CVC together). Their refusals keep the domain's code, invalid_card (zodErrorCode).
 */
export const cardInput = cardFields.superRefine(
  (card, ctx) => {
    const malformed = new Set(ctx.issues.map((issue) => issue.path?.[0]));
    const problems = cardProblems(card, new Date(), (field) => !malformed.has(field));
    for (const [field, message] of Object.entries(problems))
      ctx.addIssue({ code: "custom", path: [field], message, params: { code: "invalid_card" } });
  },
  // Also when other fields have problems; not when the card is no object at all.
  { when: ({ issues }) => !issues.some((issue) => issue.code === "invalid_type" && !issue.path?.length) },
);

/** The card as we may keep it. */
export type CardSummary = { brand: CardBrand; last4: string; expMonth: number; expYear: number };

const digitsOf = (number: string) => number.replace(/[\s-]/g, "");

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function cardBrand(digits: string): CardBrand {
  if (/^4/.test(digits)) return "visa";
  if (/^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/.test(digits)) return "mastercard";
  if (/^3[47]/.test(digits)) return "amex";
  if (/^(6011|65|64[4-9])/.test(digits)) return "discover";
  return "unknown";
}

/** Two-digit years mean 20xx. A card is valid through the last day of its expiry month. */
/** A card's year as four digits: cards print two ("30" is 2030). */
const fullYear = (expYear: number) => (expYear < 100 ? 2000 + expYear : expYear);

export function isExpired(expMonth: number, expYear: number, now = new Date()): boolean {
  const year = fullYear(expYear);
  return year < now.getUTCFullYear() || (year === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1);
}

/**
 * Every problem of a card, by field: the number (digits, Luhn), the expiry (past), the CVC (the
 * brand's length). `formed` says which fields hold a well-formed value; a rule reads only those
 * (the CVC's length follows the brand of the number typed, even one that fails Luhn).
 */
function cardProblems(card: CardInput, now: Date, formed: (field: CardField) => boolean = () => true) {
  const problems: Partial<Record<CardField, string>> = {};
  const digits = formed("number") ? digitsOf(card.number) : "";
  if (formed("number") && !/^\d+$/.test(digits))
    problems.number = "The card number may only contain digits and spaces.";
  else if (formed("number") && !luhnValid(digits))
    problems.number = "That card number is not valid. Check it and try again.";
  if (formed("expMonth") && formed("expYear") && isExpired(card.expMonth, card.expYear, now))
    problems.expYear = "This card has expired.";
  const brand = cardBrand(digits);
  const cvcFits = brand === "amex" ? /^\d{4}$/ : brand === "unknown" ? /^\d{3,4}$/ : /^\d{3}$/;
  if (formed("cvc") && !cvcFits.test(card.cvc.trim())) {
    problems.cvc =
      brand === "amex"
        ? "The security code is the 4 digits on the front of the card."
        : "The security code is the 3 digits on the back of the card.";
  }
  return problems;
}

/** Validates a card and returns what may be kept of it; throws a 422 naming every field that is wrong. */
export function checkCard(card: CardInput, now = new Date()): CardSummary & { digits: string } {
  const problems = Object.entries(cardProblems(card, now));
  if (problems.length > 0)
    throw fieldsRefused("invalid_card", Object.fromEntries(problems.map(([field, m]) => [`card.${field}`, m])));
  const digits = digitsOf(card.number);
  const brand = cardBrand(digits);
  return { digits, brand, last4: digits.slice(-4), expMonth: card.expMonth, expYear: fullYear(card.expYear) };
}

// Test numbers with a fixed answer, like a payment provider's test mode.
const DECLINED = new Set(["4000000000000002", "4000000000009995"]);

/** "Charges" a checked card: the decline numbers are declined, every other valid card approved. */
export function authorize(card: { digits: string }): void {
  if (DECLINED.has(card.digits)) {
    throw new DomainError(
      "card_declined",
      "Your card was declined. Nothing was charged and your cart is unchanged; try another card.",
    );
  }
}

export const describeCard = (c: { brand: string; last4: string }) =>
  `${c.brand === "unknown" ? "Card" : capitalize(c.brand)} ending in ${c.last4}`;
