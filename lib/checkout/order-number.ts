import crypto from "node:crypto";

// Order numbers: what a shopper reads in an e-mail, says on the phone and types into a form.
// Eight characters of Crockford's base32 (no I, L, O or U, so nothing reads as another letter),
// 40 random bits: not a count of the shop's orders. The id stays the key; the number is unique
// too (a clash, once in about a million orders at a million orders, draws again: ./store.ts).

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A new number as stored: eight characters, no dash. */
export function newOrderNumber(): string {
  const bytes = crypto.randomBytes(5); // 40 bits = 8 × 5
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = "";
  for (let i = 7; i >= 0; i--) out += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

/** As shown: "K7M2-9QXD". */
export const formatOrderNumber = (stored: string) => `${stored.slice(0, 4)}-${stored.slice(4)}`;

/**
 * What a shopper typed, as stored, or null if it cannot be a number: case, spaces and dashes
 * don't matter, and O, I and L read as 0, 1 and 1 (Crockford's rule for what people mistype).
 */
export function parseOrderNumber(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return /^[0-9A-HJKMNP-TV-Z]{8}$/.test(plain) ? plain : null;
}
