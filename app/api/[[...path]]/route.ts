import { errorJson } from "@/lib/server/http";

// Any /api path no route answers: the API's JSON 404, for every method (Next's own is a page).
async function notFound(request: Request) {
  return errorJson("not_found", `There is no API route at ${new URL(request.url).pathname}.`);
}

export {
  notFound as GET,
  notFound as HEAD,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
  notFound as OPTIONS,
};
