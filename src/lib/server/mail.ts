/**
 * Change notices by email. With SMTP_URL and MAIL_FROM set, organizers send a notice about an
 * item to the people concerned, and a timer in the server process sends one on its own when a
 * decided or moved item starts soon and a person's calendar has not fetched the change. Each
 * notice is plain text with the change in one sentence, plus an iTIP invitation cut from the
 * person's own feed (same UID and SEQUENCE: see #lib/feeds/itip.ts).
 *
 * Notices are rows of `notices` (pending -> sent, or failed and retried with a growing delay up
 * to MAX_ATTEMPTS); a sent one is also recorded in the history. Without SMTP_URL nothing here
 * runs and the rest of the app is unaffected.
 */
import { parseLegacyActor } from '../domain/actor.ts';
import type { Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { addDays, resolve, todayIn } from '#lib/domain/dates.ts';
import { noticeSentence } from '#lib/domain/delivery.ts';
import type { PlanIndex } from '#lib/domain/plan-index.ts';
import type { Item, Person } from '#lib/domain/schema.ts';
import { itemUid } from '#lib/feeds/feed.ts';
import { invitationFromFeed } from '#lib/feeds/itip.ts';
import type { Database } from './db.ts';
import { lastFetches } from './delivery-report.ts';
import { recordHistory } from './edit-repository.ts';
import { serveFeed } from './feeds.ts';
import { MAIL_STRINGS, type MailLanguage } from './mail-strings.ts';
import { loadItemMeta, type ItemMeta } from './plan-repository.ts';

export type MailConfig = {
	smtpUrl: string;
	/** MAIL_FROM as given ("IWW Planner <planner@example.org>" or a bare address). */
	from: string;
	/** The bare address of MAIL_FROM, for the invitation's ORGANIZER. */
	fromAddress: string;
	/** Automatic notices for items starting within this many days (MAIL_LEAD_DAYS, 14). */
	leadDays: number;
	/** … whose change a calendar has not fetched within this many hours (MAIL_LAG_HOURS, 6). */
	lagHours: number;
	/** How often the timer looks (MAIL_TICK_SECONDS, 300). */
	tickSeconds: number;
	/** At most this many notices are sent per tick (MAIL_MAX_PER_TICK, 20). */
	maxPerTick: number;
	/** The first retry waits this long, each next one twice as long (MAIL_RETRY_SECONDS, 60). */
	retrySeconds: number;
	language: MailLanguage;
};

export const MAX_ATTEMPTS = 5;

function number(raw: string | undefined, fallback: number, min: number, max: number): number {
	const n = raw === undefined || raw.trim() === '' ? fallback : Number(raw);
	if (!Number.isFinite(n) || n < min || n > max) {
		throw new RangeError(`expected a number from ${min} to ${max}, got "${raw}"`);
	}
	return n;
}

/** The mail settings, or null when SMTP_URL or MAIL_FROM is unset (email is off). */
export function readMailConfig(
	env: Record<string, string | undefined> = process.env
): MailConfig | null {
	const smtpUrl = env.SMTP_URL?.trim();
	const from = env.MAIL_FROM?.trim();
	if (!smtpUrl || !from) return null;
	const url = new URL(smtpUrl);
	if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
		throw new RangeError(`SMTP_URL must start with smtp:// or smtps://, got ${url.protocol}`);
	}
	const fromAddress = (/<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? from).trim();
	if (!/^[^\s@]+@[^\s@]+$/.test(fromAddress)) {
		throw new RangeError(`MAIL_FROM has no email address: ${from}`);
	}
	return {
		smtpUrl,
		from,
		fromAddress,
		leadDays: number(env.MAIL_LEAD_DAYS, 14, 0, 365),
		lagHours: number(env.MAIL_LAG_HOURS, 6, 0, 24 * 30),
		tickSeconds: number(env.MAIL_TICK_SECONDS, 300, 0.1, 86_400),
		maxPerTick: number(env.MAIL_MAX_PER_TICK, 20, 1, 1000),
		retrySeconds: number(env.MAIL_RETRY_SECONDS, 60, 0.1, 86_400),
		language: 'en'
	};
}

/** Who a notice about `itemId` goes to: its people and the members of its groups. */
export function peopleConcerned(index: PlanIndex, itemId: string): Person[] {
	const ids = new Set<string>();
	const item = index.items.get(itemId);
	const groups = new Set<string>(item?.group ? [item.group] : []);
	for (const a of index.assignmentsByItem.get(itemId) ?? []) {
		if (a.person) ids.add(a.person);
		if (a.group) groups.add(a.group);
	}
	for (const g of groups) for (const m of index.groups.get(g)?.members ?? []) ids.add(m);
	// A removed item has no assignments left; everyone's feed showed it.
	if (ids.size === 0) for (const p of index.plan.people) ids.add(p.id);
	return [...ids].flatMap((id) => index.people.get(id) ?? []);
}

