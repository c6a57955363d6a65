import { Component } from 'preact';
import type { NegativeComment } from '../../core/summary.js';
import type { NameOf, Words } from './props.js';

interface Props extends Words {
  touchpoint: string;
  name: NameOf;
  comments: NegativeComment[];
  /** The owner's inbox page: each comment links to its answer there. Null: no links. */
  inbox: string | null;
}

/** Where the owner's inbox opens one answer: `<inbox>#answer=<id>`. */
export function inboxLink(inbox: string, id: string): string {
  const url = new URL(inbox);
  url.hash = `answer=${encodeURIComponent(id)}`;
  return url.href;
}

/**
 * A moment of truth's latest negative comments, one click away. Comments are text, never markup.
 * With the owner's inbox page known, each is a link to its answer there.
 * A class rather than a hook keeps `preact/hooks` out of the bundle.
 */
export class NegativeComments extends Component<Props, { open: boolean }> {
  override state = { open: false };

  override render({ t, f, touchpoint, name, comments, inbox }: Props, { open }: { open: boolean }) {
    if (!comments.length) return <p class="muted">{t.noComments}</p>;
    const id = `comments-${touchpoint}`;
    return (
      <div>
        <button type="button" class="toggle" part="comments-toggle" aria-expanded={open} aria-controls={id} onClick={() => this.setState({ open: !open })}>
          {t.comments} ({comments.length})<span class="vh"> {t.commentsOf(name(touchpoint))}</span>
        </button>
        <ul class="comments" id={id} part="comments" hidden={!open}>
          {comments.map((c, i) => (
            <li key={i} class="comment">
              {inbox && c.id ? (
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
      </div>
    );
  }
}
