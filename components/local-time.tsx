"use client";

import { useSyncExternalStore } from "react";

// A moment in the shopper's own time zone. The server can't know that zone, so it renders the
// time in UTC and says so; once JavaScript runs, the browser shows it on its own clock, its zone
// named ("Tue, Dec 8, 2:05 PM EST"). Without JavaScript the UTC time stays, still true.

const UTC = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const LOCAL: Intl.DateTimeFormatOptions = {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

const never = () => () => {};

/** `at` (ISO) as a <time>: UTC from the server, the browser's zone once hydrated. */
export function LocalTime({ at }: { at: string }) {
  const inBrowser = useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
  const date = new Date(at);
  return (
    <time dateTime={at}>
      {inBrowser ? new Intl.DateTimeFormat(undefined, LOCAL).format(date) : `${UTC.format(date)} UTC`}
    </time>
  );
}
