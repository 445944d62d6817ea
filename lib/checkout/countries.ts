// Countries the demo shop ships to (ISO 3166-1 alpha-2).
export const COUNTRIES: Record<string, string> = {
  AT: "Austria",
  AU: "Australia",
  BE: "Belgium",
  CA: "Canada",
  CH: "Switzerland",
  DE: "Germany",
  DK: "Denmark",
  ES: "Spain",
  FI: "Finland",
  FR: "France",
  GB: "United Kingdom",
  IE: "Ireland",
  IT: "Italy",
  JP: "Japan",
  NL: "Netherlands",
  NO: "Norway",
  NZ: "New Zealand",
  PL: "Poland",
  PT: "Portugal",
  SE: "Sweden",
  US: "United States",
};

export const isCountry = (code: string) => Object.hasOwn(COUNTRIES, code);

type Address = { line1: string; line2?: string | null; city: string; postalCode: string; country: string };

/** Where the postal code goes: after the city (US, CA, AU, NZ), on a line of its own (GB, IE), before it (the rest). */
const CITY_THEN_CODE = new Set(["US", "CA", "AU", "NZ"]);
const CODE_ON_ITS_OWN_LINE = new Set(["GB", "IE"]);

/** An address's lines as that country's post writes them ("Springfield 12345" in the US, "10115 Berlin" in Germany). */
export function addressLines(a: Address): string[] {
  const place = CODE_ON_ITS_OWN_LINE.has(a.country)
    ? [a.city, a.postalCode]
    : CITY_THEN_CODE.has(a.country)
      ? [`${a.city} ${a.postalCode}`]
      : a.country === "JP"
        ? [`〒${a.postalCode} ${a.city}`]
        : [`${a.postalCode} ${a.city}`];
  return [a.line1, a.line2 ?? "", ...place, COUNTRIES[a.country] ?? a.country].filter(Boolean);
}
