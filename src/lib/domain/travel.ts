/**
 * How much time a person needs between two places. A deliberately simple rule an organizer can
 * check in their head, from the great-circle distance: same city none, under 1,500 km half a
 * day, otherwise a full day before and after. Thresholds are configurable.
 */
import { HOUR_MS } from './intervals.ts';

export type Point = { lat: number; lon: number };

export type TravelRule = {
	/** Below this distance (km) half a day is enough; at or above it, a full day. */
	nearKm: number;
	/** Two places closer than this (km) count as the same city: no travel time. */
	sameCityKm: number;
	halfDayHours: number;
	fullDayHours: number;
};

export const DEFAULT_TRAVEL_RULE: TravelRule = {
	nearKm: 1500,
	sameCityKm: 50,
	halfDayHours: 12,
	fullDayHours: 24
};

export type TravelNeed = { km: number; need: 'none' | 'half-day' | 'full-day'; ms: number };

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km (haversine on the mean Earth radius). */
export function greatCircleKm(a: Point, b: Point): number {
	const dLat = rad(b.lat - a.lat);
	const dLon = rad(b.lon - a.lon);
	const h =
		Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The travel time the rule asks for between two points (same place: none). */
export function travelNeed(a: Point, b: Point, rule: TravelRule = DEFAULT_TRAVEL_RULE): TravelNeed {
	const km = greatCircleKm(a, b);
	if (km < rule.sameCityKm) return { km, need: 'none', ms: 0 };
	if (km < rule.nearKm) return { km, need: 'half-day', ms: rule.halfDayHours * HOUR_MS };
	return { km, need: 'full-day', ms: rule.fullDayHours * HOUR_MS };
}

/** The longest time the rule can ask for: how far apart two commitments can still clash. */
export function maxTravelMs(rule: TravelRule = DEFAULT_TRAVEL_RULE): number {
	return Math.max(rule.halfDayHours, rule.fullDayHours, 0) * HOUR_MS;
}

// Its wording ("a travel day") is in day-off-phrases.ts, with the other phrases of clash sentences.
