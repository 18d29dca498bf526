import { memo } from 'react';
import { linkifyText } from './linkifyText';

/** Props of {@link CommentBody}. */
export interface CommentBodyProps {
  body: string;
}

/**
 * A comment's words as written: always React text (never HTML, so markup shows as the characters
 * typed and runs nothing), line breaks kept by CSS (`white-space: pre-wrap`), and http(s) links
 * clickable, opening in a new tab with neither opener nor referrer.
 */
export const CommentBody = memo(function CommentBody({ body }: CommentBodyProps) {
  return (
    <p className="comment-entry__body" data-testid="comment-body">
      {linkifyText(body).map((segment, index) =>
        segment.kind === 'text' ? (
          segment.text
        ) : (
          <a
            key={index}
            href={segment.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="comment-entry__link"
          >
            {segment.text}
          </a>
        ),
      )}
    </p>
  );
});
