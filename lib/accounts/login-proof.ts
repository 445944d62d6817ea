import { sealData, unsealData } from "iron-session";
import { hashToken } from "../ids";
import { sealPasswords } from "../session/seal";

// Log-in with two carts takes two steps: the password, then the cart choice. The password is
// never sent back to the page, so without JavaScript the second step would ask for it again.
// Instead the first step answers with this proof, sealed like the session cookie: this guest
// session typed this account's right password a moment ago. It holds for PROOF_SECONDS, only
// from the same guest session (which the log-in then converts, so it works once), and only
// while the password is the same one.

const PROOF_SECONDS = 10 * 60;
const PURPOSE = "login_cart_choice";

type Proof = { purpose: typeof PURPOSE; userId: string; guestSessionId: string; password: string };

/** A password hash's fingerprint: changes when the password does, and tells nothing of it. */
const fingerprint = (passwordHash: string) => hashToken(passwordHash).slice(0, 32);

export const sealLoginProof = (user: { id: string; passwordHash: string }, guestSessionId: string) =>
  sealData(
    { purpose: PURPOSE, userId: user.id, guestSessionId, password: fingerprint(user.passwordHash) } satisfies Proof,
    {
      password: sealPasswords(),
      ttl: PROOF_SECONDS,
    },
  );

/** The account the proof vouches for, or null: forged, expired, another session's, or the password changed since. */
export async function openLoginProof<U extends { id: string; passwordHash: string }>(
  proof: string,
  guestSessionId: string,
  findUser: (id: string) => Promise<U | null>,
): Promise<U | null> {
  const data = await unsealData<Partial<Proof>>(proof, { password: sealPasswords(), ttl: PROOF_SECONDS }).catch(
    () => ({}) as Partial<Proof>,
  );
  if (data.purpose !== PURPOSE || data.guestSessionId !== guestSessionId || !data.userId) return null;
  const user = await findUser(data.userId);
  return user && fingerprint(user.passwordHash) === data.password ? user : null;
}
