// iGOT Karmayogi adapter (CSCMS O.M. of 15.11.2022 para 3.6: "indicate the areas of interest on the portal and then
// browse to iGOT to apply and undergo the training courses available in iGOT").
//
// The portal talks to an `IgotClient`. Two implementations:
// - `embeddedIgot()`: the default, reads the bundled course catalogue (igot-courses.json); it knows no one's
//   enrolments, so `completedCourses` answers with none and `pushProfile` accepts and keeps nothing.
// - `httpIgot({ baseUrl, apiKey })`: calls iGOT's APIs (IGOT_BASE_URL, IGOT_API_KEY). iGOT runs on the Sunbird
//   platform; the paths below follow Sunbird's public API (composite search, enrolment list, user extension
//   patch). They are the assumed contract of the integration and are kept in one place (`IGOT_PATHS`) so
//   that they can be aligned with the integration document iGOT issues, without touching the callers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';

export interface IgotCourse {
  id: string;
  title: string;
  provider: string;
  durationHours: number | null;
  competencies: string[];
  /** opens the course on iGOT Karmayogi */
  link: string;
}

export interface IgotCompletion {
  courseId: string;
  title: string;
  provider: string;
  /** enrolment and completion dates, 'YYYY-MM-DD' */
  startedOn: string;
  completedOn: string;
  link: string | null;
  certificateUrl: string | null;
}

/** Who the officer is on iGOT: matched by the e-mail / login used on both portals (e-Parichay), else the employee code. */
export interface IgotPerson {
  employeeCode: string;
  email: string | null;
}

export interface IgotProfile extends IgotPerson {
  name: string;
  ministry: string;
  designation: string;
  /** the competencies behind the officer's areas of interest */
  competencies: string[];
  areas: Array<{ code: string; name: string }>;
}

export interface IgotClient {
  readonly kind: 'embedded' | 'http';
  /** courses matching any of the competencies, best match first */
  searchCourses(competencies: readonly string[]): Promise<IgotCourse[]>;
  /** tells iGOT the officer's areas of interest (so that iGOT can recommend); true when accepted */
  pushProfile(profile: IgotProfile): Promise<{ accepted: boolean; reference: string | null }>;
  /** courses the officer has completed on iGOT */
  completedCourses(person: IgotPerson): Promise<IgotCompletion[]>;
}

export class IgotError extends Error {}

interface Catalogue {
  courses: IgotCourse[];
}

let catalogue: Catalogue | null = null;
function loadCatalogue(): Catalogue {
  if (!catalogue) {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'igot-courses.json');
    catalogue = JSON.parse(fs.readFileSync(file, 'utf8')) as Catalogue;
  }
  return catalogue;
}

const norm = (s: string) => s.trim().toLowerCase();

/** Ranks courses by how many of the competencies they cover, then by title. */
export function matchCourses(courses: readonly IgotCourse[], competencies: readonly string[]): IgotCourse[] {
  const want = new Set(competencies.map(norm));
  if (want.size === 0) return [];
  return courses
    .map((c) => ({ c, hits: c.competencies.filter((k) => want.has(norm(k))).length }))
    .filter((x) => x.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.c.title.localeCompare(b.c.title))
    .map((x) => x.c);
}

export function embeddedIgot(): IgotClient {
  return {
    kind: 'embedded',
    async searchCourses(competencies) {
      return matchCourses(loadCatalogue().courses, competencies);
    },
    async pushProfile() {
      return { accepted: true, reference: null };
    },
    async completedCourses() {
      return [];
    },
  };
}

/** API paths relative to IGOT_BASE_URL (Sunbird conventions; see the note at the top). */
export const IGOT_PATHS = {
  search: '/api/composite/v1/search',
  userSearch: '/api/user/v1/search',
  enrolments: (userId: string) => `/api/course/v1/user/enrollment/list/${encodeURIComponent(userId)}`,
  profilePatch: '/api/user/v1/extPatch',
  courseLink: (baseUrl: string, id: string) => `${baseUrl}/app/toc/${encodeURIComponent(id)}/overview`,
} as const;

const DAY = /^\d{4}-\d{2}-\d{2}/;
function toDate(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v).toISOString().slice(0, 10);
  if (typeof v === 'string' && DAY.test(v)) return v.slice(0, 10);
  return null;
}

