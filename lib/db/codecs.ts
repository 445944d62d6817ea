import { z } from "zod";

// A JSON column's codec: how a value is written and how it is read back. Each room declares its
// columns' codecs beside its SQL (lib/<room>/store.ts), the only place JSON columns are parsed. A
// stored value that no longer fits its shape reads as the column's empty value (and an unknown
// preference as unset), so an old row never breaks a page.

export function jsonColumn<T>(shape: z.ZodType<T>, empty: T) {
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
