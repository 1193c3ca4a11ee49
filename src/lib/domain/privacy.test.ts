import { describe, expect, it } from 'vitest';
import { redactPrivate } from './privacy.ts';
import { PlanFile } from './schema.ts';

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
		const out = redactPrivate(plan);
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
			// The same visible fields twice: each still gets its own id.
			{
				id: 'a-clinic-davos-2',
				person: 'a',
				source: 'busy',
				when: { type: 'day', date: '2024-05-28' },
				strength: 'soft',
				visibility: 'private'
			},
			{ id: 'public-one', person: 'a', source: 'busy', when: { type: 'tbd' }, place: 'davos' }
		]
	});

	it("drops a private period's place and id (even without a reason), keeps who, when and strength", () => {
		const out = redactPrivate(placed);
		const [a, b, open] = out.commitments;
		expect(a).toMatchObject({
			person: 'a',
			when: { type: 'day', date: '2024-05-28' },
			strength: 'soft',
			visibility: 'private',
			place: null,
			reason: ''
		});
		expect(a!.id).toMatch(/^private-[a-z0-9]+$/);
		expect(b!.id).toMatch(/^private-[a-z0-9]+$/);
		expect(a!.id).not.toBe(b!.id);
		expect(open).toBe(placed.commitments[2]);
		expect(JSON.stringify(out.commitments.slice(0, 2))).not.toMatch(/clinic|davos/);
		// Still a valid plan: ids unique, references resolve.
		expect(PlanFile.safeParse(out).success).toBe(true);
	});

	it('gives the same opaque id, and the same object, for an unchanged period', () => {
		const again = redactPrivate({ ...placed, items: [] });
		const first = redactPrivate(placed);
		expect(again.commitments[0]).toBe(first.commitments[0]);
		const moved = redactPrivate({
			...placed,
			commitments: [{ ...placed.commitments[0]!, when: { type: 'day', date: '2024-05-29' } }]
		});
		expect(moved.commitments[0]!.id).not.toBe(first.commitments[0]!.id);
	});
	it('returns the same object when there is nothing to hide', () => {
		const open = { ...plan, commitments: plan.commitments.slice(1) };
		expect(redactPrivate(open)).toBe(open);
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
		const out = redactPrivate(withEmail);
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
