"use server";

import { redirect } from "next/navigation";
import { signUp, signupInput } from "@/lib/accounts";
import { failed, type ActionState } from "@/lib/action-state";

export async function signUpAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = { email: String(form.get("email") ?? "") };
  let moved = false;
  try {
    const { migration } = await signUp(signupInput.parse({ email: form.get("email"), password: form.get("password") }));
    moved = migration !== null;
  } catch (error) {
    return failed(error, values);
  }
  redirect(moved ? "/cart?welcome=1" : "/account?welcome=1");
}
