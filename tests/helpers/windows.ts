/** Limits count in fixed one-minute windows: waits for the next one unless `ms` are left in this one. */
export async function windowWithRoomFor(ms: number) {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < ms) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
