/** The organizer's person form: from posted fields to a valid Person, or errors per field. */
import { Id, Person, type PlanFile } from '../domain/schema.ts';
import { slugify } from './item-form.ts';
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

/** A new person from the form: an id (given, or made from the name) not used yet, and the fields. */
export function parseNewPersonForm(
	form: FormData,
	plan: PlanFile
): { ok: true; person: Person } | { ok: false; errors: FieldErrors } {
	const name = optionalText(form.get('name')) ?? '';
	const id = optionalText(form.get('id')) ?? slugify(name);
	const blank: Person = {
		id,
		name,
		role: 'Member',
		zone: null,
		workingHours: { start: '09:00', end: '17:00' }
	};
	const parsed = parsePersonForm(form, blank);
	const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
	if (!Id.safeParse(id).success) errors.id = 'Use lowercase letters, digits and "-" (up to 80).';
	else if (plan.people.some((p) => p.id === id) || plan.groups.some((g) => g.id === id))
		errors.id = `“${id}” is already used; choose another id.`;
	if (Object.keys(errors).length || !parsed.ok) return { ok: false, errors };
	return parsed;
}

const titles = (plan: PlanFile, ids: string[]) => {
	const byId = new Map(plan.items.map((i) => [i.id, i.title]));
	const names = [...new Set(ids)].map((id) => `“${byId.get(id) ?? id}”`);
	return names.length > 3
		? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
		: names.join(', ');
};
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What still points at a person, in words ("assigned to 2 items: “A”, “B”"); empty when they can
 * be deleted. Deleting is refused rather than cascaded: an organizer should see what they lose.
 */
export function personReferences(plan: PlanFile, id: string): string[] {
	const out: string[] = [];
	const assigned = plan.assignments.filter((a) => a.person === id).map((a) => a.item);
	if (assigned.length)
		out.push(
			`assigned to ${count(new Set(assigned).size, 'item', 'items')}: ${titles(plan, assigned)}`
		);
	const groups = plan.groups.filter((g) => g.members.includes(id)).map((g) => g.name);
	if (groups.length) out.push(`a member of ${groups.join(', ')}`);
	const own = plan.commitments.filter((c) => c.person === id);
	const events = own.filter((c) => c.source === 'event' && c.item).map((c) => c.item ?? '');
	if (events.length) out.push(`expected at ${titles(plan, events)}`);
	const busy = own.filter((c) => c.source === 'busy').length;
	if (busy) out.push(`the owner of ${count(busy, 'busy time', 'busy times')}`);
	return out;
}

/** What still points at a group: items it runs and assignments it holds. */
export function groupReferences(plan: PlanFile, id: string): string[] {
	const out: string[] = [];
	const runs = plan.items.filter((i) => i.group === id).map((i) => i.id);
	if (runs.length)
		out.push(`the group of ${count(runs.length, 'item', 'items')}: ${titles(plan, runs)}`);
	const assigned = plan.assignments.filter((a) => a.group === id).map((a) => a.item);
	if (assigned.length)
		out.push(
			`assigned to ${count(new Set(assigned).size, 'item', 'items')}: ${titles(plan, assigned)}`
		);
	return out;
}

/** Why deleting a person or group is refused (what still points at it), or null when it may go. */
export function deleteRefusal(
	plan: PlanFile,
	what: { kind: 'person' | 'group'; id: string; name: string }
): string | null {
	const refs =
		what.kind === 'person' ? personReferences(plan, what.id) : groupReferences(plan, what.id);
	return refs.length
		? `Not deleted: ${what.name} is still ${refs.join('; ')}. Remove those first.`
		: null;
}
