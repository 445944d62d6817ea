"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";

function format(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}h ${String(m).padStart(2, "0")}m ${String(s).padStart(2, "0")}s`;
}

const LAST_HOUR_MS = 3_600_000;

// The browser's clock, to the second, as an external store: it ticks every second once
// JavaScript runs; before that (and on the server) the page shows the server's time.
const subscribe = (tick: () => void) => {
  const timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
};
const clientSecond = () => Math.floor(Date.now() / 1000) * 1000;

/**
 * A live countdown to `until` (ISO), ticking every second once JavaScript runs. In a guest's
 * last hour it offers to e-mail the cart, so that nothing is lost when the session ends.
 */
export function Countdown({
  until,
  serverNow,
  offerEmail = false,
  testId = "countdown",
}: {
  until: string;
  serverNow: number;
  offerEmail?: boolean;
  testId?: string;
}) {
  const end = new Date(until).getTime();
  const now = useSyncExternalStore(subscribe, clientSecond, () => serverNow);
  const left = end - now;
  return (
    <>
      <span data-testid={testId} className="font-mono tabular-nums">
        {left > 0 ? format(left) : "expired — your next action starts a new guest session"}
      </span>
      {offerEmail && left > 0 && left < LAST_HOUR_MS && (
        <>
          {" "}
          <Link href="/cart#email-cart" className="font-medium text-brand-700 underline">
            Less than an hour left: e-mail me my cart
          </Link>
        </>
      )}
    </>
  );
}
