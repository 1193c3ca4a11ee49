/**
 * What people who may not see private details get: the same plan with the reasons of private
 * busy periods blanked (the period itself stays, so clashes still show that someone is busy).
 */
import type { Commitment, PlanFile } from './schema.ts';

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

export function redactPrivate(plan: PlanFile): PlanFile {
	if (!plan.commitments.some((c) => c.visibility === 'private' && c.reason !== '')) return plan;
	return { ...plan, commitments: plan.commitments.map(blank) };
}
