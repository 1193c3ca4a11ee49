/**
 * The organizer's group form, for a new group and an edited one: its values, its kinds, and from
 * posted fields to a valid Group (zod's messages per field).
 */
import type { z } from 'zod';
import { Group } from '#lib/domain/schema.ts';
import { optionalText } from './forms.ts';

/** The kinds a group can be, as the form's options. */
export const groupKinds = () => Group.shape.kind.options.map((k) => ({ value: k, label: k }));

/** The form's fields for a group as it is. */
export function groupFormValues(group: Group): Record<string, string> {
	return {
		name: group.name,
		kind: group.kind,
		short: group.short ?? '',
		zone: group.zone ?? '',
		description: group.description ?? ''
	};
}

/** The posted members (checkboxes). */
export const postedMembers = (form: FormData) =>
	form.getAll('members').filter((m): m is string => typeof m === 'string');

/** The posted group over `base` (the group as it was, or just its id for a new one). */
export function parseGroupForm(
	form: FormData,
	base: Partial<Group> & { id: string }
): z.ZodSafeParseResult<Group> {
	const get = (k: string) => optionalText(form.get(k));
	return Group.safeParse({
		...base,
		name: get('name') ?? '',
		kind: get('kind'),
		short: get('short'),
		zone: get('zone') ?? null,
		description: get('description'),
		members: postedMembers(form)
	});
}
