import { isObject } from '../../core/answer.js';
import { SEVERITIES, type Notice, type NoticeText, type Severity } from '../../core/notice.js';

/**
 * What `<cx-status>` reads: the collector's `/api/status` (`{"notices": […]}`), or a
 * Statuspage-style `summary.json` (`status.indicator`, `incidents[]` with `impact`, `name`,
 * `incident_updates[]`), so a site with a status page
 * can point `source` at it. Anything unreadable is left out, never thrown.
 */

const str = (x: unknown): x is string => typeof x == 'string' && x != '';
const time = (x: unknown): string | null => (str(x) && Date.parse(x) ? x : null);
/** A string, or an object keyed by language; anything else is no text (textIn() reads either without throwing). */
const text = (x: unknown): NoticeText | null => (str(x) || isObject(x) ? (x as NoticeText) : null);
/** http(s) only: a `javascript:` link from a hostile source is no link. */
const link = (x: unknown): string | null => (str(x) && /^https?:\/\//i.test(x) ? x : null);

/** One notice of the collector's format, or null when it cannot be shown. */
function notice(x: unknown): Notice | null {
  if (!isObject(x) || !str(x.id) || !SEVERITIES.includes(x.severity as Severity) || !text(x.title) || !time(x.startsAt)) return null;
  const updates = Array.isArray(x.updates) ? x.updates.filter((u) => isObject(u) && time(u.at) && text(u.body)) : [];
  return {
    ...(x as unknown as Notice),
    body: text(x.body) ?? '',
    link: link(x.link),
    touchpoints: Array.isArray(x.touchpoints) ? x.touchpoints.filter(str) : null,
    endsAt: time(x.endsAt),
    updates,
    resolvedAt: time(x.resolvedAt),
  };
}

/** Statuspage's impact → severity. */
const IMPACT: Record<string, Severity> = { none: 'info', minor: 'minor', major: 'major', critical: 'critical', maintenance: 'maintenance' };

/** A Statuspage incident; its updates come newest first. */
function incident(x: unknown, page: Record<string, unknown>): Notice | null {
  if (!isObject(x) || !str(x.name) || !str(x.id)) return null;
  const latest = Array.isArray(x.incident_updates) ? x.incident_updates.find((u) => isObject(u) && str(u.body)) : null;
  const startsAt = time(x.started_at) ?? time(x.created_at);
  if (!startsAt) return null;
  const at = latest && (time(latest.display_at) ?? time(latest.created_at));
  return {
    id: `statuspage:${x.id}`,
    severity: IMPACT[x.impact as string] ?? 'minor',
    title: x.name,
    body: '',
    link: link(x.shortlink) ?? link(page.url),
    touchpoints: null,
    startsAt,
    endsAt: null,
    updates: at ? [{ at, body: latest.body as string }] : [],
    resolvedAt: time(x.resolved_at),
  };
}

function statuspage(json: Record<string, unknown>): Notice[] {
  const page = isObject(json.page) ? json.page : {};
  const notices = (Array.isArray(json.incidents) ? json.incidents : [])
    .map((x) => incident(x, page))
    .filter((n): n is Notice => !!n);
  // A degraded page with no incident to name (a component down): the page's own words.
  const status = isObject(json.status) ? json.status : {};
  const severity = IMPACT[status.indicator as string];
  if (!notices.length && severity && severity != 'info' && str(status.description))
    notices.push({
      id: `statuspage:${severity}`,
      severity,
      title: status.description,
      body: '',
      link: link(page.url),
      touchpoints: null,
      startsAt: time(page.updated_at) ?? new Date().toISOString(),
      endsAt: null,
      updates: [],
      resolvedAt: null,
    });
  return notices;
}

/** The notices in a response, whichever format; null when it is neither. */
export function readNotices(json: unknown): Notice[] | null {
  if (!isObject(json)) return null;
  if (Array.isArray(json.notices)) return json.notices.map(notice).filter((n): n is Notice => !!n);
  if (Array.isArray(json.incidents) || isObject(json.status)) return statuspage(json);
  return null;
}

/** The URL asked: the collector's `?touchpoint=`, except for a static file (`….json`), read whole and filtered here. */
export function statusUrl(source: string, touchpoint: string): string {
  const url = new URL(source);
  if (!url.pathname.endsWith('.json')) url.searchParams.set('touchpoint', touchpoint);
  return url.href;
}
