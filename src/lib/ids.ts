/**
 * The shapes of identifiers and secrets, with no dependencies: the zod schema, the server's token
 * checks and the route param matchers (which ship to the browser) all use these same patterns.
 */

/** A plan entity id: a lowercase slug, 1–80 characters. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** A secret link token: 32 random bytes in base64url (43 characters). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The kinds of plan item (the schema's ItemKind, and the feeds' `/feeds/{kind}.ics`). */
export const ITEM_KIND_NAMES = ['event', 'activity', 'deadline', 'meeting', 'action'] as const;

/** An id made from free text: "Réunion à Genève" -> "reunion-a-geneve" (never empty). */
export function slug(text: string): string {
	const s = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80)
		.replace(/-+$/, '');
	return s || 'x';
}
