import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/ApiError';
import { LIVE } from '../api/compareApi';
import { publicVersionPath, restoreVersion, setVersionPublished, type DraftVersion } from '../api/versionsApi';
import { formatAbsolute, formatRelative } from '../components/formatTimestamp';
import { PublicLink } from './PublicLink';
import { comparePath, versionPath } from './versionPaths';

/** Props of {@link VersionRow}. */
export interface VersionRowProps {
  draftId: string;
  version: DraftVersion;
  /** The chair restores, publishes and withdraws versions. */
  canManage: boolean;
  /** Called after the version was published or withdrawn, so the list refreshes. */
  onChanged: () => void;
}

type Pending = 'restore' | 'publish' | null;

/**
 * One version in the Versions panel: its label, when it was saved, its note and whether it is
 * public. Anyone opens it read-only or compares it with the live text; the chair restores it
 * (after confirming: it replaces the live text for everyone, as a new change) and publishes or
 * withdraws it, with the public link to copy while it is published.
 */
export function VersionRow({ draftId, version, canManage, onChanged }: VersionRowProps) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [error, setError] = useState<string | null>(null);
  const [restored, setRestored] = useState(false);

  const restore = async () => {
    setPending('restore');
    setError(null);
    try {
      await restoreVersion(draftId, version.id);
      setConfirming(false);
      setRestored(true);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The version could not be restored. Try again.');
    } finally {
      setPending(null);
    }
  };

  const togglePublished = async () => {
    setPending('publish');
    setError(null);
    try {
      await setVersionPublished(draftId, version.id, !version.published);
      onChanged();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'That change could not be saved. Try again.');
    } finally {
      setPending(null);
    }
  };

  return (
    <li className="version" data-testid="version-row" data-version-id={version.id} data-published={version.published}>
      <div className="version__head">
        <span className="version__label" data-testid="version-label">
          {version.label}
        </span>
        {version.published && (
          <span
            className="version__badge"
            data-testid="version-published"
            title={version.publishedAt ? `Published ${formatAbsolute(version.publishedAt)}` : undefined}
          >
            Public
          </span>
        )}
      </div>
      <time className="version__when" dateTime={version.createdAt} title={formatAbsolute(version.createdAt)}>
        Saved {formatRelative(version.createdAt)}
      </time>
      {version.note !== '' && <p className="version__note">{version.note}</p>}

      <div className="version__actions">
        <Link
          className="button button--quiet version__button"
          to={versionPath(draftId, version.id)}
          data-testid="version-open"
        >
          Open
        </Link>
        <Link
          className="button button--quiet version__button"
          to={comparePath(draftId, version.id, LIVE)}
          data-testid="version-compare"
        >
          Compare
        </Link>
        {canManage && (
          <>
            <button
              type="button"
              className="button button--quiet version__button"
              onClick={() => setConfirming(true)}
              disabled={pending !== null || confirming}
              data-testid="version-restore"
            >
              Restore
            </button>
            <button
              type="button"
              className="button button--quiet version__button"
              onClick={() => void togglePublished()}
              disabled={pending !== null}
              data-testid="version-publish"
            >
              {pending === 'publish'
                ? version.published
                  ? 'Withdrawing…'
                  : 'Publishing…'
                : version.published
                  ? 'Unpublish'
                  : 'Publish'}
            </button>
          </>
        )}
      </div>

      {confirming && (
        <div className="version__confirm" role="group" aria-label={`Restore ${version.label}`}>
          <p className="version__confirm-text">
            Make the live text <strong>{version.label}</strong> again, for everyone? It is a new change by you; save the
            current text as a version first if you may want it back.
          </p>
          <div className="version__confirm-actions">
            <button
              type="button"
              className="button button--quiet version__button"
              onClick={() => setConfirming(false)}
              disabled={pending !== null}
            >
              Cancel
            </button>
            <button
              type="button"
              className="button button--primary version__button"
              onClick={() => void restore()}
              disabled={pending !== null}
              data-testid="version-restore-confirm"
            >
              {pending === 'restore' ? 'Restoring…' : `Restore ${version.label}`}
            </button>
          </div>
        </div>
      )}
      {restored && (
        <p className="version__done" role="status" data-testid="version-restored">
          The live text is {version.label} again.
        </p>
      )}
      {version.published && <PublicLink path={publicVersionPath(version.id)} />}
      {error !== null && (
        <p className="version__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
