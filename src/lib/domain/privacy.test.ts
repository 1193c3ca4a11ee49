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
