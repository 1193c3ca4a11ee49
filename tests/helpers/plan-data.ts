/** Plan data more than one test file adds to the seeded plan, written once. */
import type { PlanFile } from '#lib/domain/schema.ts';

/**
 * Lise Fuhr's clinic appointment on 28 May 2024 at `place`: a hard, private busy period, whose
 * reason only organizers may read (the tests look for "Clinic" where it must not show).
 */
export const privateClinic = (place: string): PlanFile['commitments'][number] => ({
	id: 'lf-private-clinic',
	person: 'lise-fuhr',
	source: 'busy',
	when: { type: 'day', date: '2024-05-28' },
	place,
	reason: 'Clinic appointment',
	strength: 'hard',
	visibility: 'private'
});
