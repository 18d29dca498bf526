import { useId, useRef, useState, type ToggleEvent } from 'react';
import { EXPORT_EXTENSIONS, textFileName } from '../../shared/exportFileName';
import {
  TEXT_EXPORT_FORMATS,
  TEXT_EXPORT_LABELS,
  type TextExportFormat,
  type TextExportOptions,
} from '../api/exportLinks';

/** Props of {@link ExportMenu}. */
export interface ExportMenuProps {
  /** What is exported, in the menu's heading: "the live text", "Rev.1". */
  subject: string;
  /** The download address of one format (see `exportLinks.ts`). */
  hrefFor: (format: TextExportFormat, options: TextExportOptions) => string;
  /** The text's title and its version's label (null for the live text), which name the saved file as the server does. */
  file: { title: string; versionLabel: string | null };
  /** Offer the negotiation text (members' exports; a published version is always clean). */
  offerNegotiation?: boolean;
}

const MENU_WIDTH = 272;
const MARGIN = 8;

/**
 * The "Export" button and its menu: one download link per format negotiators use (Word, PDF,
 * HTML, Markdown, JSON, Akoma Ntoso), with or without each clause's pillar tags, the clean text or
 * the negotiation text (open suggestions shown, attributed; published versions are clean). A native
 * popover: Escape or a click elsewhere closes it. The links are plain downloads, saved under the
 * name the server gives them too.
 */
export function ExportMenu({ subject, hrefFor, file, offerNegotiation = false }: ExportMenuProps) {
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [pillars, setPillars] = useState(false);
  const [negotiation, setNegotiation] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number }>({ top: 0, left: 0 });

  // The popover sits in the top layer, outside any layout: place it under its button each time it opens.
  const place = (event: ToggleEvent<HTMLDivElement>) => {
    if (event.newState !== 'open' || !buttonRef.current) return;
    const rect = buttonRef.current.getBoundingClientRect();
    const left = Math.max(MARGIN, Math.min(rect.right - MENU_WIDTH, window.innerWidth - MENU_WIDTH - MARGIN));
    setPosition({ top: rect.bottom + 4, left });
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button button--secondary export-menu__button"
        popoverTarget={menuId}
        aria-haspopup="menu"
        data-testid="export-menu-button"
      >
        Export
        <span className="export-menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div
        id={menuId}
        popover="auto"
        className="export-menu"
        style={{ top: position.top, left: position.left, width: MENU_WIDTH }}
        onBeforeToggle={place}
        data-testid="export-menu"
      >
        <p className="export-menu__heading">Download {subject} as</p>
        <ul className="export-menu__list" role="menu">
          {TEXT_EXPORT_FORMATS.map((format) => (
            <li key={format} role="none">
              <a
                className="export-menu__item"
                role="menuitem"
                href={hrefFor(format, { pillars, negotiation })}
                download={textFileName(file.title, file.versionLabel, EXPORT_EXTENSIONS[format])}
                data-testid={`export-${format}`}
              >
                <span className="export-menu__format">{TEXT_EXPORT_LABELS[format].label}</span>
                <span className="export-menu__detail">{TEXT_EXPORT_LABELS[format].detail}</span>
              </a>
            </li>
          ))}
        </ul>
        <label className="export-menu__option">
          <input
            type="checkbox"
            checked={pillars}
            onChange={(event) => setPillars(event.target.checked)}
            data-testid="export-pillars"
          />
          Include pillar tags
        </label>
        {offerNegotiation && (
          <label className="export-menu__option">
            <input
              type="checkbox"
              checked={negotiation}
              onChange={(event) => setNegotiation(event.target.checked)}
              data-testid="export-negotiation"
            />
            Negotiation text (suggestions shown, with who made them)
          </label>
        )}
      </div>
    </>
  );
}
