/** The viewer's locale from Accept-Language, limited to locales this runtime can format. */
export const DEFAULT_LOCALE = 'en-GB';

export function pickLocale(acceptLanguage: string | null): string {
	if (!acceptLanguage) return DEFAULT_LOCALE;
	const tags = acceptLanguage
		.split(',')
		.map((part) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
			return { tag: tag.trim(), q: q ? Number(q) : 1 };
		})
		.filter((t) => t.tag && t.tag !== '*' && t.q > 0)
		.sort((a, b) => b.q - a.q);
	for (const { tag } of tags) {
		try {
			const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
			if (supported) return supported;
		} catch {
			// An invalid tag is skipped, not an error: the header is the browser's, not the user's.
		}
	}
	return DEFAULT_LOCALE;
}
