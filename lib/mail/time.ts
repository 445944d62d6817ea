// A moment as an e-mail says it. A message is read later, somewhere we don't know, and its text
// can't follow the reader's clock: so it names its zone (UTC) rather than leave "14:05" to be
// read as local time: "Thursday, 7 January 2027 at 14:05 UTC".
const FORMAT = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

export const mailTime = (at: Date): string => `${FORMAT.format(at)} UTC`;
