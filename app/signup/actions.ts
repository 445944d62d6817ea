"use server";

import { redirect } from "next/navigation";
import { signUp, signupInput } from "@/lib/accounts/accounts";
import { welcomePath } from "@/lib/cart/migration";
import { formAction } from "@/lib/server/form-action";

export const signUpAction = formAction(signupInput, async (ctx, input) => {
  const { migration } = await signUp(ctx, input);
  redirect(welcomePath(migration));
});
