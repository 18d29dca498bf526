import { useRef, useState } from 'react';

/** Props of {@link PublicLink}. */
export interface PublicLinkProps {
  /** The path of the public page on this server (`/public/versions/<id>`). */
  path: string;
}

/** A published version's public address, ready to copy: anyone with it can read the version without signing in. */
export function PublicLink({ path }: PublicLinkProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const url = new URL(path, window.location.origin).href;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard permission: select the address for a manual copy instead.
      inputRef.current?.select();
    }
  };

  return (
    <div className="public-link">
      <input
        ref={inputRef}
        className="field__input public-link__input"
        readOnly
        value={url}
        onFocus={(event) => event.target.select()}
        aria-label="Public link"
        data-testid="public-link"
      />
      <button type="button" className="button button--secondary public-link__copy" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
