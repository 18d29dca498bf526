import type { ReactNode } from 'react';
import type { DraftVersion } from '../api/versionsApi';
import { formatAbsolute } from '../components/formatTimestamp';

/** Props of {@link VersionBanner}. */
export interface VersionBannerProps {
  version: DraftVersion;
  /** What the reader can do with it: export, compare, go back. */
  actions?: ReactNode;
  /** The sentence under the label; the default says it is read-only. */
  lede?: ReactNode;
}

/**
 * The band above a version's text: which version it is, when it was saved (and published), its
 * note, and that it is a fixed, read-only text, not the live one.
 */
export function VersionBanner({ version, actions, lede }: VersionBannerProps) {
  return (
    <section className="version-banner" aria-label="Version" data-testid="version-banner">
      <div className="version-banner__what">
        <p className="version-banner__kicker">
          <span className="version-banner__read-only">Read only</span>
          {version.published && <span className="version__badge">Public</span>}
        </p>
        <h1 className="version-banner__label" data-testid="version-banner-label">
          {version.label}
        </h1>
        <p className="version-banner__meta">
          {lede ?? 'A named version: fixed as it was saved, never changed afterwards.'} Saved{' '}
          <time dateTime={version.createdAt}>{formatAbsolute(version.createdAt)}</time>
          {version.publishedAt !== null && (
            <>
              {', published '}
              <time dateTime={version.publishedAt}>{formatAbsolute(version.publishedAt)}</time>
            </>
          )}
          .
        </p>
        {version.note !== '' && <p className="version-banner__note">{version.note}</p>}
      </div>
      {actions !== undefined && <div className="version-banner__actions">{actions}</div>}
    </section>
  );
}
