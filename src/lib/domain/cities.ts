/**
 * Cities the date finder knows without the plan naming them as a Location: a host can be "Tokyo"
 * before anyone has added Tokyo to the plan. Zone, country (weekends, holidays) and coordinates
 * (travel) are what the finder needs; the plan's own Locations always win.
 */
import type { Location } from './schema.ts';
import type { PlanIndex } from './plan-index.ts';

export const KNOWN_CITIES: readonly Location[] = [
	{
		id: 'addis-ababa',
		city: 'Addis Ababa',
		country: 'ET',
		zone: 'Africa/Addis_Ababa',
		lat: 9.03,
		lon: 38.74
	},
	{
		id: 'bangkok',
		city: 'Bangkok',
		country: 'TH',
		zone: 'Asia/Bangkok',
		lat: 13.7563,
		lon: 100.5018
	},
	{
		id: 'barcelona',
		city: 'Barcelona',
		country: 'ES',
		region: 'CT',
		zone: 'Europe/Madrid',
		lat: 41.3851,
		lon: 2.1734
	},
	{
		id: 'brussels',
		city: 'Brussels',
		country: 'BE',
		zone: 'Europe/Brussels',
		lat: 50.8503,
		lon: 4.3517
	},
	{ id: 'dubai', city: 'Dubai', country: 'AE', zone: 'Asia/Dubai', lat: 25.2048, lon: 55.2708 },
	{
		id: 'geneva',
		city: 'Geneva',
		country: 'CH',
		region: 'GE',
		zone: 'Europe/Zurich',
		lat: 46.2044,
		lon: 6.1432
	},
	{ id: 'kyoto', city: 'Kyoto', country: 'JP', zone: 'Asia/Tokyo', lat: 35.0116, lon: 135.7681 },
	{ id: 'lagos', city: 'Lagos', country: 'NG', zone: 'Africa/Lagos', lat: 6.5244, lon: 3.3792 },
	{ id: 'manila', city: 'Manila', country: 'PH', zone: 'Asia/Manila', lat: 14.5995, lon: 120.9842 },
	{
		id: 'mexico-city',
		city: 'Mexico City',
		country: 'MX',
		zone: 'America/Mexico_City',
		lat: 19.4326,
		lon: -99.1332
	},
	{
		id: 'nassau',
		city: 'Nassau',
		country: 'BS',
		zone: 'America/Nassau',
		lat: 25.0443,
		lon: -77.3504
	},
	{
		id: 'new-delhi',
		city: 'New Delhi',
		country: 'IN',
		zone: 'Asia/Kolkata',
		lat: 28.6139,
		lon: 77.209
	},
	{
		id: 'new-york',
		city: 'New York',
		country: 'US',
		region: 'NY',
		zone: 'America/New_York',
		lat: 40.7489,
		lon: -73.968
	},
	{ id: 'paris', city: 'Paris', country: 'FR', zone: 'Europe/Paris', lat: 48.8566, lon: 2.3522 },
	{ id: 'riyadh', city: 'Riyadh', country: 'SA', zone: 'Asia/Riyadh', lat: 24.7136, lon: 46.6753 },
	{
		id: 'sao-paulo',
		city: 'São Paulo',
		country: 'BR',
		region: 'SP',
		zone: 'America/Sao_Paulo',
		lat: -23.5505,
		lon: -46.6333
	},
	{
		id: 'tallinn',
		city: 'Tallinn',
		country: 'EE',
		zone: 'Europe/Tallinn',
		lat: 59.437,
		lon: 24.7536
	},
	{ id: 'tokyo', city: 'Tokyo', country: 'JP', zone: 'Asia/Tokyo', lat: 35.6762, lon: 139.6503 },
	{
		id: 'vienna',
		city: 'Vienna',
		country: 'AT',
		zone: 'Europe/Vienna',
		lat: 48.2082,
		lon: 16.3738
	},
	{ id: 'warsaw', city: 'Warsaw', country: 'PL', zone: 'Europe/Warsaw', lat: 52.2297, lon: 21.0122 }
];

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** A plan Location by id or city name, else a known city by id or name; null when unknown. */
export function findHost(index: PlanIndex, name: string): Location | null {
	const key = fold(name);
	if (key === '') return null;
	for (const list of [[...index.locations.values()], KNOWN_CITIES])
		for (const l of list) if (l.id === key || fold(l.city) === key) return l;
	return null;
}

/** Every host the finder offers: the plan's Locations first, then known cities not among them. */
export function hostChoices(index: PlanIndex): Location[] {
	const plan = [...index.locations.values()];
	const cities = new Set(plan.map((l) => fold(l.city)));
	return [
		...plan,
		...KNOWN_CITIES.filter((c) => !index.locations.has(c.id) && !cities.has(fold(c.city)))
	];
}
