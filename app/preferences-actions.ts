"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/server/form-action";
import { refererPath } from "@/lib/server/request";
import { setPreferences } from "@/lib/session/preferences";
import { preferencesInput } from "@/lib/session/preferences-model";

// With JavaScript the switcher refreshes the page itself (components/currency-switcher.tsx).
// Without it the form says so (`back`), and the page it came from is loaded again, so the new
// currency cookie picks the catalog copy in that currency (next.config.ts).
// `returnTo` (the /currency page's form) is a path on this site: never "//host" or a full URL.
const localPath = z.string().max(2000).regex(/^\/(?![/\\])[^\s]*$/);

export const setCurrencyAction = formAction(
  preferencesInput.extend({ back: z.literal("1").optional(), returnTo: localPath.optional() }),
  async (ctx, { back, returnTo, ...input }) => {
    await setPreferences(ctx, input);
    if (back) redirect(returnTo ?? (await refererPath()) ?? "/");
    return "Prices now show in your currency.";
  },
);
