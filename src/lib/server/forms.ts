/**
 * Form handling shared by the editing routes: read a form with a size cap, validate with zod, and
 * turn problems into `{ field: message }` for errors shown next to their field.
 */
import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';

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

export type FormFailure = {
	errors: FieldErrors;
	values: Record<string, string>;
	form?: string;
};

/** A 400 (or `status`) with the errors and the input to show again. */
export function invalid(
	errors: FieldErrors,
	values: Record<string, string>,
	extra: Record<string, unknown> = {},
	status = 400
): ActionFailure<FormFailure & Record<string, unknown>> {
	return fail(status, { errors, values, ...extra });
}

/** A zod string field from a form: trimmed, with empty meaning absent. */
export function optionalText(value: FormDataEntryValue | null): string | undefined {
	if (typeof value !== 'string') return undefined;
	const t = value.trim();
	return t === '' ? undefined : t;
}
