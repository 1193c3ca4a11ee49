/**
 * Time zones as calendar writers name them, resolved the way their readers do:
 *
 * 1. an IANA name (also behind a vendor prefix: "/mozilla.org/20050126_1/Europe/Berlin");
 * 2. a Windows zone name ("W. Europe Standard Time"), through CLDR's mapping (windows-iana);
 * 3. the file's own VTIMEZONE (for names no database knows), from its RRULE and RDATE
 *    transitions (vtimezone.ts);
 * 4. an Outlook display name ("(UTC-05:00) Eastern Time (US & Canada)"), by its offset and its
 *    list of places;
 *
 * and otherwise refused, naming the line and the zone: a guess would shift every event by hours.
 */
import { IANAZone } from 'luxon';
import { WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { IcsError, first, type Comp } from './parse.ts';
import type { Budget } from './budget.ts';
import { DAY } from './values.ts';
import { vtimezoneZone } from './vtimezone.ts';

export interface Zone {
	/** An IANA name to show the time in (for a file-defined zone, the fallback zone's). */
	readonly name: string;
	/** UTC offset in ms at an instant. */
	offset(instant: number): number;
}

export const toWall = (z: Zone, instant: number): number => instant + z.offset(instant);

/**
 * The instant a wall reading means in `z`: in a gap (spring forward) the offset before the gap
 * (RFC 5545 3.3.5), in an overlap the first of the two. Same method as luxon's.
 */
export function toInstant(z: Zone, wall: number): number {
	const o1 = z.offset(wall);
	const guess = wall - o1;
	const o2 = z.offset(guess);
	if (o1 === o2) {
		// In an overlap both readings are right; take the earlier one.
		const o3 = z.offset(guess - 3_600_000 * 3);
		if (o3 > o1 && z.offset(wall - o3) === o3) return wall - o3;
		return guess;
	}
	const guess2 = wall - o2;
	const o3 = z.offset(guess2);
	if (o2 === o3) return guess2;
	return wall - Math.min(o2, o3);
}

export const UTC: Zone = { name: 'UTC', offset: () => 0 };

/** A fixed offset (used for display names and tests). */
export const fixedZone = (name: string, offset: number): Zone => ({ name, offset: () => offset });

const ianaCache = new Map<string, Zone | null>();

/** An IANA zone, with offsets cached per 15 minutes (every transition since 1970 falls on one). */
export function ianaZone(name: string): Zone | null {
	const hit = ianaCache.get(name);
	if (hit !== undefined) return hit;
	let zone: Zone | null = null;
	if (name.length <= 64 && /^[A-Za-z0-9_+\-/]+$/.test(name) && IANAZone.isValidZone(name)) {
		const luxonZone = IANAZone.create(name);
		const canonical = luxonZone.name;
		const cache = new Map<number, number>();
		zone = {
			name: canonical,
			offset(instant) {
				const slot = Math.floor(instant / 900_000);
				let o = cache.get(slot);
				if (o === undefined) {
					o = luxonZone.offset(slot * 900_000) * 60_000;
					if (cache.size > 50_000) cache.clear();
					cache.set(slot, o);
				}
				return o;
			}
		};
	}
	if (ianaCache.size > 1000) ianaCache.clear();
	ianaCache.set(name, zone);
	return zone;
}

const windowsIndex = new Map<string, string>();
for (const { windowsName, territory, iana } of WINDOWS_TO_IANA_MAP) {
	// CLDR's territory "001" names the zone a Windows name stands for by default.
	const first = iana[0];
	if (territory === '001' && first) windowsIndex.set(windowsName.toLowerCase(), first);
}

/** A Windows zone name's IANA zone (CLDR's territory "001" choice). */
export function windowsZone(name: string): Zone | null {
	const iana = windowsIndex.get(name.trim().toLowerCase());
	return iana ? ianaZone(iana) : null;
}

const CONTINENTS = [
	'Europe',
	'America',
	'Asia',
	'Africa',
	'Australia',
	'Pacific',
	'Atlantic',
	'Indian'
];

let cityIndex: Map<string, string[]> | null = null;
function zonesForCity(city: string): string[] {
	if (!cityIndex) {
		cityIndex = new Map();
		for (const z of Intl.supportedValuesOf('timeZone')) {
			const last = z.split('/').at(-1)?.toLowerCase().replace(/_/g, ' ') ?? '';
			cityIndex.set(last, [...(cityIndex.get(last) ?? []), z]);
		}
	}
	return cityIndex.get(city.toLowerCase()) ?? [];
}

/** The lower of a zone's January and July offsets (its standard time; DST never lowers it). */
function standardOffset(z: Zone, year: number): number {
	return Math.min(z.offset(Date.UTC(year, 0, 15)), z.offset(Date.UTC(year, 6, 15)));
}

/**
 * "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna" or "(GMT-05.00) Eastern Time
 * (US & Canada)": the first named place (or "X Time" → Windows "X Standard Time") whose zone has
 * that standard offset.
 */
export function displayNameZone(name: string, year: number): Zone | null {
	const m = /^\((?:UTC|GMT)(?:\s*([+-])(\d{1,2})[:.]?(\d{2}))?\)\s*(.+)$/i.exec(name.trim());
	if (!m) return null;
	const offset = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
	const places = (m[4] ?? '').split(/,|\band\b/);
	const fits = (z: Zone | null) => z !== null && standardOffset(z, year) === offset;
	for (const raw of places) {
		const place = raw.replace(/\(.*?\)/g, '').trim();
		if (!place) continue;
		const candidates = [
			windowsZone(place.replace(/\bTime$/i, 'Standard Time')),
			windowsZone(`${place} Standard Time`),
			...zonesForCity(place).map(ianaZone),
			// ICU lists some zones under older names (Asia/Calcutta), so try the current ones too.
			...CONTINENTS.map((c) => ianaZone(`${c}/${place.replace(/ /g, '_')}`))
		];
		const found = candidates.find(fits);
		if (found) return found;
	}
	if (offset === 0 && /coordinated universal time|\butc\b/i.test(m[4] ?? '')) return UTC;
	return null;
}

/** IANA name, maybe behind a vendor prefix ("/mozilla.org/20050126_1/America/New_York"). */
export function ianaLike(name: string): Zone | null {
	const trimmed = name.trim();
	const direct = ianaZone(trimmed);
	if (direct) return direct;
	if (/^(utc|gmt|z)$/i.test(trimmed)) return UTC;
	const parts = trimmed.split('/').filter((s) => s !== '');
	for (let i = 0; i < parts.length; i++) {
		const z = ianaZone(parts.slice(i).join('/'));
		if (z) return z;
	}
	return null;
}

/** Resolves TZIDs for one calendar, each once. */
export class ZoneResolver {
	private readonly cache = new Map<string, Zone | null>();
	private readonly defs = new Map<string, Comp>();
	private readonly fallbackName: string;
	private readonly untilWall: number;
	private readonly budget: Budget;
	constructor(calendar: Comp, fallbackName: string, untilWall: number, budget: Budget) {
		this.fallbackName = fallbackName;
		this.untilWall = untilWall;
		this.budget = budget;
		for (const c of calendar.children) {
			if (c.name !== 'VTIMEZONE') continue;
			const tzid = first(c, 'TZID')?.value.trim();
			// A nameless VTIMEZONE cannot be referred to: ignore it, as every client does.
			if (tzid && !this.defs.has(tzid)) this.defs.set(tzid, c);
		}
	}

	/** The zone for a TZID, or null when nothing resolves it. */
	tryResolve(tzid: string): Zone | null {
		const hit = this.cache.get(tzid);
		if (hit !== undefined) return hit;
		let zone = ianaLike(tzid) ?? windowsZone(tzid);
		const def = zone ? undefined : this.defs.get(tzid);
		if (def) zone = vtimezoneZone(def, this.fallbackName, this.untilWall, this.budget);
		zone ??= displayNameZone(tzid, new Date(this.untilWall).getUTCFullYear());
		if (this.cache.size < 1000) this.cache.set(tzid, zone);
		return zone;
	}

	resolve(tzid: string, line: number): Zone {
		const z = this.tryResolve(tzid);
		if (!z)
			throw new IcsError(
				line,
				`the time zone "${tzid.slice(0, 60)}" is not defined in the file and is not a known zone name`
			);
		return z;
	}
}

export { DAY };
