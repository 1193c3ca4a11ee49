/**
 * Form handling shared by the editing routes: read a form with a size cap, validate with zod, and
 * turn problems into `{ field: message }` for errors shown next to their field.
 */
import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Actor } from '../domain/actor.ts';
import { changedFields } from '../domain/changes.ts';
import type { Change } from '../domain/plan-changes.ts';
import { EditConflict, EditForbidden, EditInvalid, EditNotFound } from './edit-repository.ts';

export type FieldErrors = Record<string, string>;

/** Every text entry of a form, for giving the input back after a failure. */
export function formValues(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of form.entries()) if (typeof v === 'string') out[k] = v;
	return out;
}

/** Reads the posted form; a body that is not a form is a 400, never a 500. */
export async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

/** First message per top-level field. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const field = issue.path.length ? String(issue.path[0]) : 'form';
		out[field] ??= issue.message;
	}
	return out;
}

/** The change that got in first, as the "changed since you opened it" notice shows it. */
export type Conflict = {
	version: string | null;
	deleted: boolean;
	by: string | null;
	at: string | null;
	changes: { field: string; before: string; after: string }[];
	entity: string | null;
};

export type FormFailure = {
	errors: FieldErrors;
	values: Record<string, string>;
	/** Which of a page's forms failed, when it has several. */
	form?: string | undefined;
	conflict?: Conflict | undefined;
};

/** A 400 (or `status`) with the errors and the input to show again. */
export function invalid(
	status: number,
	errors: FieldErrors,
	values: Record<string, string> = {},
	extra: Omit<FormFailure, 'errors' | 'values'> = {}
): ActionFailure<FormFailure> {
	return fail(status, { errors, values, ...extra });
}

/** A zod string field from a form: trimmed, with empty meaning absent. */
export function optionalText(value: FormDataEntryValue | null): string | undefined {
	if (typeof value !== 'string') return undefined;
	const t = value.trim();
	return t === '' ? undefined : t;
}

/**
 * Runs an edit and turns the repository's refusals into form failures: a conflict (409) with the
 * change that won, invalid references next to their field (400), not found (404), not allowed
 * (403). Anything else is a real failure and propagates.
 */
/**
 * An edit form's save: the one update of `entity` `id` by `actor`, with the version the form
 * carried (`values.version`, unless given) as the one expected, and its refusals as the form's
 * failure (see runEdit).
 */
export function saveUpdate(
	locals: App.Locals,
	actor: Actor,
	change: Pick<Change, 'entity' | 'id' | 'patch'> & { expected?: string | null },
	values: Record<string, string>,
	form?: string
) {
	const expected = change.expected !== undefined ? change.expected : values.version || null;
	return runEdit(
		() =>
			locals.services.plan.edit(
				{
					entity: change.entity,
					id: change.id,
					action: 'update',
					patch: change.patch,
					...(expected ? { expected } : {})
				},
				actor
			),
		values,
		form
	);
}

export async function runEdit<T>(
	edit: () => Promise<T>,
	values: Record<string, string>,
	form?: string
): Promise<{ ok: true; result: T } | { ok: false; failure: ActionFailure<FormFailure> }> {
	try {
		return { ok: true, result: await edit() };
	} catch (e) {
		const out = (status: number, errors: FieldErrors, extra: Partial<FormFailure> = {}) => ({
			ok: false as const,
			failure: invalid(status, errors, values, { form, ...extra })
		});
		if (e instanceof EditConflict) {
			const change = e.change;
			return out(
				409,
				{ form: e.message },
				{
					conflict: {
						version: e.version,
						deleted: e.current === null,
						by: change ? change.by : null,
						at: change?.at ?? null,
						changes: change ? changedFields(change.before, change.after) : [],
						entity: change?.entity ?? null
					}
				}
			);
		}
		if (e instanceof EditInvalid) {
			const errors: FieldErrors = {};
			// Problems elsewhere in the plan (a deleted place still in use) go above the form.
			for (const i of e.issues) errors[i.field === '(plan)' ? 'form' : i.field] ??= i.message;
			return out(400, errors);
		}
		if (e instanceof EditNotFound) return out(404, { form: e.message });
		if (e instanceof EditForbidden) return out(403, { form: e.message });
		throw e;
	}
}
