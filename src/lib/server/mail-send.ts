/**
 * Sending the queued change notices (mail.ts queues them): each due notice is claimed, its
 * invitation cut from the person's own feed, mailed over SMTP, and marked sent (with a history
 * entry) or failed (retried later with a growing delay, up to MAX_ATTEMPTS).
 */
import type { Kysely, Selectable } from 'kysely';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { parseLegacyActor } from '#lib/domain/actor.ts';
import type { Person } from '#lib/domain/schema.ts';
import { itemUid } from '#lib/feeds/feed.ts';
import { invitationFromFeed, type Invitation } from '#lib/feeds/itip.ts';
import type { Database, NoticesTable } from './db.ts';
import { recordHistory } from './edit-repository.ts';
import { serveFeed } from './feeds.ts';
import { MAX_ATTEMPTS, type MailConfig, type SendContext } from './mail.ts';
import { MAIL_STRINGS } from './mail-strings.ts';

type Notice = Selectable<NoticesTable>;

let transport: { url: string; t: Transporter } | null = null;

function transporter(config: MailConfig): Transporter {
	if (transport?.url !== config.smtpUrl) {
		transport = { url: config.smtpUrl, t: nodemailer.createTransport(config.smtpUrl) };
	}
	return transport.t;
}

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
	let sent = 0;
	let failed = 0;
	for (const n of await dueNotices(ctx)) {
		if (!(await claim(ctx.db, n))) continue;
		if ((await sendOne(ctx, n)) === 'sent') sent++;
		else failed++;
	}
	return { sent, failed };
}

/** Pending notices, and failed ones whose retry time has come, oldest first, one tick's worth. */
function dueNotices({ db, config, now }: SendContext): Promise<Notice[]> {
	return db
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
}

/** Marks the notice `sending` unless another run changed its state first; true when ours. */
async function claim(db: Kysely<Database>, n: Notice): Promise<boolean> {
	const claimed = await db
		.updateTable('notices')
		.set({ state: 'sending' })
		.where('id', '=', n.id)
		.where('state', '=', n.state)
		.executeTakeFirst();
	return claimed.numUpdatedRows !== 0n;
}

/** One claimed notice: its invitation, the mail, then sent or failed. */
async function sendOne(ctx: SendContext, n: Notice): Promise<'sent' | 'failed'> {
	const person = ctx.fullIndex.people.get(n.person_id);
	if (!person?.email) return fail(ctx, n, 'no email address for this person', true);
	const invitation = await invitationFor(ctx, n, person.id, person.email);
	if (!invitation) {
		return fail(
			ctx,
			n,
			'the item is not in the calendar feed (undated, or removed and past)',
			true
		);
	}
	try {
		await transporter(ctx.config).sendMail(message(ctx, n, person, person.email, invitation));
	} catch (e) {
		return fail(ctx, n, e instanceof Error ? e.message : String(e));
	}
	await markSent(ctx, n, invitation);
	return 'sent';
}

/** Records a failed try; `final` gives up at once (retrying would not help). */
async function fail(
	{ db, config, now }: SendContext,
	n: Notice,
	message: string,
	final = false
): Promise<'failed'> {
	const attempts = final ? MAX_ATTEMPTS : n.attempts + 1;
	// 1, 2, 4, 8 minutes between tries (with the default MAIL_RETRY_SECONDS).
	const delay = config.retrySeconds * 1000 * 2 ** n.attempts;
	const next = new Date(now.getTime() + delay).toISOString();
	await db
		.updateTable('notices')
		.set({ state: 'failed', attempts, last_error: message.slice(0, 500), next_try_at: next })
		.where('id', '=', n.id)
		.execute();
	return 'failed';
}

/** The item's event cut from the person's own feed (same UID and SEQUENCE), or null. */
async function invitationFor(
	{ db, baseUrl, config, now }: SendContext,
	n: Notice,
	personId: string,
	email: string
): Promise<Invitation | null> {
	const tokens = await db
		.selectFrom('feed_tokens')
		.select('include_private_busy')
		.where('person_id', '=', personId)
		.executeTakeFirst();
	const feed = await serveFeed(
		{ type: 'person', person: personId, includePrivateBusy: tokens?.include_private_busy === 1 },
		baseUrl,
		now
	);
	return invitationFromFeed(feed.body, itemUid(n.item_id), config.fromAddress, email);
}

/** The mail: the change in one sentence as plain text, with the invitation attached. */
function message(
	ctx: SendContext,
	n: Notice,
	person: Person,
	email: string,
	invitation: Invitation
): SendMailOptions {
	const strings = MAIL_STRINGS[ctx.config.language];
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
	return {
		from: ctx.config.from,
		to: email,
		subject: invitation.method === 'CANCEL' ? strings.cancelSubject(title) : strings.subject(title),
		text,
		icalEvent: { method: invitation.method, filename: 'invite.ics', content: invitation.ics }
	};
}

/** The notice marked sent and its history entry, in one transaction. */
async function markSent({ db, now }: SendContext, n: Notice, invitation: Invitation) {
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
