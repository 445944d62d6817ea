"use server";

import { buttonAction } from "@/lib/server/form-action";
import { endSession, ensureSession } from "@/lib/session/request";

export const startSessionAction = buttonAction(
  async (ctx) => {
    await ensureSession(ctx);
    return "A guest session has started.";
  },
  { refresh: true },
);

export const endSessionAction = buttonAction(
  async (ctx) => {
    await endSession(ctx);
    return "Your guest session has ended. Its cart can no longer be reached.";
  },
  { refresh: true },
);
