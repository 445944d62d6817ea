import { config } from "../config";

// How long a session lasts, in the words every page uses: the idle limit and the absolute end
// both apply, whichever comes first, so a page that names one must name the other.

/** 7200 → "2 hours", 86400 → "a day", 90 → "2 minutes". */
export function duration(seconds: number): string {
  const units: [number, string][] = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
  ];
  for (const [size, name] of units) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return n === 1 ? `a${name === "hour" ? "n" : ""} ${name}` : `${n} ${name}s`;
    }
  }
  return `${Math.max(1, Math.round(seconds / 60))} minutes`;
}

/** A guest session's two limits: "2 hours without activity", "a day after it started". */
export const guestLimits = () => ({
  idle: `${duration(config().guestIdleTimeout)} without activity`,
  absolute: `${duration(config().guestSessionTtl)} after it started`,
});
