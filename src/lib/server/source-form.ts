/** The form a member fills in to add or change a calendar source, checked with zod. */
import { z } from 'zod';
import type { NewSource } from './availability-sources.ts';

const SourceFields = z.object({
	label: z.string().trim().max(100, 'Keep the name under 100 characters.'),
	url: z.string().trim().max(2000, 'This address is too long.'),
	strength: z.enum(['hard', 'soft'], { error: 'Choose hard or soft.' }),
	visibility: z.enum(['public', 'private'], { error: 'Choose who may see the reasons.' })
});

/**
 * A source form's fields: name, address (for a subscription), hard/soft, public/private and
 * whether titles are kept. `fallbackLabel` names a source left unnamed (the file's name).
 */
export function parseSourceForm(
	form: FormData,
	fallbackLabel: string | null
): { ok: true; value: Omit<NewSource, 'kind'> } | { ok: false; errors: Record<string, string> } {
	const text = (name: string, fallback: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v : fallback;
	};
	const parsed = SourceFields.safeParse({
		label: text('label', ''),
		url: text('url', ''),
		strength: text('strength', 'hard'),
		visibility: text('visibility', 'private')
	});
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const i of parsed.error.issues) errors[String(i.path[0] ?? 'form')] ??= i.message;
		return { ok: false, errors };
	}
	const { label, url, strength, visibility } = parsed.data;
	let name =
		label ||
		(fallbackLabel ?? '')
			.replace(/\p{Cc}/gu, '')
			.trim()
			.slice(0, 100);
	if (!name && url) {
		try {
			name = new URL(url.replace(/^webcals?:/i, 'https:')).hostname;
		} catch {
			name = 'Calendar';
		}
	}
	return {
		ok: true,
		value: {
			label: name || 'Calendar',
			url: url || null,
			strength,
			visibility,
			keepSummary: form.get('keepSummary') === 'on'
		}
	};
}
