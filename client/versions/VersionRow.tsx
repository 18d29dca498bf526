import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/ApiError';
import { LIVE } from '../api/compareApi';
import { publicVersionPath, restoreVersion, setVersionPublished, type DraftVersion } from '../api/versionsApi';
import { formatAbsolute, formatRelative } from '../components/formatTimestamp';
import { PublicLink } from './PublicLink';
import { ConfirmDialog } from '../components/ConfirmDialog';
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
  const [confirming, setConfirming] = useState<'restore' | 'publish' | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [error, setError] = useState<string | null>(null);
  const [restored, setRestored] = useState(false);

  const restore = async () => {
    setPending('restore');
    setError(null);
    try {
      await restoreVersion(draftId, version.id);
      setConfirming(null);
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
      setConfirming(null);
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
              onClick={() => setConfirming('restore')}
              disabled={pending !== null}
              data-testid="version-restore"
            >
              Restore
            </button>
            <button
              type="button"
              className="button button--quiet version__button"
              onClick={() => setConfirming('publish')}
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

      {confirming === 'restore' && (
        <ConfirmDialog
          title={`Restore ${version.label} for everyone?`}
          confirmLabel="Restore"
          busy={pending === 'restore'}
          error={error}
          onConfirm={() => void restore()}
          onCancel={() => setConfirming(null)}
          testId="version-restore-dialog"
        >
          <p>
            The live text becomes <strong>{version.label}</strong> again, for everyone, as a new change by you. Save the
            current text as a version first if you may want it back.
          </p>
        </ConfirmDialog>
      )}
      {confirming === 'publish' && (
        <ConfirmDialog
          title={version.published ? `Withdraw ${version.label} from the public?` : `Publish ${version.label}?`}
          confirmLabel={version.published ? 'Unpublish' : 'Publish'}
          danger={version.published}
          busy={pending === 'publish'}
          error={error}
          onConfirm={() => void togglePublished()}
          onCancel={() => setConfirming(null)}
          testId="version-publish-dialog"
        >
          <p>
            {version.published
              ? 'Its public link stops working at once; anyone who follows it is told the version is not published.'
              : 'Anyone with its link, signed in or not, can then read this version and download its exports.'}
          </p>
        </ConfirmDialog>
      )}
      {restored && (
        <p className="version__done" role="status" data-testid="version-restored">
          The live text is {version.label} again.
        </p>
      )}
      {version.published && <PublicLink path={publicVersionPath(version.id)} />}
      {error !== null && confirming === null && (
        <p className="version__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
