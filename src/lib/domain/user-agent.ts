/**
 * Which calendar client fetched a feed, from its User-Agent. Pure; the families are the ones an
 * organizer can act on ("Google refreshes every 8–24 h", "Outlook.com refuses webcal://").
 *
 * The strings the clients really send (see user-agent.test.ts):
 * - Google Calendar's subscription fetcher: `Google-Calendar-Importer`.
 * - Outlook.com / Microsoft 365 fetch through Exchange (`Microsoft.Exchange/15.20…`); desktop
 *   Outlook sends `Microsoft Office/16.0 (… Microsoft Outlook 16.0…)`; the phone apps `Outlook-iOS`
 *   and `Outlook-Android`.
 * - Apple Calendar: `macOS/14.1 (23B74) dataaccessd/1.0`, `iOS/17.1 (21B80) dataaccessd/1.0`,
 *   older Macs `Mac OS X/10.15.7 (19H15) CalendarAgent/954`.
 * - Thunderbird: a Gecko string ending in `Thunderbird/115.3.1`.
 * - Nextcloud's subscription job: `Nextcloud Webcal Service`; on Android DAVx⁵ (`DAVx5/4.3.6-ose …`)
 *   and its feed app ICSx⁵ (`ICSx5/2.1.2-standard …`), which many Nextcloud users pair with it.
 */

export const CLIENT_FAMILIES = [
	'google',
	'microsoft',
	'apple',
	'thunderbird',
	'nextcloud',
	'other'
] as const;
export type ClientFamily = (typeof CLIENT_FAMILIES)[number];

/** How a family is named in sentences ("Lise Fuhr's Google calendar"). */
export const CLIENT_LABEL: Record<ClientFamily, string> = {
	google: 'Google',
	microsoft: 'Outlook',
	apple: 'Apple',
	thunderbird: 'Thunderbird',
	nextcloud: 'Nextcloud/DAVx⁵',
	other: 'other'
};

/** User-Agents are client-controlled: look at a bounded prefix only. */
const MAX_LENGTH = 512;

/** Checked in order: the first match wins (DAVx⁵ says Android, Thunderbird says Mozilla). */
const RULES: readonly [ClientFamily, RegExp][] = [
	['nextcloud', /\bNextcloud\b|\bDAVx5\b|\bDAVx⁵|\bICSx5\b|\bICSx⁵|\bDAVdroid\b/i],
	['thunderbird', /\bThunderbird\/|\bLightning\//i],
	['google', /\bGoogle-Calendar-Importer\b|\bGoogle-Calendar\b|\bGoogleCalendar\b/i],
	[
		'microsoft',
		/\bMicrosoft[ .]Exchange\b|\bMicrosoft Office\b|\bMicrosoft Outlook\b|\bOutlook-(?:iOS|Android)\b|\bMSFT\b|\bExchange\/\d/i
	],
	[
		'apple',
		/\bdataaccessd\/|\bCalendarAgent\/|\biCal\/|\bremindd\/|^(?:iOS|macOS|Mac OS X|Mac_OS_X|iPadOS|watchOS)\/[\d.]+ \(/i
	]
];

export function clientFamily(userAgent: string | null | undefined): ClientFamily {
	if (!userAgent) return 'other';
	const ua = userAgent.slice(0, MAX_LENGTH);
	for (const [family, pattern] of RULES) if (pattern.test(ua)) return family;
	return 'other';
}
