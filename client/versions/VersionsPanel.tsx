import { nextRevisionLabel } from '../../shared/versionLabels';
import { useState } from 'react';
import { Link } from 'react-router';
import { can, type Role } from '../../shared/roles';
import { useApiQuery } from '../api/useApiQuery';
import { listVersions } from '../api/versionsApi';
import { SaveVersionForm } from './SaveVersionForm';
import { VersionRow } from './VersionRow';
import { comparePath } from './versionPaths';

/** Props of {@link VersionsPanel}. */
export interface VersionsPanelProps {
  draftId: string;
  /** The reader's role on the draft; the chair saves, restores and publishes versions. */
  role: Role | null;
}

/**
 * The draft's named versions, newest first, in the side panel. Every member opens one
 * read-only or compares it with the live text; the chair saves the live text as a new version,
 * restores one, and publishes or withdraws one.
 */
export function VersionsPanel({ draftId, role }: VersionsPanelProps) {
  const manages = can(role ?? undefined, 'version:manage');
  const versions = useApiQuery(
    `versions:${draftId}`,
    (signal) => listVersions(draftId, signal),
    'The versions could not be loaded.',
  );
  const [saving, setSaving] = useState(false);
  const list = versions.state.kind === 'ready' ? [...versions.state.data].reverse() : [];

  return (
    <section className="versions" aria-label="Versions">
      <h2 className="panel-heading">
        Versions
        {versions.state.kind === 'ready' && <span className="outline__count">{versions.state.data.length}</span>}
      </h2>
      {manages && !saving && (
        <button
          type="button"
          className="button button--secondary versions__save"
          onClick={() => setSaving(true)}
          data-testid="save-version"
        >
          Save version…
        </button>
      )}
      {manages && saving && (
        <SaveVersionForm
          draftId={draftId}
          suggestedLabel={nextRevisionLabel(list.map((version) => version.label))}
          onCancel={() => setSaving(false)}
          onSaved={() => {
            setSaving(false);
            versions.reload();
          }}
        />
      )}
      {versions.state.kind === 'loading' && <p className="panel-empty">Loading the versions…</p>}
      {versions.state.kind === 'error' && (
        <p className="panel-empty panel-empty--error" role="alert">
          {versions.state.message}
        </p>
      )}
      {versions.state.kind === 'ready' && list.length === 0 && (
        <p className="panel-empty">
          No versions yet.{' '}
          {manages
            ? 'Save the text as it stands as a named version (Zero draft, Rev.1 …) to keep it, compare later texts with it, or publish it.'
            : 'The chair saves the text as named versions (Zero draft, Rev.1 …); they are listed here to read and compare.'}
        </p>
      )}
      {list.length > 0 && (
        <ol className="versions__list" data-testid="versions">
          {list.map((version) => (
            <VersionRow
              key={version.id}
              draftId={draftId}
              version={version}
              canManage={manages}
              onChanged={versions.reload}
            />
          ))}
        </ol>
      )}
      {list.length > 1 && (
        <Link className="versions__compare-any" to={comparePath(draftId, list[1]!.id, list[0]!.id)}>
          Compare {list[1]!.label} with {list[0]!.label}
        </Link>
      )}
      {list.length > 0 && (
        <p className="versions__hint">Compare opens a redline; pick any two versions, or the live text, there.</p>
      )}
    </section>
  );
}
