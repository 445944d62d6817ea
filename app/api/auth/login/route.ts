import { logIn, loginInput } from "@/lib/accounts";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/http";

export async function POST(request: Request) {
  return handle(async () => json(await logIn(await readJson(request, loginInput))));
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
