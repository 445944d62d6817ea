"use server";

import { redirect } from "next/navigation";
import { signUp, signupInput } from "@/lib/accounts";
import { welcomePath } from "@/lib/migration";
import { type ActionState, failed, formOf } from "@/lib/action-state";

export async function signUpAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = formOf(form);
  const values = { email: String(form.get("email") ?? "") };
  let landing = "/account?welcome=1";
  try {
    const { migration } = await signUp(signupInput.parse({ email: form.get("email"), password: form.get("password") }));
    landing = welcomePath(migration);
  } catch (error) {
    return failed(error, values);
  }
  redirect(landing);
}
