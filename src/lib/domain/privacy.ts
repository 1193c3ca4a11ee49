/**
 * What people who may not see private details get: the same plan with the reasons of private
 * busy periods blanked (the period itself stays, so clashes still show that someone is busy).
 */
import type { PlanFile } from './schema.ts';

export function redactPrivate(plan: PlanFile): PlanFile {
	if (!plan.commitments.some((c) => c.visibility === 'private' && c.reason !== '')) return plan;
	return {
		...plan,
		commitments: plan.commitments.map((c) =>
			c.visibility === 'private' ? { ...c, reason: '' } : c
		)
	};
}
