/**
 * Tells everyone at a draft that the server cannot save it right now (its disk is full or
 * failing): what they type is refused, not kept, until the banner goes. The server says when
 * saving works again, and the banner then goes by itself.
 */
export function StorageUnavailableBanner() {
  return (
    <div className="banner banner--error" role="alert" data-testid="storage-unavailable">
      <strong className="banner__headline">This draft cannot be saved right now; your edits are not being kept.</strong>{' '}
      The server cannot write to its storage. Wait until this message goes before you continue; nothing saved before is
      lost.
    </div>
  );
}
