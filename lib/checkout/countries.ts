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

/** The US states and the District of Columbia (USPS codes): the US address's "State". */
export const US_STATES: Record<string, string> = {
  AL: "Alabama",
  AK: "Alaska",
  AZ: "Arizona",
  AR: "Arkansas",
  CA: "California",
  CO: "Colorado",
  CT: "Connecticut",
  DE: "Delaware",
  DC: "District of Columbia",
  FL: "Florida",
  GA: "Georgia",
  HI: "Hawaii",
  ID: "Idaho",
  IL: "Illinois",
  IN: "Indiana",
  IA: "Iowa",
  KS: "Kansas",
  KY: "Kentucky",
  LA: "Louisiana",
  ME: "Maine",
  MD: "Maryland",
  MA: "Massachusetts",
  MI: "Michigan",
  MN: "Minnesota",
  MS: "Mississippi",
  MO: "Missouri",
  MT: "Montana",
  NE: "Nebraska",
  NV: "Nevada",
  NH: "New Hampshire",
  NJ: "New Jersey",
  NM: "New Mexico",
  NY: "New York",
  NC: "North Carolina",
  ND: "North Dakota",
  OH: "Ohio",
  OK: "Oklahoma",
  OR: "Oregon",
  PA: "Pennsylvania",
  RI: "Rhode Island",
  SC: "South Carolina",
  SD: "South Dakota",
  TN: "Tennessee",
  TX: "Texas",
  UT: "Utah",
  VT: "Vermont",
  VA: "Virginia",
  WA: "Washington",
  WV: "West Virginia",
  WI: "Wisconsin",
  WY: "Wyoming",
};

export const isUsState = (code: string) => Object.hasOwn(US_STATES, code);

type Address = {
  line1: string;
  line2?: string | null;
  city: string;
  /** A state, province or prefecture, where the address has one. */
  region?: string | null;
  postalCode: string;
  country: string;
};

/** Where the postal code goes: after the city (US, CA, AU, NZ), on a line of its own (GB, IE), before it (the rest). */
const CITY_THEN_CODE = new Set(["US", "CA", "AU", "NZ"]);
const CODE_ON_ITS_OWN_LINE = new Set(["GB", "IE"]);

/** An address's lines as that country's post writes them ("Springfield, IL 62704" in the US, "10115 Berlin" in Germany). */
export function addressLines(a: Address): string[] {
  const place = CODE_ON_ITS_OWN_LINE.has(a.country)
    ? [a.city, a.region ?? "", a.postalCode]
    : CITY_THEN_CODE.has(a.country)
      ? [a.region ? `${a.city}, ${a.region} ${a.postalCode}` : `${a.city} ${a.postalCode}`]
      : a.country === "JP"
        ? [`〒${a.postalCode} ${a.city}`]
        : [`${a.postalCode} ${a.city}`, a.region ?? ""];
  return [a.line1, a.line2 ?? "", ...place, COUNTRIES[a.country] ?? a.country].filter(Boolean);
}
