"use server";

import { redirect } from "next/navigation";
import { logIn, loginInput, type CartChoicePreview } from "@/lib/accounts";
import { welcomePath } from "@/lib/migration";
import { type ActionState, failed, formOf } from "@/lib/action-state";

export type LoginState = ActionState & { preview?: CartChoicePreview };

export async function logInAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  form = formOf(form);
  const values = { email: String(form.get("email") ?? "") };
  let landing = "/account?welcome=1";
  try {
    const input = loginInput.parse({
      email: form.get("email"),
      password: form.get("password"),
      cartChoice: form.get("cartChoice") || undefined,
    });
    const result = await logIn(input, { askForCartChoice: true });
    if ("needsCartChoice" in result) {
      return {
        status: "idle",
        message: "You have a cart here and one in your account. Choose what to do with them, then log in.",
        values,
        preview: result.needsCartChoice,
      };
    }
    landing = welcomePath(result.migration);
  } catch (error) {
    return failed(error, values);
  }
  redirect(landing);
}
