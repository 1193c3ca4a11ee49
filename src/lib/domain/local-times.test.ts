import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localSpan, participantTimes, touchesNight } from './local-times.ts';
import { indexPlan } from './plan-index.ts';
import { PlanFile } from './schema.ts';
import { TEST_ZONES, withTZ } from './tz.test-helper.ts';

const plan = PlanFile.parse(
	JSON.parse(readFileSync(new URL('../../../data/iww-2024.plan.json', import.meta.url), 'utf8'))
);
const index = indexPlan(plan);

describe('touchesNight', () => {
	it.each([
		['2024-01-10T05:30Z', '2024-01-10T06:30Z', 'UTC', true],
		['2024-01-10T06:00Z', '2024-01-10T07:00Z', 'UTC', false],
		['2024-01-10T23:30Z', '2024-01-11T00:30Z', 'UTC', true],
		['2024-01-10T22:00Z', '2024-01-11T00:00Z', 'UTC', false], // ends as night begins
		['2023-12-18T16:00Z', '2023-12-18T17:00Z', 'Asia/Tokyo', true], // 01:00 JST
		['2023-12-18T16:00Z', '2023-12-18T17:00Z', 'Asia/Kolkata', false], // 21:30 IST
		['2023-12-18T16:00Z', '2023-12-18T17:00Z', 'Asia/Shanghai', true], // 00:00 CST
		// 31 Mar 2024, Brussels: 00:30 CET to 03:30 CEST (the clocks skip 02:00–03:00).
		['2024-03-30T23:30Z', '2024-03-31T01:30Z', 'Europe/Brussels', true]
	])('%s – %s in %s: %s', (start, end, zone, night) => {
		expect(touchesNight(start, end, zone)).toBe(night);
	});
});

describe('localSpan', () => {
	it('writes the end date only when the local day changes', () => {
		expect(localSpan('2023-12-18T16:00Z', '2023-12-18T17:00Z', 'Asia/Tokyo', 'en-GB')).toBe(
			'Tue 19 Dec 2023, 01:00 GMT+9 – 02:00'
		);
		expect(localSpan('2023-12-18T14:30Z', '2023-12-18T15:30Z', 'Asia/Tokyo', 'en-GB')).toMatch(
			/^Mon 18 Dec 2023, 23:30 GMT\+9 – Tue 19 Dec 2023, 00:30/
		);
	});
});

describe('participantTimes', () => {
	it.each(TEST_ZONES)('gives everyone at the 18 Dec call their own clock (host TZ=%s)', (tz) => {
		const call = index.items.get('plenary-2023-12-18')!;
		const rows = withTZ(tz, () => participantTimes(index, call, 'en-GB'))!;
		const row = (name: string) => rows.find((r) => r.who.label === name);
		expect(row('Hiroshi Yoshida')).toMatchObject({ zone: 'Asia/Tokyo', night: true });
		expect(row('Hiroshi Yoshida')?.local).toBe('Tue 19 Dec 2023, 01:00 GMT+9 – 02:00');
		expect(row('Maria Fernanda Garza')?.local).toMatch(/^Mon 18 Dec 2023, 10:00/);
		expect(row('Maria Fernanda Garza')?.night).toBe(false);
		expect(row('Lise Fuhr')?.local).toMatch(/^Mon 18 Dec 2023, 17:00/);
		expect(new Set(rows.map((r) => r.who.label)).size).toBe(rows.length);
	});

	it('is null for items without a time of day', () => {
		expect(participantTimes(index, index.items.get('mwc-2024')!, 'en-GB')).toBeNull();
	});
});
