/**
 * Saving a chosen window as a meeting from /find: only signed-in organizers, the new meeting is in
 * the plan (and so in the feeds), and bad input is a 400 that writes nothing.
 */
import { PlanFile } from '#lib/domain/schema.ts';
import { postForm, signInAs } from '../helpers/forms.ts';
import { fetchText } from '../helpers/http.ts';
import { expect, it, startsServer } from '../helpers/fixture.ts';
import type { RunningServer } from '../helpers/server.ts';

const PASSWORD = 'find-save-test-password';
it.override('serverOptions', { env: { ORGANIZER_PASSWORD: PASSWORD } });
it.beforeAll(startsServer);

const window = {
	title: 'Panel meeting in Riyadh',
	location: 'riyadh',
	start: '2024-02-19',
	end: '2024-02-20',
	required: 'all members',
	optional: ''
};
const plan = async (server: RunningServer) =>
	PlanFile.parse(JSON.parse((await fetchText(`${server.url}/api/plan`)).body));

it('shows the save button only to organizers, and saves the window as a meeting', async ({
	server
}) => {
	// Without a plan item to decide, organizers save the window as a new meeting.
	expect((await fetchText(`${server.url}/find?item=`)).body).not.toContain('Save as a new meeting');
	const anonymous = await postForm(`${server.url}/find?/save`, window);
	expect(anonymous.status).toBe(403);

	const cookie = await signInAs(server.url, 'Ana', PASSWORD);
	const page = await fetchText(`${server.url}/find?item=`, { headers: { cookie } });
	expect(page.body).toContain('Save as a new meeting');

	const before = (await plan(server)).items.length;
	const bad = await postForm(
		`${server.url}/find?/save`,
		{ ...window, end: '2024-02-18' },
		{ cookie }
	);
	expect(bad.status).toBe(400);
	expect((await plan(server)).items.length).toBe(before);

	const saved = await postForm(`${server.url}/find?/save`, window, { cookie });
	expect(saved.status).toBe(303);
	const href = saved.location ?? '';
	expect(href).toMatch(/^\/items\/[a-z0-9-]+$/);
	const after = await plan(server);
	const meeting = after.items.find((i) => href.endsWith(`/${i.id}`));
	expect(meeting?.kind).toBe('meeting');
	expect(meeting?.when).toMatchObject({ type: 'range', start: '2024-02-19', end: '2024-02-20' });
	expect(after.assignments.some((a) => a.item === meeting?.id)).toBe(true);
	const history = await fetchText(`${server.url}/history`, { headers: { cookie } });
	expect(history.body).toContain('Ana');
});
