import { z } from "zod";
import { CURRENCIES } from "../catalog/currency";
import type { Preferences } from "../session/preferences-model";

// The JSON columns, one codec each: how a value is written and how it is read back. This is the
// only place JSON columns are parsed. A stored value that no longer fits its shape reads as the
// column's empty value (and an unknown preference as unset), so an old row never breaks a page.

function jsonColumn<T>(shape: z.ZodType<T>, empty: T) {
  const emptyText = JSON.stringify(empty);
  return {
    encode: (value: T): string => JSON.stringify(value),
    decode(text: string): T {
      // Most rows hold the empty value (a guest without preferences), read on every request.
      if (text === emptyText) return JSON.parse(text) as T;
      try {
        const parsed = shape.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : empty;
      } catch {
        return empty;
      }
    },
  };
}

/** GuestSession.preferences and User.preferences. */
export const preferencesColumn = jsonColumn<Preferences>(z.object({ currency: z.enum(CURRENCIES).optional().catch(undefined) }), {});

/** RestoreToken.lines: what an e-mailed cart link adds. */
export const restoreLinesColumn = jsonColumn(z.array(z.object({ productId: z.string(), quantity: z.number().int().positive() })), []);

/** OutboxMessage.links. */
export const outboxLinksColumn = jsonColumn(z.array(z.string()), []);

const namedLines = z.array(z.object({ name: z.string(), quantity: z.number() }));
/** Migration.details: which items ended where, for the account's history. */
export const migrationDetailsColumn = jsonColumn(z.object({ cart: namedLines.optional(), savedForLater: namedLines.optional() }), {});

/** Event.properties: a few details of an event. */
export const eventPropertiesColumn = jsonColumn(z.record(z.string(), z.unknown()), {});
