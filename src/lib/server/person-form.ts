/** The organizer's person form: from posted fields to a valid Person, or errors per field. */
import { Person } from '../domain/schema.ts';
import { optionalText, zodFieldErrors, type FieldErrors } from './forms.ts';

export function personFormValues(p: Person): Record<string, string> {
	return {
		name: p.name,
		initials: p.initials ?? '',
		role: p.role,
		organization: p.organization ?? '',
		zone: p.zone ?? '',
		start: p.workingHours.start,
		end: p.workingHours.end,
		notes: p.notes ?? ''
	};
}

export function parsePersonForm(
	form: FormData,
	previous: Person
): { ok: true; person: Person } | { ok: false; errors: FieldErrors } {
	const get = (k: string) => optionalText(form.get(k));
	const parsed = Person.safeParse({
		...previous,
		name: get('name') ?? '',
		initials: get('initials'),
		role: get('role') ?? 'Member',
		organization: get('organization'),
		zone: get('zone') ?? null,
		workingHours: { start: get('start') ?? '', end: get('end') ?? '' },
		notes: get('notes')
	});
	if (parsed.success) return { ok: true, person: parsed.data };
	const errors = zodFieldErrors(parsed.error);
	// Working hours are one object in the schema and two fields in the form.
	if (errors.workingHours) {
		const where = parsed.error.issues.find((i) => i.path[0] === 'workingHours')?.path[1];
		errors[where === 'start' ? 'start' : 'end'] = errors.workingHours;
		delete errors.workingHours;
	}
	return { ok: false, errors };
}
