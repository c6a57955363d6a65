import { Component } from 'preact';
import type { NegativeComment } from '../../core/summary.js';
import type { Words } from './props.js';

interface Props extends Words {
  touchpoint: string;
  comments: NegativeComment[];
}

/**
 * A moment of truth's latest negative comments, one click away. Comments are text, never markup.
 * A class rather than a hook keeps `preact/hooks` out of the bundle.
 */
export class NegativeComments extends Component<Props, { open: boolean }> {
  override state = { open: false };

  override render({ t, f, touchpoint, comments }: Props, { open }: { open: boolean }) {
    if (!comments.length) return <p class="muted">{t.noComments}</p>;
    const id = `comments-${touchpoint}`;
    return (
      <div>
        <button type="button" class="toggle" part="comments-toggle" aria-expanded={open} aria-controls={id} onClick={() => this.setState({ open: !open })}>
          {t.comments} ({comments.length})<span class="vh"> {t.commentsOf(touchpoint)}</span>
        </button>
        <ul class="comments" id={id} part="comments" hidden={!open}>
          {comments.map((c, i) => (
            <li key={i} class="comment">
              {c.comment}
              {c.createdAt && <time dateTime={c.createdAt}>{f.date(c.createdAt)}</time>}
            </li>
          ))}
        </ul>
      </div>
    );
  }
}
