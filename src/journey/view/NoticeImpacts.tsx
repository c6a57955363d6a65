import { textIn, type NoticeGroup, type NoticeWithImpact } from '../../core/notice.js';
import { DIGITS } from '../trend.js';
import { inboxLink } from './NegativeComments.js';
import type { NameOf, Words } from './props.js';

interface Props extends Words {
  lang: string;
  notices: NoticeWithImpact[];
  name: NameOf;
  /** The owner's inbox page: each comment links to its answer there. Null: no links. */
  inbox: string | null;
}

/**
 * Each notice of the period and how it felt: the answers given while it was shown (they carry
 * its id), their effort and net emotion beside the same touchpoints' outside it, and their
 * comments. The evidence of whether telling customers in time changed how they felt.
 */
export function NoticeImpacts({ t, f, lang, notices, name, inbox }: Props) {
  if (!notices.length) return null;
  const w = t.notices;
  const effort = (g: NoticeGroup) => (g.effortMean === null ? '–' : f.fixed(g.effortMean, DIGITS.effort));
  const net = (g: NoticeGroup) => (g.netEmotion === null ? '–' : f.signed(g.netEmotion, DIGITS.net));
  return (
    <section class="notices" part="notices" aria-labelledby="notices-title">
      <h3 id="notices-title">{w.title}</h3>
      <ul>
        {notices.map((n) => {
          const title = textIn(n.title, lang);
          const end = n.resolvedAt ?? n.endsAt;
          const id = `notice-${n.id.replace(/[^\w-]/g, '')}`;
          return (
            <li key={n.id} class="notice" part="notice" data-severity={n.severity} aria-labelledby={id}>
              <p id={id}>
                <strong>{w.severity[n.severity]}</strong>: {title}
              </p>
              <p class="muted">
                {end ? w.between(f.date(n.startsAt), f.date(end)) : w.since(f.date(n.startsAt))}
                {' · '}
                {n.touchpoints ? f.list(n.touchpoints.map(name)) : w.everywhere}
              </p>
              <div class="scroll">
                <table part="notice-table">
                  <caption class="vh">{w.caption(title)}</caption>
                  <thead>
                    <tr>
                      <td />
                      <th scope="col">{t.columns.answers}</th>
                      <th scope="col">{t.columns.effort}</th>
                      <th scope="col">{t.columns.net}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(
                      [
                        [w.during, n.impact.during],
                        [w.outside, n.impact.outside],
                      ] as const
                    ).map(([label, g]) => (
                      <tr key={label}>
                        <th scope="row">{label}</th>
                        <td>{f.integer(g.count)}</td>
                        <td>{effort(g)}</td>
                        <td>{net(g)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {n.impact.comments.length > 0 && (
                <>
                  <p class="muted">{w.comments}</p>
                  <ul class="comments" part="notice-comments">
                    {n.impact.comments.map((c) => (
                      <li key={c.id} class="comment">
                        {inbox ? (
                          <a href={inboxLink(inbox, c.id)}>
                            {c.comment}
                            <span class="vh"> ({t.openInInbox})</span>
                          </a>
                        ) : (
                          c.comment
                        )}
                        {c.createdAt && <time dateTime={c.createdAt}>{f.date(c.createdAt)}</time>}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
