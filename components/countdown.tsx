"use client";

import { useEffect, useState } from "react";

function format(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}h ${String(m).padStart(2, "0")}m ${String(s).padStart(2, "0")}s`;
}

/** A live countdown to `until` (ISO), ticking every second once JavaScript runs. */
export function Countdown({ until, serverNow }: { until: string; serverNow: number }) {
  const end = new Date(until).getTime();
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = end - now;
  return (
    <span data-testid="countdown" className="font-mono tabular-nums">
      {left > 0 ? format(left) : "expired — your next action starts a new guest session"}
    </span>
  );
}
