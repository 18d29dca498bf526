/** Props of {@link ReviewExportLinks}. */
export interface ReviewExportLinksProps {
  /** What is downloaded ("Amendments", "Compilation"). */
  label: string;
  links: readonly { format: string; label: string; href: string }[];
}

/** A row of plain download links, in the compare page's style: the browser saves what the server names. */
export function ReviewExportLinks({ label, links }: ReviewExportLinksProps) {
  return (
    <div className="review-downloads" aria-label={`Download ${label.toLowerCase()}`}>
      <span className="review-downloads__label">{label}</span>
      {links.map((link) => (
        <a
          key={link.format}
          className="button button--secondary review-downloads__link"
          href={link.href}
          download
          data-testid={`export-${label.toLowerCase()}-${link.format}`}
        >
          {link.label}
        </a>
      ))}
    </div>
  );
}
