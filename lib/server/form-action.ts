import "server-only";
import { refresh } from "next/cache";
import { z } from "zod";
import { failed, ok, type ActionState } from "../action-state";
import type { Ctx } from "../context";
import { explainEnd, type SessionEnd } from "../session/session";
import { withContext } from "./context";

// Every form's server action, in one shape: read the form, validate it (every field's problem
// at once), run one domain call with the request's context, refresh the page when asked, and
// answer with an ActionState. A server action is a public endpoint: a client may call it with
// any arguments at all (`[null, 5]`), which reads as an empty form, refused with sentences.

/** Fields whose typed value never goes back to the browser: passwords, card numbers and codes. */
const SECRET_FIELD = /password|^card\.(number|cvc)$/i;

/** Fields read as whole numbers ("" and junk become NaN, which validation refuses). */
const NUMBER_FIELDS = new Set(["quantity"]);

type Fields = { [key: string]: string | number | Fields };

/**
 * The form as an object: `address.city` becomes `{ address: { city } }`, an empty field is left
 * out (so it reads as missing), NUMBER_FIELDS become numbers.
 */
export function formFields(form: FormData): Fields {
  const fields: Fields = {};
  for (const [name, value] of form.entries()) {
    // Names starting with $ are React's own (the action reference of a form sent without JavaScript).
    if (typeof value !== "string" || name.startsWith("$") || (value === "" && !NUMBER_FIELDS.has(name))) continue;
    const path = name.split(".");
    let node = fields;
    for (const key of path.slice(0, -1)) node = (typeof node[key] === "object" ? node[key] : (node[key] = {})) as Fields;
    node[path.at(-1)!] = NUMBER_FIELDS.has(name) ? (value.trim() === "" ? Number.NaN : Number(value)) : value;
  }
  return fields;
}

/** What the visitor typed, to refill the form after an error (secrets left out). */
const typedValues = (form: FormData) =>
  Object.fromEntries([...form.entries()].filter(([name, value]) => typeof value === "string" && !SECRET_FIELD.test(name)) as [string, string][]);

type Options = {
  /** Shapes the form's fields before validation, where the form and the schema differ. */
  read?: (fields: Fields) => unknown;
  /** Renders the page again after a success (what it shows has changed). */
  refresh?: boolean;
};

/**
 * A server action for `useActionState`: `run` gets the context and the valid input, and returns
 * the success sentence (or a whole state). It may also redirect.
 */
export function formAction<S extends z.ZodType>(
  schema: S,
  run: (ctx: Ctx, input: z.infer<S>) => Promise<string | ActionState>,
  options: Options = {},
): (previous: ActionState, form: FormData) => Promise<ActionState> {
  return async (_previous, form) => {
    const data = form instanceof FormData ? form : new FormData();
    let result: string | ActionState;
    let ended: SessionEnd | null = null;
    try {
      const input = schema.parse((options.read ?? ((f) => f))(formFields(data)));
      result = await withContext((ctx) => {
        ended = ctx.endedSession; // a failure because the session is gone says why it is gone
        return run(ctx, input);
      });
    } catch (error) {
      return failed(explainEnd(error, ended), typedValues(data));
    }
    if (options.refresh) refresh();
    return typeof result === "string" ? ok(result) : result;
  };
}

/** A form with no fields (a button): the same, without validation. */
export const buttonAction = (run: (ctx: Ctx) => Promise<string | ActionState>, options: Omit<Options, "read"> = {}) =>
  formAction(z.unknown(), (ctx) => run(ctx), options);