/** The item before its last recorded change (null when new, or changed by an import). */
async function lastChange(
	db: Kysely<Database>,
	itemId: string
): Promise<{ before: Item | null; after: Item | null; action: string } | null> {
	const row = await db
		.selectFrom('history')
		.select(['before', 'after', 'action'])
		.where('entity', '=', 'item')
		.where('entity_id', '=', itemId)
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!row) return null;
	return {
		before: row.before === null ? null : (JSON.parse(row.before) as Item),
		after: row.after === null ? null : (JSON.parse(row.after) as Item),
		action: row.action
	};
}

/**
 * Queues one notice per person with an email address; returns how many. Persons without an
 * address are skipped (the page says so).
 */
export async function queueNotices(
	db: Kysely<Database>,
	index: PlanIndex,
	meta: ItemMeta,
	people: readonly Person[],
	actor: string,
	now: Date,
	locale = 'en-GB'
): Promise<number> {
	const change = await lastChange(db, meta.id);
	const current = meta.deletedAt === null ? (index.items.get(meta.id) ?? null) : null;
	const sentence = noticeSentence(change?.before ?? null, current, meta.item.title, locale);
	const rows = people
		.filter((p) => p.email !== undefined)
		.map((p) => ({
			item_id: meta.id,
			person_id: p.id,
			actor,
			created_at: now.toISOString(),
			method: current ? 'REQUEST' : 'CANCEL',
			sequence: Math.max(0, meta.revision - 1),
			revision: meta.revision,
			sentence,
			state: 'pending',
			next_try_at: null
		}));
	if (rows.length) await db.insertInto('notices').values(rows).execute();
	return rows.length;
}

let transport: { url: string; t: Transporter } | null = null;

function transporter(config: MailConfig): Transporter {
	if (transport?.url !== config.smtpUrl) {
		transport = { url: config.smtpUrl, t: nodemailer.createTransport(config.smtpUrl) };
	}
	return transport.t;
}

export type SendContext = {
	db: Kysely<Database>;
	/** The full plan (email addresses included). */
	fullIndex: PlanIndex;
	baseUrl: string;
	config: MailConfig;
	now: Date;
};

let sending: Promise<unknown> = Promise.resolve();

/**
 * Sends the notices that are due (pending, or failed and due for a retry), at most maxPerTick.
 * One run at a time per process (an organizer's send and the timer take turns), and each notice
 * is claimed (state `sending`) before it goes out, so no notice is sent twice.
 */
export function sendDue(ctx: SendContext): Promise<{ sent: number; failed: number }> {
	const run = sending.then(() => sendDueNow(ctx));
	sending = run.catch(() => undefined);
	return run;
}

async function sendDueNow(ctx: SendContext): Promise<{ sent: number; failed: number }> {
	const { db, config, now } = ctx;
	const due = await db
		.selectFrom('notices')
		.selectAll()
		.where('state', 'in', ['pending', 'failed'])
		.where('attempts', '<', MAX_ATTEMPTS)
		.where((eb) =>
			eb.or([eb('next_try_at', 'is', null), eb('next_try_at', '<=', now.toISOString())])
		)
		.orderBy('id')
		.limit(config.maxPerTick)
		.execute();
	const strings = MAIL_STRINGS[config.language];
	let sent = 0;
	let failed = 0;
	for (const n of due) {
		const claimed = await db
			.updateTable('notices')
			.set({ state: 'sending' })
			.where('id', '=', n.id)
			.where('state', '=', n.state)
			.executeTakeFirst();
		if (claimed.numUpdatedRows === 0n) continue;
		const person = ctx.fullIndex.people.get(n.person_id);
		const fail = async (message: string, final = false) => {
			failed++;
			const attempts = final ? MAX_ATTEMPTS : n.attempts + 1;
			// 1, 2, 4, 8 minutes between tries (with the default MAIL_RETRY_SECONDS).
			const delay = config.retrySeconds * 1000 * 2 ** n.attempts;
			const next = new Date(now.getTime() + delay).toISOString();
			await db
				.updateTable('notices')
				.set({ state: 'failed', attempts, last_error: message.slice(0, 500), next_try_at: next })
				.where('id', '=', n.id)
				.execute();
		};
		if (!person?.email) {
			await fail('no email address for this person', true);
			continue;
		}
		const tokens = await db
			.selectFrom('feed_tokens')
			.select('include_private_busy')
			.where('person_id', '=', person.id)
			.executeTakeFirst();
		const feed = await serveFeed(
			{
				type: 'person',
				person: person.id,
				includePrivateBusy: tokens?.include_private_busy === 1
			},
			ctx.baseUrl,
			now
		);
		const invitation = invitationFromFeed(
			feed.body,
			itemUid(n.item_id),
			config.fromAddress,
			person.email
		);
		if (!invitation) {
			await fail('the item is not in the calendar feed (undated, or removed and past)', true);
			continue;
		}
		const title = ctx.fullIndex.items.get(n.item_id)?.title ?? n.sentence;
		const text = [
			strings.greeting(person.name),
			'',
			n.sentence,
			'',
			strings.why,
			'',
			strings.details(`${ctx.baseUrl}/items/${n.item_id}`),
			'',
			`-- `,
			strings.footer,
			''
		].join('\n');
		try {
			await transporter(config).sendMail({
				from: config.from,
				to: person.email,
				subject:
					invitation.method === 'CANCEL' ? strings.cancelSubject(title) : strings.subject(title),
				text,
				icalEvent: {
					method: invitation.method,
					filename: 'invite.ics',
					content: invitation.ics
				}
			});
		} catch (e) {
			await fail(e instanceof Error ? e.message : String(e));
			continue;
		}
		sent++;
		await db.transaction().execute(async (trx) => {
			await trx
				.updateTable('notices')
				.set({
					state: 'sent',
					attempts: n.attempts + 1,
					sent_at: now.toISOString(),
					method: invitation.method,
					sequence: invitation.sequence,
					last_error: null
				})
				.where('id', '=', n.id)
				.execute();
			await recordHistory(trx, {
				at: now.toISOString(),
				actor: parseLegacyActor(n.actor),
				entity: 'notice',
				entityId: n.item_id,
				action: 'sent',
				refs: [n.item_id, n.person_id],
				before: null,
				// Never the address: history is shown more widely than the people list.
				after: {
					item: n.item_id,
					person: n.person_id,
					method: invitation.method,
					sequence: invitation.sequence,
					notice: n.sentence
				}
			});
		});
	}
	return { sent, failed };
}

