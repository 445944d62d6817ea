"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/server/form-action";
import { localPath } from "@/lib/redirect-target";
import { refererPath } from "@/lib/server/request";
import { setPreferences } from "@/lib/session/preferences";
import { preferencesInput } from "@/lib/session/preferences-model";

// With JavaScript the switcher refreshes the page itself (components/currency-switcher.tsx).
// Without it the form says so (`back`), and the page it came from is loaded again, so the new
// currency cookie picks the catalog copy in that currency (next.config.ts).
// `returnTo` (the /currency page's form) and the Referer are the client's to write: both go
// through the one redirect rule (lib/redirect-target.ts), and anything else lands on "/".

export const setCurrencyAction = formAction(
  preferencesInput.extend({ back: z.literal("1").optional(), returnTo: z.string().max(4000).optional() }),
  async (ctx, { back, returnTo, ...input }) => {
    await setPreferences(ctx, input);
    if (back) redirect((returnTo === undefined ? await refererPath() : localPath(returnTo)) ?? "/");
    return "Prices now show in your currency.";
  },
);
