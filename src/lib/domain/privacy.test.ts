import { describe, expect, it } from 'vitest';
import { redactPrivate } from './privacy.ts';
import { PlanFile } from './schema.ts';

/** A stand-in for the server's keyed hash: numbers ids in the order it meets them. */
const seen = new Map<string, string>();
const OPAQUE = (id: string) => {
	if (!seen.has(id)) seen.set(id, `hidden-${seen.size + 1}`);
	return seen.get(id)!;
};

const plan = PlanFile.parse({
	version: 1,
	name: 'p',
	people: [{ id: 'a', name: 'A' }],
	items: [],
	commitments: [
		{
			id: 'c1',
			person: 'a',
			source: 'busy',
			when: { type: 'tbd' },
			reason: 'Surgery',
			visibility: 'private'
		},
		{ id: 'c2', person: 'a', source: 'busy', when: { type: 'tbd' }, reason: 'Conference' }
	]
});

describe('redactPrivate', () => {
	it('blanks private reasons only, keeps the periods, and leaves the input alone', () => {
		const out = redactPrivate(plan, OPAQUE);
		expect(out.commitments.map((c) => c.reason)).toEqual(['', 'Conference']);
		expect(plan.commitments[0]?.reason).toBe('Surgery');
		expect(JSON.stringify(out)).not.toContain('Surgery');
	});

	const placed = PlanFile.parse({
		version: 1,
		name: 'p',
		people: [{ id: 'a', name: 'A' }],
		locations: [
			{ id: 'davos', city: 'Davos', country: 'CH', zone: 'Europe/Zurich', lat: 46.8, lon: 9.8 }
		],
		items: [],
		commitments: [
			{
				id: 'a-clinic-davos',
				person: 'a',
				source: 'busy',
				when: { type: 'day', date: '2024-05-28' },
				place: 'davos',
				reason: '',
				strength: 'soft',
				visibility: 'private'
			},
			{ id: 'public-one', person: 'a', source: 'busy', when: { type: 'tbd' }, place: 'davos' }
		]
	});

	it("drops a private period's place and id (even without a reason), keeps who, when and strength", () => {
		const out = redactPrivate(placed, OPAQUE);
		const [hidden, open] = out.commitments;
		expect(hidden).toEqual({
			id: OPAQUE('a-clinic-davos'),
			person: 'a',
			source: 'busy',
			when: { type: 'day', date: '2024-05-28' },
			strength: 'soft',
			visibility: 'private',
			place: null,
			reason: ''
		});
		expect(open).toBe(placed.commitments[1]);
		expect(PlanFile.safeParse(out).success).toBe(true);
	});

	it("drops an imported private event's UID, RECURRENCE-ID and source; keeps a public one's", () => {
		const imported = PlanFile.parse({
			...placed,
			commitments: placed.commitments.map((c) => ({
				...c,
				sourceId: 'src-work',
				uid: 'appointment-42@clinic.example',
				recurrenceId: '2024-05-28T09:00:00Z'
			}))
		});
		const [hidden, open] = redactPrivate(imported, OPAQUE).commitments;
		expect(hidden).not.toHaveProperty('uid');
		expect(hidden).not.toHaveProperty('recurrenceId');
		expect(hidden).not.toHaveProperty('sourceId');
		expect(JSON.stringify(hidden)).not.toContain('clinic');
		expect(open).toMatchObject({ uid: 'appointment-42@clinic.example', sourceId: 'src-work' });
	});

	it('keeps the same copy for an unchanged period, per id mapping', () => {
		const first = redactPrivate(placed, OPAQUE);
		expect(redactPrivate({ ...placed, items: [] }, OPAQUE).commitments[0]).toBe(
			first.commitments[0]
		);
		const other = redactPrivate(placed, (id) => `other-${id.length}`);
		expect(other.commitments[0]!.id).toBe('other-14');
	});
});

describe('redactPrivate and email addresses', () => {
	const withEmail = PlanFile.parse({
		version: 1,
		name: 'p',
		people: [
			{ id: 'a', name: 'A', email: 'a@example.org' },
			{ id: 'b', name: 'B' }
		],
		items: []
	});
	it('drops every email address from the public plan, and only that', () => {
		const out = redactPrivate(withEmail, OPAQUE);
		expect(JSON.stringify(out)).not.toContain('a@example.org');
		expect(out.people).toEqual(
			[{ ...withEmail.people[0], email: undefined }, withEmail.people[1]].map((p) =>
				Object.fromEntries(Object.entries(p!).filter(([, v]) => v !== undefined))
			)
		);
		expect(withEmail.people[0]?.email).toBe('a@example.org');
	});
	it('refuses a malformed address', () => {
		const bad = PlanFile.safeParse({
			version: 1,
			name: 'p',
			people: [{ id: 'a', name: 'A', email: 'not an address' }],
			items: []
		});
		expect(bad.success).toBe(false);
	});
});
