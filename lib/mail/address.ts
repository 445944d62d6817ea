import { z } from "zod";

// An e-mail address as every form and route reads it: trimmed, lower-cased (one person, one
// account, whatever they type), at most 254 characters, and a sentence for each way it is wrong.

export const emailField = z
  .string({ error: "Enter your e-mail address." })
  .trim()
  .min(1, "Enter your e-mail address.")
  .max(254, "That e-mail address is too long.")
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid e-mail address, like name@example.com." }));
