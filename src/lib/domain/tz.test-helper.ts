/**
 * Runs test code under another host time zone, so tests can show that a result does not depend
 * on where the server runs. Zones picked for their extremes: +14, −11, +5:45 and −3:30 (with DST).
 */
import { IANAZone } from 'luxon';

export const TEST_ZONES = [
	'UTC',
	'Pacific/Kiritimati',
	'Pacific/Pago_Pago',
	'Asia/Kathmandu',
	'America/St_Johns'
];

/** Host offsets (Date#getTimezoneOffset sign: minutes west of UTC) must match the zone's rules. */
function checkHostZone(zone: string): void {
	for (const probe of [Date.UTC(2024, 0, 1), Date.UTC(2024, 6, 1)]) {
		const expected = -IANAZone.create(zone).offset(probe);
		const actual = new Date(probe).getTimezoneOffset();
		if (actual !== expected)
			throw new Error(
				`TZ=${zone} did not take effect: host offset is ${actual} min, expected ${expected} min`
			);
	}
}

/**
 * Sets process.env.TZ to `zone`, checks the runtime follows it, runs fn, and restores the previous
 * TZ (after the promise settles, if fn returns one).
 */
export function withTZ<T>(zone: string, fn: () => T): T {
	if (!IANAZone.isValidZone(zone)) throw new Error(`Unknown time zone "${zone}"`);
	const previous = process.env.TZ;
	const restore = () => {
		if (previous === undefined) delete process.env.TZ;
		else process.env.TZ = previous;
	};
	process.env.TZ = zone;
	let result: T;
	try {
		checkHostZone(zone);
		result = fn();
	} catch (e) {
		restore();
		throw e;
	}
	if (result instanceof Promise) return result.finally(restore) as T;
	restore();
	return result;
}
