import { config } from "../config";
import { DomainError } from "../errors";
import type { SessionEnd } from "./types";

// Why a cookie's session ended, said as a sentence where the shopper acts (pages, forms, JSON).

/** What a request fails with when its session is gone: said as why it is gone (with the same code). */
const LOST_SESSION = new Set(["no_session", "not_in_cart", "not_saved", "empty_cart", "session_ended", "forbidden"]);

export function explainEnd(error: unknown, ended: SessionEnd | null): unknown {
  if (!ended || !(error instanceof DomainError) || !LOST_SESSION.has(error.code)) return error;
  return new DomainError(error.code, describeEnd(ended), error.details);
}

const hours = (seconds: number) => {
  const h = Math.round(seconds / 3600);
  return h >= 48 && h % 24 === 0 ? `${h / 24} days` : h === 1 ? "an hour" : `${h} hours`;
};

/** The sentence a shopper reads where they act, with the way back. */
export function describeEnd(end: SessionEnd): string {
  const c = config();
  if (end.type === "authenticated") {
    if (end.reason !== "expired") return "You were signed out (from another tab or device): log in again to go on.";
    return end.idle
      ? `You were signed out after ${hours(c.userIdleTimeout)} without activity: log in again to go on.`
      : `You were signed out after ${hours(c.userSessionTtl)}: log in again to go on.`;
  }
  switch (end.reason) {
    case "converted":
      return "This guest session became an account: log in to find its cart.";
    case "ended":
      return end.rotated
        ? "An order was just placed with this guest session in another tab or window, and it goes on under a new id there. Reload the page to see it."
        : "This guest session was ended in another tab or window, so its cart is gone. Log in if you have an account.";
    case "expired":
      return end.idle
        ? `Your guest session ended after ${hours(c.guestIdleTimeout)} without activity, so its cart was cleared. Log in if you have an account, or start again.`
        : `Your guest session ended after ${hours(c.guestSessionTtl)}, so its cart was cleared. Log in if you have an account, or start again.`;
    default:
      throw new Error(`No sentence for a session that ended as ${end.reason satisfies never}.`); // a new reason fails to compile first
  }
}
