/**
 * The host-calendar corrections the app ships (`data/host-calendar-corrections.json`), parsed once
 * and indexed by country. They sit between the defaults (CLDR weekends, date-holidays) and a
 * location's own calendar in the plan. Pure: the table is a JSON import, like the seed.
 */
import { z } from 'zod';
import table from '../../../data/host-calendar-corrections.json' with { type: 'json' };
import zoneTable from '../../../data/host-calendar-zones.json' with { type: 'json' };
import { epochDay } from './intervals.ts';
import { PlainDate, Weekday } from './schema.ts';

const Base = {
	country: z.string().regex(/^[A-Z]{2}$/),
	/** Only for this subdivision (ISO 3166-2 suffix); absent: the whole country. */
	region: z.string().max(10).optional(),
	date: PlainDate,
	source: z.url({ protocol: /^https?$/ }),
	/** The official document, when the link is to a site rather than the document itself. */
	document: z.string().max(500).optional(),
	checkedOn: PlainDate,
	verified: z.string().min(1).max(500)
};

export const CorrectionRow = z.discriminatedUnion('kind', [
	z.object({ ...Base, kind: z.literal('add'), name: z.string().min(1).max(200) }),
	z.object({ ...Base, kind: z.literal('remove'), reason: z.string().min(1).max(500) }),
	z.object({ ...Base, kind: z.literal('workday'), reason: z.string().min(1).max(500) }),
	/** The weekend from `date` on (until a later weekend row). */
	z.object({
		...Base,
		kind: z.literal('weekend'),
		reason: z.string().min(1).max(500),
		weekend: z.array(Weekday).max(7)
	})
]);
export type CorrectionRow = z.infer<typeof CorrectionRow>;

export const CorrectionTable = z.object({
	$comment: z.string().optional(),
	reviewed: z.object({
		countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
		years: z.array(z.number().int()),
		how: z.string()
	}),
	corrections: z.array(CorrectionRow).max(5000)
});

/** The shipped table, validated: a broken row fails loudly at start-up and in the tests. */
export const SHIPPED = CorrectionTable.parse(table);
export const SHIPPED_CORRECTIONS: readonly CorrectionRow[] = SHIPPED.corrections;

export type CountryCorrections = {
	/** Weekend rows, oldest first. */
	weekends: { from: number; row: Extract<CorrectionRow, { kind: 'weekend' }> }[];
	add: Map<number, Extract<CorrectionRow, { kind: 'add' }>[]>;
	remove: Map<number, Extract<CorrectionRow, { kind: 'remove' }>>;
	workday: Map<number, Extract<CorrectionRow, { kind: 'workday' }>>;
};

const byCountry = new Map<string, CountryCorrections>();

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
	const at = m.get(k);
	if (at) at.push(v);
	else m.set(k, [v]);
}

/** The shipped corrections that apply to a country (and region), indexed by epoch day. */
export function correctionsFor(country: string, region: string | undefined): CountryCorrections {
	const key = `${country}|${region ?? ''}`;
	let c = byCountry.get(key);
	if (c) return c;
	c = { weekends: [], add: new Map(), remove: new Map(), workday: new Map() };
	for (const row of SHIPPED_CORRECTIONS) {
		if (row.country !== country || (row.region !== undefined && row.region !== region)) continue;
		const day = epochDay(row.date);
		if (row.kind === 'weekend') c.weekends.push({ from: day, row });
		else if (row.kind === 'add') push(c.add, day, row);
		else if (row.kind === 'remove') c.remove.set(day, row);
		else c.workday.set(day, row);
	}
	c.weekends.sort((a, b) => a.from - b.from);
	byCountry.set(key, c);
	return c;
}

const ZONES: Record<string, string> = zoneTable.zones;

/** The country of an IANA zone (`Asia/Kathmandu` → `NP`), or null (`UTC`, unknown). */
export function countryOfZone(zone: string | null): string | null {
	return zone ? (ZONES[zone] ?? null) : null;
}
