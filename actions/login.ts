"use server";

import { redirect } from "next/navigation";
import { landingPath, logIn, loginInput, type CartChoicePreview } from "@/lib/accounts/accounts";
import type { ActionState } from "@/lib/action-state";
import { formAction } from "@/lib/server/form-action";

export type LoginState = ActionState & { preview?: CartChoicePreview; proof?: string };

export const logInAction: (previous: LoginState, form: FormData) => Promise<LoginState> = formAction(
  loginInput,
  async (ctx, input) => {
    const result = await logIn(ctx, input, { askForCartChoice: true });
    if ("needsCartChoice" in result) {
      return {
        status: "idle",
        message: "You have a cart here and one in your account. Choose what to do with them, then log in.",
        values: { email: input.email },
        preview: result.needsCartChoice,
        proof: result.proof,
      } satisfies LoginState;
    }
    redirect(landingPath(result));
  },
);
