import { checkOut, checkoutInput } from "@/lib/checkout";
import { handle, json, readJson } from "@/lib/http";

export async function POST(request: Request) {
  return handle(async () => json({ order: await checkOut(await readJson(request, checkoutInput)) }, 201));
}
