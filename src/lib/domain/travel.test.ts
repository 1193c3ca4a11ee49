import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAVEL_RULE, greatCircleKm, travelNeed } from './travel.ts';

const barcelona = { lat: 41.3546, lon: 2.1278 };
const riyadh = { lat: 24.7136, lon: 46.6753 };
const geneva = { lat: 46.2044, lon: 6.1432 };

describe('travel', () => {
	it('measures great circles', () => {
		expect(greatCircleKm(barcelona, riyadh)).toBeGreaterThan(4400);
		expect(greatCircleKm(barcelona, riyadh)).toBeLessThan(4600);
		expect(greatCircleKm(riyadh, riyadh)).toBe(0);
		// Half the equator.
		expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(20015, -1);
	});

	it('asks for none, half a day or a full day', () => {
		expect(travelNeed(riyadh, riyadh).need).toBe('none');
		expect(travelNeed(barcelona, geneva).need).toBe('half-day');
		expect(travelNeed(barcelona, riyadh)).toMatchObject({ need: 'full-day', ms: 24 * 3_600_000 });
	});

	it('puts exactly 1,500 km on the full-day side, and the thresholds are configurable', () => {
		// Along a meridian, 1,500 km is 1500 / 111.195 degrees.
		const deg = 1500 / ((Math.PI * 6371.0088) / 180);
		const a = { lat: 0, lon: 0 };
		expect(travelNeed(a, { lat: deg, lon: 0 }).km).toBeCloseTo(1500, 6);
		expect(travelNeed(a, { lat: deg, lon: 0 }).need).toBe('full-day');
		expect(travelNeed(a, { lat: deg * 0.999, lon: 0 }).need).toBe('half-day');
		const rule = { ...DEFAULT_TRAVEL_RULE, nearKm: 5000, halfDayHours: 6 };
		expect(travelNeed(barcelona, riyadh, rule)).toMatchObject({
			need: 'half-day',
			ms: 6 * 3_600_000
		});
	});
});
