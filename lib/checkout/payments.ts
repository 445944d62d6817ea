import { capitalize } from "../text";
import { z } from "zod";
import { DomainError } from "../errors";

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

export const cardInput = z.strictObject({
  number: z.string({ error: "Enter the card number." }).max(40, "That card number is too long."),
  expMonth: digits("Enter the expiry month.", "Enter the expiry month as a number from 1 to 12.", 1, 12),
  expYear: digits("Enter the expiry year.", "Enter the expiry year, like 2030.", 0, 2200),
  cvc: z.string({ error: "Enter the security code (CVC)." }).max(8, "The security code has 3 or 4 digits."),
});
export type CardInput = z.infer<typeof cardInput>;

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

const cardError = (message: string, field: string) =>
  new DomainError("invalid_card", message, { field: `card.${field}` });

/** Validates a card and returns what may be kept of it; throws a 422 naming the field. */
export function checkCard(card: CardInput, now = new Date()): CardSummary & { digits: string } {
  const digits = digitsOf(card.number);
  if (!/^\d+$/.test(digits)) throw cardError("The card number may only contain digits and spaces.", "number");
  if (!luhnValid(digits)) throw cardError("That card number is not valid. Check it and try again.", "number");
  if (isExpired(card.expMonth, card.expYear, now)) throw cardError("This card has expired.", "expYear");
  const brand = cardBrand(digits);
  const cvcLength = brand === "amex" ? 4 : 3;
  if (!new RegExp(`^\\d{${brand === "unknown" ? "3,4" : cvcLength}}$`).test(card.cvc.trim())) {
    throw cardError(
      brand === "amex"
        ? "The security code is the 4 digits on the front of the card."
        : "The security code is the 3 digits on the back of the card.",
      "cvc",
    );
  }
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
