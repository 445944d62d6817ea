"use server";

import { refresh } from "next/cache";
import { failed, ok, type ActionState } from "@/lib/action-state";
import { endCurrentSession, ensureSession } from "@/lib/session";

export async function startSessionAction(): Promise<ActionState> {
  try {
    await ensureSession();
  } catch (error) {
    return failed(error);
  }
  refresh();
  return ok("A guest session has started.");
}

export async function endSessionAction(): Promise<ActionState> {
  await endCurrentSession();
  refresh();
  return ok("Your guest session has ended. Its cart can no longer be reached.");
}
