"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { landingPath, signUp } from "@/lib/accounts/accounts";
import { formAction } from "@/lib/server/form-action";

// The fields go to signUp as they are: it judges them (signupInput) after the sign-up limit has
// counted the attempt, and its refusals come back as each field's sentence all the same.
export const signUpAction = formAction(z.unknown(), async (ctx, fields) => {
  redirect(landingPath(await signUp(ctx, fields)));
});
