/**
 * What people who may not see private details get: the same plan with the reasons of private
 * busy periods blanked (the period itself stays, so clashes still show that someone is busy),
 * and without people's email addresses.
 */
import type { PlanFile } from './schema.ts';

export function redactPrivate(plan: PlanFile): PlanFile {
	const reasons = plan.commitments.some((c) => c.visibility === 'private' && c.reason !== '');
	const emails = plan.people.some((p) => p.email !== undefined);
	if (!reasons && !emails) return plan;
	return {
		...plan,
		people: emails
			? plan.people.map((p) => {
					if (p.email === undefined) return p;
					const { email: _email, ...rest } = p;
					return rest;
				})
			: plan.people,
		commitments: reasons
			? plan.commitments.map((c) => (c.visibility === 'private' ? { ...c, reason: '' } : c))
			: plan.commitments
	};
}
