/**
 * The server's own time zone must never show: the same plan rendered by servers running at UTC+14
 * (Pacific/Kiritimati) and UTC−11 (Pacific/Pago_Pago) gives the same pages, and all-day dates stay
 * on their plan days (NETmundial+10 is 29–30 April 2024 everywhere).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchText, textOf } from '../helpers/http.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const ZONES = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu'] as const;
const servers = new Map<string, RunningServer>();

beforeAll(async () => {
	for (const tz of ZONES) servers.set(tz, await startServer({ env: { TZ: tz } }));
});
afterAll(async () => {
	await Promise.all([...servers.values()].map((s) => s.stop()));
});

const page = async (tz: string, path: string) => {
	const s = servers.get(tz);
	if (!s) throw new Error(`no server for ${tz}`);
	const res = await fetchText(`${s.url}${path}`, { headers: { 'accept-language': 'en-GB' } });
	expect(res.status).toBe(200);
	// Feed links carry the server's own port; everything else must match byte for byte.
	return res.body.replace(/127\.0\.0\.1(:|%3A)\d+/g, 'HOST');
};

describe('pages do not depend on the server time zone', () => {
	for (const path of ['/?today=2024-03-01', '/plan', '/items/netmundial-10', '/people/lise-fuhr']) {
		it(`${path} is identical at UTC+14, UTC−11 and UTC+5:45`, async () => {
			const [first, ...rest] = await Promise.all(ZONES.map((tz) => page(tz, path)));
			// Only the assets' hashes could differ between builds; these servers share one build.
			for (const other of rest) expect(other).toBe(first);
		});
	}

	it('keeps NETmundial+10 on 29–30 April and the 18 Dec call at 16:00 UTC', async () => {
		for (const tz of ZONES) {
			expect(textOf(await page(tz, '/items/netmundial-10'))).toContain('29–30 Apr 2024');
			expect(textOf(await page(tz, '/items/plenary-2023-12-18'))).toContain(
				'Mon 18 Dec 2023, 16:00–17:00 UTC'
			);
		}
	});
});
