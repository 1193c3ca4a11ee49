/**
 * What people who may not see private details get: the same plan with the reasons of private
 * busy periods blanked (the period itself stays, so clashes still show that someone is busy),
 * and without people's email addresses.
 */
import type { Commitment, Person, PlanFile } from './schema.ts';

/**
 * The blanked copy of each private commitment, kept by the original: the write path keeps an
 * unchanged commitment the same object across plan versions, and so the redacted plan keeps its
 * copy the same object too (what is derived from it is then reused, see commitments.ts).
 */
const redacted = new WeakMap<Commitment, Commitment>();

function blank(c: Commitment): Commitment {
	if (c.visibility !== 'private' || c.reason === '') return c;
	let copy = redacted.get(c);
	if (!copy) redacted.set(c, (copy = { ...c, reason: '' }));
	return copy;
}

/** A person without their email address, kept the same object across versions like `blank`. */
const unmailed = new WeakMap<Person, Person>();

function withoutEmail(p: Person): Person {
	if (p.email === undefined) return p;
	let copy = unmailed.get(p);
	if (!copy) {
		const rest: Person = { ...p };
		delete rest.email;
		unmailed.set(p, (copy = rest));
	}
	return copy;
}

export function redactPrivate(plan: PlanFile): PlanFile {
	const reasons = plan.commitments.some((c) => c.visibility === 'private' && c.reason !== '');
	const emails = plan.people.some((p) => p.email !== undefined);
	if (!reasons && !emails) return plan;
	return {
		...plan,
		people: emails ? plan.people.map(withoutEmail) : plan.people,
		commitments: reasons ? plan.commitments.map(blank) : plan.commitments
	};
}
