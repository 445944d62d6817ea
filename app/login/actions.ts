"use server";

import { redirect } from "next/navigation";
import { logIn, loginInput, type CartChoicePreview } from "@/lib/accounts";
import { failed, type ActionState } from "@/lib/action-state";

export type LoginState = ActionState & { preview?: CartChoicePreview };

export async function logInAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const values = { email: String(form.get("email") ?? "") };
  let moved = false;
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
    moved = result.migration !== null;
  } catch (error) {
    return failed(error, values);
  }
  redirect(moved ? "/cart?welcome=1" : "/account?welcome=1");
}
