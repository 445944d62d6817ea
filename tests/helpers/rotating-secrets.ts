// Two session secrets, newest first: "new" seals, both unseal. Import before ./test-db.
export const NEW_SECRET = "new-secret-new-secret-new-secret-0001";
export const OLD_SECRET = "old-secret-old-secret-old-secret-0001";
process.env.SESSION_SECRET = `${NEW_SECRET},${OLD_SECRET}`;
