/**
 * The address as rate limits count it: IPv4 as it is (also IPv4-mapped IPv6), IPv6 by its /64,
 * since one client commonly holds a whole /64 and could otherwise take a new address per request.
 */
export function networkOf(ip: string): string {
  const address = ip.replace(/%.*$/, "").toLowerCase(); // no zone id
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(":")) return address;
  const [head, tail] = address.split("::");
  const front = head ? head.split(":") : [];
  const back = tail ? tail.split(":") : [];
  const groups =
    tail === undefined ? front : [...front, ...Array(Math.max(0, 8 - front.length - back.length)).fill("0"), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(":")}::/64`;
}
