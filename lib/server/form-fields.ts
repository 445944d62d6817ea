import { invalid } from "../errors";

// A form's fields as the form wrapper (./form-action.ts) reads them. Nothing here needs Next, so
// the unit tests read forms with it directly.

/**
 * Fields whose typed value never goes back to the browser: passwords, card numbers and codes. A
 * card number sent back would sit in the page's HTML (history, back/forward cache), and even its
 * last four digits would be a card's data in a page: the page says to type it again instead.
 */
const SECRET_FIELD = /password|^card\.(number|cvc)$/i;

/** Fields read as whole numbers ("" and junk become NaN, which validation refuses). */
const NUMBER_FIELDS = new Set(["quantity"]);

export type Fields = { [key: string]: string | number | Fields };

/** More fields or deeper names than any form here has are a mistake or an attack on the parser. */
const MAX_FIELDS = 100;
const MAX_DEPTH = 3;
/** Name segments that would reach an object's prototype if they were ever assigned as keys. */
const PROTOTYPE_WORDS = new Set(["__proto__", "prototype", "constructor"]);

/** Names starting with $ are React's own (the action reference of a form sent without JavaScript). */
const isOwnField = (name: string, value: FormDataEntryValue) => typeof value === "string" && !name.startsWith("$");

/**
 * The form as an object: `address.city` becomes `{ address: { city } }`, an empty field is left
 * out (so it reads as missing), NUMBER_FIELDS become numbers. A form is attacker-shaped input:
 * every object is built without a prototype, and a name that could reach one (`__proto__.x`,
 * `constructor.prototype.x`), an empty segment, too many fields or too deep a name is refused
 * with a sentence before anything is built.
 */
export function formFields(form: FormData): Fields {
  const entries = [...form.entries()];
  if (entries.length > MAX_FIELDS)
    throw invalid(`A form sends at most ${MAX_FIELDS} fields; this one sent ${entries.length}.`);
  const fields: Fields = Object.create(null);
  for (const [name, value] of entries) {
    if (!isOwnField(name, value)) continue;
    const path = name.split(".");
    if (path.length > MAX_DEPTH || path.some((key) => key === "" || PROTOTYPE_WORDS.has(key))) {
      throw invalid(`This form has no field named ${JSON.stringify(name.slice(0, 64))}.`);
    }
    if (value === "" && !NUMBER_FIELDS.has(name)) continue;
    let node = fields;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      node = (typeof next === "object" ? next : (node[key] = Object.create(null))) as Fields;
    }
    node[path.at(-1)!] = NUMBER_FIELDS.has(name)
      ? (value as string).trim() === ""
        ? Number.NaN
        : Number(value)
      : (value as string);
  }
  return fields;
}

/** What the visitor typed, to refill the form after an error (secrets left out). */
// A plain object (React sends no null-prototype object to the browser), so a name that could
// reach a prototype is left out rather than assigned.
export const typedValues = (form: FormData): Record<string, string> =>
  Object.fromEntries(
    [...form.entries()]
      .slice(0, MAX_FIELDS)
      .filter(
        ([name, value]) =>
          isOwnField(name, value) &&
          !SECRET_FIELD.test(name) &&
          !name.split(".").some((key) => PROTOTYPE_WORDS.has(key)),
      ),
  ) as Record<string, string>;

/** The secret fields that were filled in: not refilled, so a page that comes back without them asks for them again. */
export const secretsTyped = (form: FormData): string[] =>
  [...form.entries()]
    .slice(0, MAX_FIELDS)
    .filter(([name, value]) => isOwnField(name, value) && SECRET_FIELD.test(name) && value !== "")
    .map(([name]) => name);
