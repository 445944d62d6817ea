import { DomainError } from "../errors";

// A request's body, read as a JSON route needs it (readJson, ./http.ts): bounded in size, whole
// (a body its client stopped sending is the client's fault, not the server's), and well-formed
// text. Nothing here needs Next, so the unit tests read bodies with it directly.

/** No route takes more than a few kilobytes; a bigger body is refused before it is read whole. */
const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = () =>
  new DomainError(
    "payload_too_large",
    `The body is larger than ${MAX_BODY_BYTES / 1024} KB; no request here needs that much.`,
  );

export async function readBody(request: Request): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await bodyBytes(request);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // The client closed the connection before the body's end: nobody reads the answer, and it is
    // not the server's error to log.
    throw new DomainError("bad_request", "The body ended before it was complete.");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError("invalid_unicode", "The body is not valid UTF-8.");
  }
}

async function bodyBytes(request: Request): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (Number(declared ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return new Uint8Array();
  if (declared !== null) return new Uint8Array(await request.arrayBuffer()); // Node's parser reads no more than declared
  // Chunked: counted as it arrives, so an endless body is cut off.
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

// Control characters other than tab, line feed and carriage return.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const wellFormedText = (text: string) => text.isWellFormed() && !CONTROL.test(text);

/** Every string and key well-formed; iterative, so a deeply nested body cannot overflow the stack. */
export function wellFormedStrings(root: unknown): boolean {
  const pending = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (!wellFormedText(value)) return false;
    } else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        if (!wellFormedText(key)) return false;
        pending.push(inner);
      }
    }
  }
  return true;
}
