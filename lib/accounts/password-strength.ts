import { ZxcvbnFactory, type Score } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";
import * as zxcvbnEn from "@zxcvbn-ts/language-en";

// Password strength, shared by the server (lib/accounts/passwords.ts, the authority) and the sign-up form's
// meter (components/password-strength.tsx, a hint that imports this module lazily).
// No server-only code here: no node imports, no argon2.

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
/** zxcvbn score (0–4) a password needs: 3 is "safely unguessable" against online attacks. */
export const MIN_PASSWORD_SCORE = 3;

/**
 * How many characters zxcvbn judges (its `maxLength`): the first 64. Its matchers try every substring against every
 * dictionary and every l33t reading, so its cost grows faster than the length, and zxcvbn-ts itself
 * advises limiting the input it is given: a 200-character adversarial password cost several times a
 * 64-character one, on the thread that serves requests. A prefix can only be easier to guess than
 * the whole password, so a password strong on its first 64 characters is strong; the rules before
 * zxcvbn (spaces, the e-mail) still read all of it, and cheaply.
 */
export const JUDGED_LENGTH = 64;

export const TOO_SHORT = `Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`;
export const TOO_LONG = `Use at most ${MAX_PASSWORD_LENGTH} characters for your password.`;

const HARDER = "choose something harder to guess.";
const SENTENCES = {
  onlySpaces: `That password is only spaces; ${HARDER}`,
  mostlySpaces: `That password is mostly spaces; ${HARDER}`,
  fromEmail: "That password is built from your e-mail address; choose one that has nothing to do with it.",
  repeatsOne: `That password repeats one character; ${HARDER}`,
  repeatsPattern: `That password repeats a short pattern; ${HARDER}`,
  sequence: `That password is a sequence like “abcdef” or “123456”; ${HARDER}`,
  keyboard: `That password is a keyboard pattern like “qwerty”; ${HARDER}`,
  common: `That password is too common; ${HARDER}`,
  nearlyCommon: `That password is too close to a common password; ${HARDER}`,
  oneWord: "That password is a single common word; add a few more unrelated words.",
  names: `That password is mostly a common name; ${HARDER}`,
  dates: `That password leans on a date or year, which is easy to guess; ${HARDER}`,
  guessable: "That password is too easy to guess; add a few more unrelated words or characters.",
} as const;

// zxcvbn's feedback warnings (left as keys: no translations are loaded) mapped to our sentences.
const WARNINGS: Record<string, string> = {
  simpleRepeat: SENTENCES.repeatsOne,
  extendedRepeat: SENTENCES.repeatsPattern,
  sequences: SENTENCES.sequence,
  straightRow: SENTENCES.keyboard,
  keyPattern: SENTENCES.keyboard,
  topTen: SENTENCES.common,
  topHundred: SENTENCES.common,
  common: SENTENCES.common,
  pwned: SENTENCES.common,
  similarToCommon: SENTENCES.nearlyCommon,
  wordByItself: SENTENCES.oneWord,
  namesByThemselves: SENTENCES.names,
  commonNames: SENTENCES.names,
  recentYears: SENTENCES.dates,
  dates: SENTENCES.dates,
  userInputs: SENTENCES.fromEmail,
};

// Building the ranked dictionaries takes a few hundred milliseconds: do it once, on first use.
let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  return (estimator ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    // No translations: feedback comes back as keys, which WARNINGS turns into our own sentences.
    // Speed, since the server checks on every sign-up and the meter on every keystroke: the defaults
    // took 0.3–3 s for long passwords. l33t matching dominates (10 substitutions still catch "p@ssw0rd"),
    // and only the first JUDGED_LENGTH characters are estimated (zxcvbn cuts the rest off itself).
    // No Levenshtein matching either: it makes each check 20–50× slower.
    l33tMaxSubstitutions: 10,
    maxLength: JUDGED_LENGTH,
  }));
}

const SEPARATORS = /[._+-]+/g;
const WHITESPACE = /\s+/g;

/** The e-mail, its local part, and the local part's pieces (split on . _ - +), as zxcvbn user inputs. */
export function inputsFromEmail(email: string): string[] {
  const address = email.trim().toLowerCase();
  if (!address) return [];
  const at = address.lastIndexOf("@");
  const local = at >= 0 ? address.slice(0, at) : address;
  const pieces = local.split(SEPARATORS).filter((piece) => piece.length >= 3);
  return [...new Set([address, local, local.replace(SEPARATORS, ""), ...pieces].filter((s) => s.length > 0))];
}

/** True when the password (lower-cased, whitespace removed) contains the local part of an e-mail among the inputs. */
function containsEmailLocalPart(password: string, userInputs: string[]): boolean {
  const compact = password.toLowerCase().replace(WHITESPACE, "");
  const bare = compact.replace(SEPARATORS, "");
  return userInputs.some((input) => {
    const at = input.lastIndexOf("@");
    if (at < 0) return false;
    const local = input.slice(0, at).trim().toLowerCase();
    const bareLocal = local.replace(SEPARATORS, "");
    return (local.length >= 4 && compact.includes(local)) || (bareLocal.length >= 4 && bare.includes(bareLocal));
  });
}

export type PasswordEstimate = {
  /** zxcvbn score, 0 (trivial) to 4 (very hard to guess); 0 when a rule refuses the password before zxcvbn runs. */
  score: Score;
  /** Why the password is refused, as a sentence for a person; null when it is fine. */
  problem: string | null;
};

/**
 * Checks a new password: length, whitespace, the e-mail it belongs to, then zxcvbn (repeats,
 * sequences, keyboard walks, common passwords and words, the user inputs).
 */
export function estimatePassword(password: string, userInputs: string[] = []): PasswordEstimate {
  const refuse = (problem: string): PasswordEstimate => ({ score: 0, problem });
  if (password.length < MIN_PASSWORD_LENGTH) return refuse(TOO_SHORT);
  if (password.length > MAX_PASSWORD_LENGTH) return refuse(TOO_LONG); // before zxcvbn: its cost grows with length
  const visible = password.replace(WHITESPACE, "");
  if (visible.length === 0) return refuse(SENTENCES.onlySpaces);
  if (visible.length * 2 <= password.length) return refuse(SENTENCES.mostlySpaces);
  if (containsEmailLocalPart(password, userInputs)) return refuse(SENTENCES.fromEmail);

  // zxcvbn takes a run of spaces between words as random characters, which overrates things like
  // "a b c d e f g"; an attacker tries the words without them, so the weaker of the two counts.
  let result = zxcvbn().check(password, userInputs);
  if (visible !== password) {
    const squeezed = zxcvbn().check(visible, userInputs);
    if (squeezed.guesses < result.guesses) result = squeezed;
  }
  if (result.score >= MIN_PASSWORD_SCORE) return { score: result.score, problem: null };
  const warning = result.feedback.warning;
  return { score: result.score, problem: (warning && WARNINGS[warning]) || SENTENCES.guessable };
}

/** Why the password is refused, as a sentence for a person, or null when it is fine. */
export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  return estimatePassword(password, userInputs).problem;
}
