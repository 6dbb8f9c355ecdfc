// Organisations under a Ministry (PSUs, autonomous bodies, attached offices) onboarded by its Nodal Officer,
// and their sub-nodal officers (O.M. of 15.11.2022 para 3.4). Deactivating an organisation (or revoking an
// officer) ends the officers' access at once: the SUB_NODAL_OFFICER grant is deleted, every session of theirs
// is revoked, and the invitation record is marked REVOKED — all in one audited transaction.
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { abilities, hasRole, type Actor, type ResourceScope } from '@cscms/domain';
import { appendAudit } from '../../audit/audit.ts';
import { revokeUserSessions } from '../../auth/sessions.ts';
import { forgetUserSessions } from '../../auth/session-cache.ts';
import { one, rows, sql, type Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { notify } from '../../notify/notify.ts';
import { authorize } from '../rules/common.ts';

export type OrganisationKind = 'PSU' | 'AUTONOMOUS' | 'ATTACHED' | 'SUBORDINATE' | 'OTHER';

export interface OrganisationRow {
  id: number;
  ministry_id: number;
  name_en: string;
  name_hi: string;
  kind: OrganisationKind;
  station: string | null;
  active: boolean;
  version: number;
  created_at: string;
  deactivated_at: string | null;
  deactivation_reason: string | null;
  ministry_en?: string;
  ministry_hi?: string;
}

export interface OfficerRow {
  id: number;
  organisation_id: number;
  user_id: string;
  login_id: string;
  email: string | null;
  name: string;
  designation: string | null;
  status: 'ACTIVE' | 'REVOKED';
  invited_at: string;
  revoked_at: string | null;
  revoke_reason: string | null;
}

export const ORGANISATION_ACTIONS = ['organisation.manage', 'deputation.ad.manage'] as const;

export function orgScope(o: Pick<OrganisationRow, 'id' | 'ministry_id'>): ResourceScope {
  return { ministryId: o.ministry_id, organisationId: o.id };
}

export async function loadOrganisation(ex: Executor, id: number, forUpdate = false): Promise<OrganisationRow | undefined> {
  return one<OrganisationRow>(ex, sql`
    SELECT o.id, o.ministry_id, o.name_en, o.name_hi, o.kind, o.station, o.active, o.version, o.created_at, o.deactivated_at, o.deactivation_reason,
           m.name_en AS ministry_en, m.name_hi AS ministry_hi
      FROM organisation o JOIN ministry m ON m.id = o.ministry_id WHERE o.id = ${id} ${forUpdate ? sql`FOR UPDATE OF o` : sql``}`);
}

export async function organisationOr404(ex: Executor, id: number, forUpdate = false): Promise<OrganisationRow> {
  const o = await loadOrganisation(ex, id, forUpdate);
  if (!o) throw new AppError('NOT_FOUND', { en: 'No such organisation.', hi: 'ऐसा कोई संगठन नहीं है।' });
  return o;
}

export async function activeOfficerUserIds(ex: Executor, organisationId: number): Promise<string[]> {
  return (await rows<{ user_id: string }>(ex, sql`
    SELECT DISTINCT g.user_id FROM role_grant g JOIN app_user u ON u.id = g.user_id
     WHERE g.role = 'SUB_NODAL_OFFICER' AND g.organisation_id = ${organisationId} AND u.active`)).map((r) => r.user_id);
}

export function organisationOut(actor: Actor, o: OrganisationRow, officers?: OfficerRow[]) {
  return {
    id: o.id,
    ministryId: o.ministry_id,
    ministry: o.ministry_en ? { en: o.ministry_en, hi: o.ministry_hi || o.ministry_en } : null,
    nameEn: o.name_en,
    nameHi: o.name_hi,
    kind: o.kind,
    station: o.station,
    active: o.active,
    version: o.version,
    deactivatedAt: o.deactivated_at == null ? null : String(o.deactivated_at),
    deactivationReason: o.deactivation_reason,
    ...(officers
      ? {
          officers: officers.map((f) => ({
            id: f.id,
            userId: f.user_id,
            loginId: f.login_id,
            email: f.email,
            name: f.name,
            designation: f.designation,
            status: f.status,
            invitedAt: String(f.invited_at),
            revokedAt: f.revoked_at == null ? null : String(f.revoked_at),
            revokeReason: f.revoke_reason,
          })),
        }
      : {}),
    abilities: o.active ? abilities(actor, ORGANISATION_ACTIONS, orgScope(o)) : abilities(actor, ['organisation.manage'], orgScope(o)),
  };
}

/** The organisations the actor may see (Nodal Officer: own Ministry; sub-nodal officer: own organisation; CS.I/CS.II, admin: all). */
export async function listOrganisations(ex: Executor, actor: Actor, q: { ministryId?: number; active?: boolean; limit: number; offset: number }) {
  const wide = hasRole(actor, 'CADRE_AUTHORITY') || hasRole(actor, 'ADMIN');
  const ministries = actor.grants.filter((g) => g.role === 'NODAL_OFFICER' && g.ministryId != null).map((g) => g.ministryId as number);
  const orgs = actor.grants.filter((g) => g.role === 'SUB_NODAL_OFFICER' && g.organisationId != null).map((g) => g.organisationId as number);
  const scope = wide
    ? sql`true`
    : sql`(${ministries.length ? sql`o.ministry_id IN (${sql.join(ministries.map((m) => sql`${m}`), sql`, `)})` : sql`false`} OR ${orgs.length ? sql`o.id IN (${sql.join(orgs.map((m) => sql`${m}`), sql`, `)})` : sql`false`})`;
  const list = await rows<OrganisationRow & { total: number }>(ex, sql`
    SELECT o.id, o.ministry_id, o.name_en, o.name_hi, o.kind, o.station, o.active, o.version, o.created_at, o.deactivated_at, o.deactivation_reason,
           m.name_en AS ministry_en, m.name_hi AS ministry_hi, count(*) OVER ()::int AS total
      FROM organisation o JOIN ministry m ON m.id = o.ministry_id
     WHERE ${scope} ${q.ministryId != null ? sql`AND o.ministry_id = ${q.ministryId}` : sql``} ${q.active != null ? sql`AND o.active = ${q.active}` : sql``}
     ORDER BY o.active DESC, o.name_en, o.id LIMIT ${q.limit} OFFSET ${q.offset}`);
  return { items: list.map((o) => organisationOut(actor, o)), total: list[0]?.total ?? 0 };
}

export async function viewOrganisation(ex: Executor, actor: Actor, id: number) {
  const o = await organisationOr404(ex, id);
  authorize(actor, 'organisation.read', orgScope(o));
  const officers = await rows<OfficerRow>(ex, sql`SELECT * FROM organisation_officer WHERE organisation_id = ${id} ORDER BY status, invited_at DESC`);
  return organisationOut(actor, o, officers);
}

export interface OrganisationInput {
  ministryId?: number;
  nameEn: string;
  nameHi: string;
  kind: OrganisationKind;
  station?: string | null;
}

/** The Ministry a Nodal Officer onboards for: the one given, else their only Ministry. */
function ministryFor(actor: Actor, given?: number): number {
  if (given != null) return given;
  const ms = [...new Set(actor.grants.filter((g) => g.role === 'NODAL_OFFICER' && g.ministryId != null).map((g) => g.ministryId as number))];
  if (ms.length === 1) return ms[0];
  throw new AppError('VALIDATION', { field: 'ministryId', en: 'ministryId: say for which Ministry.', hi: 'ministryId: बताएँ कि किस मंत्रालय के लिए।' });
}

export async function createOrganisation(tx: Executor, req: FastifyRequest, input: OrganisationInput, now: Date): Promise<number> {
  const actor = req.actor!;
  const ministryId = ministryFor(actor, input.ministryId);
  const role = authorize(actor, 'organisation.manage', { ministryId });
  const m = await one(tx, sql`SELECT id FROM ministry WHERE id = ${ministryId}`);
  if (!m) throw new AppError('VALIDATION', { field: 'ministryId', en: 'ministryId: no such Ministry.', hi: 'ministryId: ऐसा कोई मंत्रालय नहीं है।' });
  const dup = await one(tx, sql`SELECT id FROM organisation WHERE ministry_id = ${ministryId} AND lower(name_en) = lower(${input.nameEn})`);
  if (dup) throw new AppError('CONFLICT', { field: 'nameEn', en: 'nameEn: an organisation of this name is already onboarded under the Ministry.', hi: 'nameEn: इस नाम का संगठन मंत्रालय के अंतर्गत पहले से जुड़ा है।' });
  const r = (await one<{ id: number }>(tx, sql`
    INSERT INTO organisation (ministry_id, name_en, name_hi, kind, station, created_by, updated_at)
    VALUES (${ministryId}, ${input.nameEn}, ${input.nameHi}, ${input.kind}, ${input.station ?? null}, ${actor.userId}, ${now.toISOString()}) RETURNING id`))!;
  await appendAudit(tx, auditContext(req, now, role), { entity: 'organisation', entityId: String(r.id), action: 'organisation.onboard', changes: { ministryId, nameEn: input.nameEn, nameHi: input.nameHi, kind: input.kind, station: input.station ?? null } });
  return r.id;
}

export async function updateOrganisation(tx: Executor, req: FastifyRequest, id: number, input: Partial<OrganisationInput> & { version: number }, now: Date): Promise<void> {
  const o = await organisationOr404(tx, id, true);
  const role = authorize(req.actor!, 'organisation.manage', orgScope(o));
  if (o.version !== input.version) throw new AppError('STALE_VERSION', { extra: { currentVersion: o.version } });
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const next = { name_en: input.nameEn ?? o.name_en, name_hi: input.nameHi ?? o.name_hi, kind: input.kind ?? o.kind, station: input.station === undefined ? o.station : input.station };
  for (const k of Object.keys(next) as Array<keyof typeof next>) if (next[k] !== o[k]) changes[k] = { before: o[k], after: next[k] };
  await tx.execute(sql`UPDATE organisation SET name_en = ${next.name_en}, name_hi = ${next.name_hi}, kind = ${next.kind}, station = ${next.station}, version = version + 1, updated_at = ${now.toISOString()} WHERE id = ${id} AND version = ${input.version}`);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'organisation', entityId: String(id), action: 'organisation.update', changes });
}

