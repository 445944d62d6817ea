import "server-only";
import { refresh } from "next/cache";
import { z } from "zod";
import { failed, ok, type ActionState } from "../action-state";
import type { Ctx } from "../session/context";
import { explainEnd } from "../session/end";
import { type SessionEnd } from "../session/types";
import { withContext } from "./context";
import { formFields, secretsTyped, typedValues, type Fields } from "./form-fields";

// Every form's server action, in one shape: read the form (./form-fields.ts), validate it (every field's problem
// at once), run one domain call with the request's context, refresh the page when asked, and
// answer with an ActionState. A server action is a public endpoint: a client may call it with
// any arguments at all (`[null, 5]`), which reads as an empty form, refused with sentences.

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
      return failed(explainEnd(error, ended), typedValues(data), secretsTyped(data));
    }
    if (options.refresh) refresh();
    return typeof result === "string" ? ok(result) : result;
  };
}

/** A form with no fields (a button): the same, without validation. */
export const buttonAction = (run: (ctx: Ctx) => Promise<string | ActionState>, options: Omit<Options, "read"> = {}) =>
  formAction(z.unknown(), (ctx) => run(ctx), options);
