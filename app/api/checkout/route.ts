import { checkOut, checkoutInput } from "@/lib/checkout";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/http";

export async function POST(request: Request) {
  return handle(async () => json({ order: await checkOut(await readJson(request, checkoutInput)) }, 201));
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