/** Ends an officer's access now: grant deleted, sessions revoked, invitation marked REVOKED. Returns sessions ended. */
async function revokeOfficer(tx: Executor, f: OfficerRow, by: string, reason: string, now: Date): Promise<number> {
  await tx.execute(sql`DELETE FROM role_grant WHERE user_id = ${f.user_id} AND role = 'SUB_NODAL_OFFICER' AND organisation_id = ${f.organisation_id}`);
  await tx.execute(sql`UPDATE organisation_officer SET status = 'REVOKED', revoked_by = ${by}, revoked_at = ${now.toISOString()}, revoke_reason = ${reason} WHERE id = ${f.id}`);
  return revokeUserSessions(tx, f.user_id, now);
}

export async function setOrganisationActive(tx: Executor, req: FastifyRequest, id: number, active: boolean, version: number, reason: string | undefined, now: Date) {
  const actor = req.actor!;
  const o = await organisationOr404(tx, id, true);
  const role = authorize(actor, 'organisation.manage', orgScope(o));
  if (o.version !== version) throw new AppError('STALE_VERSION', { extra: { currentVersion: o.version } });
  if (o.active === active)
    throw new AppError('CONFLICT', { en: active ? 'The organisation is already active.' : 'The organisation is already deactivated.', hi: active ? 'संगठन पहले से सक्रिय है।' : 'संगठन पहले से निष्क्रिय है।' });
  let sessionsEnded = 0;
  let officersRevoked = 0;
  if (!active) {
    const officers = await rows<OfficerRow>(tx, sql`SELECT * FROM organisation_officer WHERE organisation_id = ${id} AND status = 'ACTIVE' FOR UPDATE`);
    // grants given outside the invitation (seeded personas) end too
    const others = await rows<{ user_id: string }>(tx, sql`SELECT DISTINCT user_id FROM role_grant WHERE role = 'SUB_NODAL_OFFICER' AND organisation_id = ${id}`);
    for (const f of officers) {
      sessionsEnded += await revokeOfficer(tx, f, actor.userId, reason ?? 'organisation deactivated', now);
      officersRevoked++;
    }
    for (const u of others.filter((x) => !officers.some((f) => f.user_id === x.user_id))) {
      await tx.execute(sql`DELETE FROM role_grant WHERE user_id = ${u.user_id} AND role = 'SUB_NODAL_OFFICER' AND organisation_id = ${id}`);
      sessionsEnded += await revokeUserSessions(tx, u.user_id, now);
      officersRevoked++;
    }
    await notify(tx, {
      userIds: [...officers.map((f) => f.user_id), ...others.map((x) => x.user_id)],
      kind: 'organisation.deactivated',
      title: { en: `${o.name_en} has been deactivated on CSCMS`, hi: `${o.name_hi || o.name_en} को सीएससीएमएस पर निष्क्रिय कर दिया गया है` },
      body: { en: 'Your access as its sub-nodal officer has ended.', hi: 'इसके उप-नोडल अधिकारी के रूप में आपकी पहुँच समाप्त हो गई है।' },
      email: true,
    }, now);
  }
  await tx.execute(sql`
    UPDATE organisation SET active = ${active}, version = version + 1, updated_at = ${now.toISOString()},
           deactivated_at = ${active ? null : now.toISOString()}, deactivated_by = ${active ? null : actor.userId}, deactivation_reason = ${active ? null : (reason ?? null)}
     WHERE id = ${id} AND version = ${version}`);
  await appendAudit(tx, auditContext(req, now, role), {
    entity: 'organisation',
    entityId: String(id),
    action: active ? 'organisation.activate' : 'organisation.deactivate',
    changes: { active: { before: o.active, after: active }, officersRevoked, sessionsEnded },
    reason: reason ?? null,
  });
  return { officersRevoked, sessionsEnded };
}

