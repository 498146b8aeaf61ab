import { resolve } from "node:path";
import { dataDir, noJs, readCsv } from "./support";

// Real places for the flows: IPEDS institutions with a website (each project claims its own
// row, so the js and no-js runs never collide) and GeoNames ZIP centroids.

export type Institution = { unitid: string; name: string; domain: string; state: string; lat: number; lon: number };

/** A web address's host as Bayline reads it: lower case, without the scheme or `www.`. */
export function hostOf(website: string): string {
  return website.trim().toLowerCase().replace(/^[a-z]+:\/\//, "").split(/[/?#:]/)[0].replace(/^(www\.)+/, "");
}

/** The IPEDS programs whose instructors are verified at once: a `.edu` web host that no
 * other institution of HD2024 lists (shared hosts such as a chain's wait for an admin). */
export function claimableInstitutions(): Institution[] {
  const hosts = new Map<string, number>();
  for (const r of readCsv(resolve(dataDir, "ipeds/hd2024.csv"))) {
    const host = r.WEBADDR ? hostOf(r.WEBADDR) : "";
    if (host) hosts.set(host, (hosts.get(host) ?? 0) + 1);
  }
  return readCsv(resolve(dataDir, "ipeds/automotive_programs.csv"))
    .filter((r) => r.WEBSITE && hostOf(r.WEBSITE).endsWith(".edu") && hosts.get(hostOf(r.WEBSITE)) === 1)
    .map((r) => ({
      unitid: r.UNITID,
      name: r.NAME,
      domain: hostOf(r.WEBSITE),
      state: r.STATE,
      lat: Number(r.LAT),
      lon: Number(r.LON),
    }));
}

/** The claimable IPEDS program at `jsRow` (js project) or `noJsRow` (no-js). */
export function institutionForThisProject(jsRow: number, noJsRow: number): Institution {
  return claimableInstitutions()[noJs() ? noJsRow : jsRow];
}

/** Great-circle miles (haversine, mean Earth radius). */
export function miles(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * 3958.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The real ZIP in the institution's state whose centroid is nearest to 20 miles away. */
export function zipAbout20MilesFrom(place: Institution): { zip: string; city: string; distance: number } {
  const zips = readCsv(resolve(dataDir, "zip/us_zip_centroids_geonames.csv")).filter((z) => z.STATE === place.state);
  const scored = zips.map((z) => ({
    zip: z.ZIP,
    city: z.CITY,
    distance: miles(place.lat, place.lon, Number(z.LAT), Number(z.LON)),
  }));
  scored.sort((a, b) => Math.abs(a.distance - 20) - Math.abs(b.distance - 20));
  return scored[0];
}

/** An ISO date `offset` days from today. */
export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A `yyyy-mm-dd` date as pages write it: "Mon 24 May 2027". */
export function dayInWords(iso: string): string {
  const date = new Date(`${iso}T12:00:00Z`);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${days[date.getUTCDay()]} ${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
