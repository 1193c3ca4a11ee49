import { describe, expect, it } from 'vitest';
import seedJson from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { historyRows } from './changes.ts';
import { decidedWhen, decidedWording, decideItem, decisionSentence } from './decision.ts';
import { PlanFile } from './schema.ts';

const seed = PlanFile.parse(seedJson);
const riyadh = seed.items.find((i) => i.id === 'riyadh-meeting-2024')!;

describe('deciding an item', () => {
	it('words the decided window as people read it', () => {
		expect(decidedWording({ start: '2024-02-18', end: '2024-02-19' })).toBe('18–19 Feb 2024');
		expect(decidedWording({ start: '2024-02-29', end: '2024-02-29' })).toBe('29 Feb 2024');
		expect(decidedWording({ start: '2024-02-29', end: '2024-03-01' })).toBe('29 Feb – 1 Mar 2024');
		expect(decidedWhen({ start: '2024-02-18', end: '2024-02-19' })).toEqual({
			type: 'range',
			start: '2024-02-18',
			end: '2024-02-19',
			text: '18–19 Feb 2024'
		});
		expect(
			decidedWhen({ start: '2024-03-05T14:00:00Z', end: '2024-03-05T15:00:00Z' }, 'UTC')
		).toMatchObject({ type: 'timed', zone: 'UTC' });
	});

	it('makes the item exact and confirmed at the host, keeping everything else and the windows', () => {
		const after = decideItem(riyadh, { start: '2024-02-18', end: '2024-02-19' }, 'riyadh');
		expect(after).toMatchObject({
			id: riyadh.id,
			title: riyadh.title,
			kind: 'meeting',
			status: 'confirmed',
			location: 'riyadh',
			when: { type: 'range', start: '2024-02-18', end: '2024-02-19' }
		});
		expect(after.decidedFrom).toEqual(riyadh.when.type === 'candidates' ? riyadh.when.windows : []);
		expect(after.decidedFrom).toHaveLength(4);
		// Without a host, the item keeps its place.
		expect(decideItem(riyadh, { start: '2024-02-18', end: '2024-02-19' }, null).location).toBe(
			riyadh.location
		);
	});

	it('says what was decided and what it was, once, in the history', () => {
		const after = decideItem(riyadh, { start: '2024-02-18', end: '2024-02-19' }, 'riyadh');
		expect(decisionSentence(riyadh, after)).toBe(
			'decided 18–19 Feb 2024; was 25 or 26 to 27 or 28 February 2024'
		);
		// Not a decision: exact to exact, or still not confirmed.
		expect(decisionSentence(after, { ...after, title: 'x' })).toBeNull();
		expect(decisionSentence(riyadh, { ...after, status: 'planned' })).toBeNull();
		const [row] = historyRows(
			[
				{
					id: 1,
					at: '2024-01-10T00:00:00Z',
					by: 'Ana (organizer)',
					entity: 'item',
					entityId: riyadh.id,
					action: 'update',
					before: riyadh,
					after
				}
			],
			() => true
		);
		expect(row?.summary).toBe('decided 18–19 Feb 2024; was 25 or 26 to 27 or 28 February 2024');
		expect(row?.changes.map((c) => c.field)).toEqual(
			expect.arrayContaining(['when', 'status', 'decidedFrom'])
		);
	});
});
