/** The organizer's location form: from posted fields to a valid Location, or errors per field. */
import { Location } from '../domain/schema.ts';
import { optionalText, zodFieldErrors, type FieldErrors } from './forms.ts';
import { slugify } from './item-form.ts';

export function locationFormValues(l: Location): Record<string, string> {
	return {
		id: l.id,
		city: l.city,
		country: l.country,
		region: l.region ?? '',
		zone: l.zone,
		lat: String(l.lat),
		lon: String(l.lon),
		venue: l.venue ?? ''
	};
}

const number = (v: string | undefined) =>
	v === undefined ? undefined : Number(v.replace(',', '.'));

export function parseLocationForm(
	form: FormData,
	previous: Location | null
): { ok: true; location: Location } | { ok: false; errors: FieldErrors } {
	const get = (k: string) => optionalText(form.get(k));
	const parsed = Location.safeParse({
		...(previous ?? {}),
		id: previous?.id ?? get('id') ?? slugify(get('city') ?? ''),
		city: get('city') ?? '',
		country: (get('country') ?? '').toUpperCase(),
		region: get('region'),
		zone: get('zone') ?? '',
		lat: number(get('lat')),
		lon: number(get('lon')),
		venue: get('venue')
	});
	if (parsed.success) return { ok: true, location: parsed.data };
	const errors = zodFieldErrors(parsed.error);
	for (const k of ['lat', 'lon']) {
		if (errors[k])
			errors[k] = k === 'lat' ? 'A latitude from -90 to 90.' : 'A longitude from -180 to 180.';
	}
	return { ok: false, errors };
}