/**
 * Queues automatic notices: items decided or moved (their last change moved the dates, changed
 * the status to confirmed or cancelled, or removed them) that start within `leadDays`, changed
 * more than `lagHours` ago, for each person concerned whose calendar last fetched before the
 * change. People whose calendar never fetched get none (they have not subscribed). One automatic
 * notice per person and item revision, ever.
 */
export async function queueAutomatic(ctx: SendContext): Promise<number> {
	const { db, fullIndex, config, now } = ctx;
	const today = todayIn(fullIndex.plan.zone, now.getTime());
	const horizon = addDays(today, config.leadDays);
	const settled = new Date(now.getTime() - config.lagHours * 3_600_000).toISOString();
	const fetches = await lastFetches(db);
	let queued = 0;
	for (const meta of await loadItemMeta(db)) {
		if (queued >= config.maxPerTick) break;
		if (meta.updatedAt > settled) continue;
		const live = meta.deletedAt === null ? fullIndex.items.get(meta.id) : undefined;
		const dates = live ? fullIndex.dates.get(meta.id) : undefined;
		const start = dates?.earliest ?? null;
		const removedStart = live ? null : meta.item.when;
		if (live && (start === null || start < today || start > horizon)) continue;
		if (!live) {
			// A removed item matters only if it was due to start within the window.
			const r = removedStart ? resolve(removedStart) : null;
			if (!r?.earliest || r.earliest < today || r.earliest > horizon) continue;
		}
		const change = await lastChange(db, meta.id);
		if (!change) continue;
		const moved =
			change.action === 'delete' ||
			JSON.stringify(change.before?.when) !== JSON.stringify(change.after?.when) ||
			(change.before?.status !== change.after?.status &&
				(change.after?.status === 'confirmed' || change.after?.status === 'cancelled'));
		if (!moved) continue;
		const lagging = peopleConcerned(fullIndex, meta.id).filter((p) => {
			const f = fetches.get(p.id);
			return p.email !== undefined && f !== undefined && f.at < meta.updatedAt;
		});
		const done = new Set(
			(
				await db
					.selectFrom('notices')
					.select('person_id')
					.where('item_id', '=', meta.id)
					.where('revision', '=', meta.revision)
					.where('actor', '=', 'auto')
					.execute()
			).map((r) => r.person_id)
		);
		const todo = lagging.filter((p) => !done.has(p.id));
		if (todo.length) queued += await queueNotices(db, fullIndex, meta, todo, 'auto', now);
	}
	return queued;
}

export type NoticeView = {
	id: number;
	item: string;
	person: string;
	actor: string;
	createdAt: string;
	method: string;
	sequence: number;
	sentence: string;
	state: string;
	attempts: number;
	lastError: string | null;
	sentAt: string | null;
	nextTryAt: string | null;
};

/** The latest notices, newest first (for /delivery); no addresses. */
export async function recentNotices(db: Kysely<Database>, limit = 50): Promise<NoticeView[]> {
	const rows = await db
		.selectFrom('notices')
		.selectAll()
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		item: r.item_id,
		person: r.person_id,
		actor: r.actor,
		createdAt: r.created_at,
		method: r.method,
		sequence: r.sequence,
		sentence: r.sentence,
		state: r.state,
		attempts: r.attempts,
		lastError: r.last_error,
		sentAt: r.sent_at,
		nextTryAt: r.next_try_at
	}));
}
