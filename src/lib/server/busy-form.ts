/** A member's busy-period form: from posted fields to a valid Commitment, or errors per field. */
import { z } from 'zod';
import { previewDate, whenText } from '../domain/changes.ts';
import { busyDateContext } from '../domain/date-context.ts';
import { Commitment, type PlanFile } from '../domain/schema.ts';
import { optionalText, zodFieldErrors, type FieldErrors } from './forms.ts';

const Fields = z.object({
	strength: z.enum(['hard', 'soft'], { error: 'Choose hard or soft.' }),
	visibility: z.enum(['public', 'private'], { error: 'Choose who may see the reason.' }),
	reason: z.string().trim().max(500, 'Keep the reason under 500 characters.')
});

export type BusyValues = {
	id: string;
	when: string;
	strength: string;
	visibility: string;
	reason: string;
	place: string;
};

export function busyFormValues(c: Commitment): BusyValues {
	return {
		id: c.id,
		when: c.when ? whenText(c.when) : '',
		strength: c.strength,
		visibility: c.visibility,
		reason: c.reason,
		place: c.place ?? ''
	};
}

export function parseBusyForm(
	form: FormData,
	plan: PlanFile,
	person: string,
	zone: string,
	id: string,
	previous: Commitment | null
): { ok: true; value: Commitment } | { ok: false; errors: FieldErrors } {
	const errors: FieldErrors = {};
	const fields = Fields.safeParse({
		strength: form.get('strength') ?? 'hard',
		visibility: form.get('visibility') ?? 'private',
		reason: form.get('reason') ?? ''
	});
	if (!fields.success) Object.assign(errors, zodFieldErrors(fields.error));
	const raw = form.get('when');
	const whenInput = typeof raw === 'string' ? raw : '';
	let when = previous?.when;
	if (!previous?.when || whenInput.trim() !== whenText(previous.when).trim()) {
		const p = previewDate(whenInput, zone, undefined, busyDateContext(plan, zone));
		if (p.ok) when = p.spec;
		else errors.when = p.error;
	}
	const place = optionalText(form.get('place')) ?? null;
	if (place !== null && place !== 'online' && !plan.locations.some((l) => l.id === place)) {
		errors.place = 'Choose a place from the list.';
	}
	if (Object.keys(errors).length || !fields.success) return { ok: false, errors };
	const parsed = Commitment.safeParse({
		...(previous ?? {}),
		id,
		person,
		source: 'busy',
		when,
		place,
		...fields.data
	});
	if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
	return { ok: true, value: parsed.data };
}