export interface HttpIgotOptions {
  baseUrl: string;
  apiKey?: string;
  /** per-request time limit, ms (default 10 s) */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function httpIgot(o: HttpIgotOptions): IgotClient {
  const base = o.baseUrl.replace(/\/$/, '');
  const f = o.fetch ?? fetch;
  async function call(method: 'GET' | 'POST' | 'PATCH', p: string, body?: unknown): Promise<Record<string, any>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (o.apiKey) headers.authorization = `Bearer ${o.apiKey}`;
    let res: Response;
    try {
      res = await f(`${base}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) });
    } catch (e) {
      throw new IgotError(`iGOT ${method} ${p}: ${(e as Error).message}`);
    }
    if (!res.ok) throw new IgotError(`iGOT ${method} ${p}: HTTP ${res.status}`);
    return (await res.json()) as Record<string, any>;
  }
  async function userId(person: IgotPerson): Promise<string | null> {
    const filters = person.email ? { email: person.email } : { employeeCode: person.employeeCode };
    const r = await call('POST', IGOT_PATHS.userSearch, { request: { filters, limit: 1 } });
    const u = r.result?.response?.content?.[0];
    return typeof u?.id === 'string' ? u.id : typeof u?.userId === 'string' ? u.userId : null;
  }
  return {
    kind: 'http',
    async searchCourses(competencies) {
      if (competencies.length === 0) return [];
      const r = await call('POST', IGOT_PATHS.search, {
        request: {
          filters: { primaryCategory: ['Course'], status: ['Live'], 'competencies_v5.competencyThemeName': [...competencies] },
          fields: ['identifier', 'name', 'source', 'organisation', 'duration', 'competencies_v5'],
          limit: 50,
        },
      });
      const content: any[] = r.result?.content ?? [];
      const courses = content.map((c): IgotCourse => ({
        id: String(c.identifier),
        title: String(c.name ?? ''),
        provider: String(c.source ?? (Array.isArray(c.organisation) ? c.organisation[0] : c.organisation) ?? 'iGOT Karmayogi'),
        durationHours: c.duration != null && Number.isFinite(Number(c.duration)) ? Math.round((Number(c.duration) / 3600) * 10) / 10 : null,
        competencies: Array.isArray(c.competencies_v5) ? c.competencies_v5.map((k: any) => String(k.competencyThemeName ?? k.competencyAreaName ?? '')).filter(Boolean) : [],
        link: IGOT_PATHS.courseLink(base, String(c.identifier)),
      }));
      return matchCourses(courses, competencies).concat(courses.filter((c) => !c.competencies.length));
    },
    async pushProfile(p) {
      const id = await userId(p);
      if (!id) return { accepted: false, reference: null };
      await call('PATCH', IGOT_PATHS.profilePatch, {
        request: { userId: id, profileDetails: { interests: { areas: p.areas.map((a) => a.name), competencies: p.competencies }, employmentDetails: { departmentName: p.ministry }, professionalDetails: [{ designation: p.designation }] } },
      });
      return { accepted: true, reference: id };
    },
    async completedCourses(person) {
      const id = await userId(person);
      if (!id) return [];
      const r = await call('GET', IGOT_PATHS.enrolments(id));
      const list: any[] = r.result?.courses ?? [];
      const out: IgotCompletion[] = [];
      for (const e of list) {
        if (e.status !== 2) continue; // Sunbird: 2 = completed
        const completedOn = toDate(e.completedOn);
        const startedOn = toDate(e.enrolledDate) ?? completedOn;
        if (!completedOn || !startedOn) continue;
        const cid = String(e.courseId ?? e.contentId ?? e.content?.identifier ?? '');
        if (!cid) continue;
        const cert = Array.isArray(e.issuedCertificates) && e.issuedCertificates[0]?.identifier ? `${base}/public/certs/${encodeURIComponent(e.issuedCertificates[0].identifier)}` : null;
        out.push({ courseId: cid, title: String(e.courseName ?? e.content?.name ?? cid), provider: String(e.content?.source ?? 'iGOT Karmayogi'), startedOn, completedOn, link: IGOT_PATHS.courseLink(base, cid), certificateUrl: cert });
      }
      return out;
    },
  };
}

let override: IgotClient | null = null;

/** Tests (and embedders) may put another client in place; null restores the configured one. */
export function useIgotClient(c: IgotClient | null): void {
  override = c;
}

/** The client for this configuration: iGOT's APIs when IGOT_BASE_URL is set, else the embedded catalogue. */
export function igotClient(config: Pick<Config, 'igot'>): IgotClient {
  if (override) return override;
  return config.igot ? httpIgot(config.igot) : embeddedIgot();
}