export interface InviteInput {
  loginId: string;
  email: string;
  name: string;
  designation?: string;
}

/**
 * Invites a sub-nodal officer: the e-Parichay login id (and e-mail) they will log in with. An existing
 * account of that login id gets the grant; otherwise an account is created, matched at first login.
 */
export async function inviteOfficer(tx: Executor, req: FastifyRequest, orgId: number, input: InviteInput, now: Date): Promise<number> {
  const actor = req.actor!;
  const o = await organisationOr404(tx, orgId, true);
  const existing = await one<{ id: string; active: boolean }>(tx, sql`SELECT id, active FROM app_user WHERE login_id = ${input.loginId}`);
  const role = authorize(actor, 'organisation.manage', { ...orgScope(o), ownerUserId: existing?.id ?? null });
  if (!o.active) throw new AppError('CONFLICT', { en: 'The organisation is deactivated: activate it before inviting officers.', hi: 'संगठन निष्क्रिय है: अधिकारियों को आमंत्रित करने से पहले इसे सक्रिय करें।' });
  let userId = existing?.id;
  if (existing && !existing.active) throw new AppError('CONFLICT', { field: 'loginId', en: 'loginId: this account is disabled.', hi: 'loginId: यह खाता अक्षम है।' });
  if (!userId) {
    userId = randomUUID();
    await tx.execute(sql`INSERT INTO app_user (id, login_id, email, display_name, persona) VALUES (${userId}, ${input.loginId}, ${input.email}, ${input.name}, 'sub-nodal')`);
  }
  const already = await one(tx, sql`SELECT id FROM organisation_officer WHERE organisation_id = ${orgId} AND user_id = ${userId} AND status = 'ACTIVE'`);
  if (already) throw new AppError('CONFLICT', { field: 'loginId', en: 'loginId: already a sub-nodal officer of this organisation.', hi: 'loginId: पहले से इस संगठन के उप-नोडल अधिकारी हैं।' });
  await tx.execute(sql`
    INSERT INTO role_grant (user_id, role, ministry_id, organisation_id) VALUES (${userId}, 'SUB_NODAL_OFFICER', ${o.ministry_id}, ${orgId})
    ON CONFLICT (user_id, role, ministry_id, organisation_id) DO NOTHING`);
  forgetUserSessions(userId); // a live session of this user gets the new grant on its next request
  const f = (await one<{ id: number }>(tx, sql`
    INSERT INTO organisation_officer (organisation_id, user_id, login_id, email, name, designation, invited_by, invited_at)
    VALUES (${orgId}, ${userId}, ${input.loginId}, ${input.email}, ${input.name}, ${input.designation ?? null}, ${actor.userId}, ${now.toISOString()}) RETURNING id`))!;
  await notify(tx, {
    userIds: [userId],
    kind: 'organisation.officer.invited',
    title: { en: `You are the sub-nodal officer of ${o.name_en} on CSCMS`, hi: `आप सीएससीएमएस पर ${o.name_hi || o.name_en} के उप-नोडल अधिकारी हैं` },
    body: {
      en: 'Log in through e-Parichay to publish deputation advertisements and deal with the applications forwarded to your organisation.',
      hi: 'प्रतिनियुक्ति विज्ञापन प्रकाशित करने और अपने संगठन को अग्रेषित आवेदनों पर कार्रवाई के लिए ई-परिचय से लॉग इन करें।',
    },
    link: '/deputation/manage',
    email: true,
  }, now);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'organisation', entityId: String(orgId), action: 'organisation.officer.invite', changes: { officerId: f.id, userId, loginId: input.loginId, email: input.email, name: input.name, newAccount: !existing } });
  return f.id;
}

export async function revokeOfficerById(tx: Executor, req: FastifyRequest, orgId: number, officerId: number, reason: string, now: Date): Promise<number> {
  const o = await organisationOr404(tx, orgId, true);
  const f = await one<OfficerRow>(tx, sql`SELECT * FROM organisation_officer WHERE id = ${officerId} AND organisation_id = ${orgId} FOR UPDATE`);
  const role = authorize(req.actor!, 'organisation.manage', { ...orgScope(o), ownerUserId: f?.user_id ?? null });
  if (!f) throw new AppError('NOT_FOUND', { en: 'No such officer of this organisation.', hi: 'इस संगठन का ऐसा कोई अधिकारी नहीं है।' });
  if (f.status !== 'ACTIVE') throw new AppError('CONFLICT', { en: 'This officer’s access has already ended.', hi: 'इस अधिकारी की पहुँच पहले ही समाप्त हो चुकी है।' });
  const ended = await revokeOfficer(tx, f, req.actor!.userId, reason, now);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'organisation', entityId: String(orgId), action: 'organisation.officer.revoke', changes: { officerId, userId: f.user_id, sessionsEnded: ended }, reason });
  return ended;
}
