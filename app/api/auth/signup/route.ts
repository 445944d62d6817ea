import { signUp, signupInput } from "@/lib/accounts";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/http";

export async function POST(request: Request) {
  return handle(async () => json(await signUp(await readJson(request, signupInput)), 201));
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
