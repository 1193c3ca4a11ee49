/** A person's page: what binds them, in date order, and a bounded list however many there are. */
import { describe, expect, it } from 'vitest';
import seedJson from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { COMMITMENTS_SHOWN, personAssignments, personDetail } from './people.ts';
import { indexPlan } from './plan-index.ts';
import { PlanFile } from './schema.ts';

const seed = PlanFile.parse(seedJson);

/** `count` one-hour busy periods for `person`, one a day from 1 March 2024, listed in reverse. */
function withBusy(person: string, count: number) {
	const day = (i: number) =>
		new Date(Date.UTC(2024, 2, 1) + i * 86_400_000).toISOString().slice(0, 16) + 'Z';
	const busy = Array.from({ length: count }, (_, i) => ({
		id: `busy-${i}`,
		person,
		source: 'busy',
		when: { type: 'timed', start: day(i), end: day(i).replace('T00', 'T01'), zone: 'UTC' },
		reason: `Busy ${i}`
	})).reverse();
	return indexPlan(PlanFile.parse({ ...seedJson, commitments: [...seed.commitments, ...busy] }));
}

describe('personDetail', () => {
	it('lists every commitment of a person with a few, in date order', () => {
		const index = withBusy('vint-cerf', 5);
		const p = index.people.get('vint-cerf')!;
		const d = personDetail(index, p, Date.UTC(2024, 0, 1), 'en');
		const busy = d.commitments.filter((c) => c.source === 'busy').map((c) => c.reason);
		expect(busy).toEqual(['Busy 0', 'Busy 1', 'Busy 2', 'Busy 3', 'Busy 4']);
		expect(d.moreCommitments).toBe(0);
	});

	it('lists the first COMMITMENTS_SHOWN by date and counts the rest', () => {
		const index = withBusy('vint-cerf', COMMITMENTS_SHOWN + 57);
		const p = index.people.get('vint-cerf')!;
		const d = personDetail(index, p, Date.UTC(2024, 0, 1), 'en');
		expect(d.commitments).toHaveLength(COMMITMENTS_SHOWN);
		// Whatever else binds them (events, assignments with a place or time) counts too.
		const few = withBusy('vint-cerf', 1);
		const others = personDetail(few, p, 0, 'en').commitments.length - 1;
		expect(d.moreCommitments).toBe(57 + others);
		// The earliest are listed: busy periods from the first day on, none skipped.
		const busy = d.commitments.filter((c) => c.source === 'busy').map((c) => c.reason);
		expect(busy).toEqual(busy.map((_, i) => `Busy ${i}`));
		expect(busy.length).toBeGreaterThan(COMMITMENTS_SHOWN - others - 1);
	});

	it('gives the same assignments as personAssignments', () => {
		const index = indexPlan(seed);
		for (const p of seed.people) {
			expect(personDetail(index, p, 0, 'en').assignments).toEqual(
				personAssignments(index, p, 'en')
			);
		}
	});
});
