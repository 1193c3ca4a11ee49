import { PlanFile } from '#lib/domain/schema.ts';
import { indexPlan } from '#lib/domain/plan-index.ts';
import { buildFeed } from '#lib/feeds/feed.ts';
const plan = PlanFile.parse({
	version: 1,
	name: '\ud83d ',
	description: 'x',
	people: [{ id: 'p', name: '\ud83d ' }],
	groups: [{ id: 'g', name: '\ud83d ', kind: 'working-group', members: ['p'] }],
	items: [
		{
			id: 'i0',
			kind: 'event',
			title: '😀'.repeat(1000),
			description: ' ,,\ud83d,𐀀𐀀ࠀ',
			group: 'g',
			when: { type: 'month', year: 2023, month: 3, text: '\ud83d ' }
		}
	],
	assignments: [{ id: 'a0', item: 'i0', role: 'lead', who: '\ud83d ', person: 'p' }]
});
const meta = plan.items.map((item) => ({
	id: item.id,
	revision: 1,
	updatedAt: '2024-01-01T00:00:00.000Z',
	deletedAt: null,
	item
}));
for (const f of [
	{ type: 'all' },
	{ type: 'group', group: 'g' },
	{ type: 'person', person: 'p', includePrivateBusy: true }
] as const) {
	const t = buildFeed(indexPlan(plan), meta, f, {
		baseUrl: 'https://x.example',
		now: '2024-01-01T00:00:00Z'
	});
	for (const l of t.split('\r\n'))
		if (Buffer.byteLength(l) > 75) console.log(f.type, Buffer.byteLength(l), JSON.stringify(l));
}
