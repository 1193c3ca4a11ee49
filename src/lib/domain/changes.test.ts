import { describe, expect, it } from 'vitest';
import { changedFields, historyRows, previewDate, whenText } from './changes.ts';

describe('changedFields', () => {
	it('lists changed, added and removed fields in words', () => {
		const before = { id: 'x', title: 'Old', when: { type: 'day', date: '2024-03-01' } };
		const after = { id: 'x', title: 'New', when: { type: 'day', date: '2024-03-01' }, track: 'T' };
		expect(changedFields(before, after)).toEqual([
			{ field: 'title', before: 'Old', after: 'New' },
			{ field: 'track', before: '—', after: 'T' }
		]);
		expect(changedFields(null, { title: 'A' })).toEqual([
			{ field: 'title', before: '—', after: 'A' }
		]);
	});
	it('writes dates as the plan words them', () => {
		expect(whenText({ type: 'part-of-month', year: 2024, month: 5, part: 'early' })).toMatch(
			/May 2024/
		);
	});
});

describe('previewDate', () => {
	it('shows how the plan wording is understood', () => {
		const p = previewDate('early May 2024', 'UTC', 'en-GB');
		expect(p).toMatchObject({ ok: true, bounds: '1–10 May 2024' });
		const by = previewDate('by 15 February 2024', 'UTC', 'en-GB');
		expect(by.ok && by.bounds).toBe('15 Feb 2024');
	});
	it('says what could not be read', () => {
		const p = previewDate('sometime soonish', 'UTC');
		expect(p.ok).toBe(false);
	});
});

describe('historyRows', () => {
	const busy = {
		id: 1,
		at: '2024-01-01T00:00:00Z',
		by: 'mr (own link)',
		entity: 'commitment',
		entityId: 'b1',
		action: 'create',
		before: null,
		after: { id: 'b1', person: 'mr', reason: 'Surgery', visibility: 'private' }
	};
	it('hides private reasons from readers who may not see them', () => {
		const [row] = historyRows([busy], () => false);
		expect(JSON.stringify(row)).not.toContain('Surgery');
		const [own] = historyRows([busy], (p) => p === 'mr');
		expect(own?.changes).toContainEqual({ field: 'reason', before: '—', after: 'Surgery' });
	});
	it("hides a private period's place and imported UID and source too", () => {
		const imported = {
			...busy,
			after: {
				...busy.after,
				place: 'davos',
				uid: 'appointment-42@clinic.example',
				recurrenceId: '2024-05-28T09:00:00Z',
				sourceId: 'src-work'
			}
		};
		const [row] = historyRows([imported], () => false);
		for (const secret of ['davos', 'clinic', 'src-work', '2024-05-28T09'])
			expect(JSON.stringify(row)).not.toContain(secret);
		const [own] = historyRows([imported], (p) => p === 'mr');
		expect(own?.changes).toContainEqual({ field: 'place', before: '—', after: 'davos' });
	});
	it('links assignment changes to their item', () => {
		const [row] = historyRows(
			[{ ...busy, entity: 'assignment', after: { id: 'a', item: 'draft', role: 'lead' } }],
			() => false
		);
		expect(row?.itemId).toBe('draft');
	});
});
