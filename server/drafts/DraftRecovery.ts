import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { draftSchema } from '../../shared/schema';
import { ChangeGate } from '../collab/ChangeGate';
import { ClientOwners } from '../collab/ClientOwners';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import { ApiError, draftNotFound } from '../errors';
import type { Logger } from '../logger';
import type { Storage } from '../storage/Storage';
import { validateDocument } from '../text/validateDocument';

/** What restoring a draft whose stored text cannot be read would give back. */
export type RecoveryPlan =
  /** The stored changes replayed in order, each kept only if the text stays readable with it. */
  | { kind: 'salvage'; kept: number; dropped: number }
  /** The newest named version that can be read (everything after it is lost). */
  | { kind: 'version'; versionId: string; label: string; at: string };

/** The state of a draft's text as the recovery API tells it. */
export interface RecoveryStatus {
  /** Why the text cannot be read; null when it can (then there is nothing to recover). */
  unreadable: string | null;
  /** What the chair can restore; null when the text is readable or nothing readable is stored. */
  plan: RecoveryPlan | null;
}

/** A plan with the state it restores. */
type Recovery = RecoveryPlan & { state: Uint8Array };

const schema = draftSchema();

function readable(state: Uint8Array | null): boolean {
  const doc = new Y.Doc();
  try {
    if (state) Y.applyUpdate(doc, state);
    return validateDocument(doc, schema, DOCUMENT_FIELD).every((problem) => problem.repair !== undefined);
  } catch {
    return false;
  } finally {
    doc.destroy();
  }
}

/**
 * Brings back a draft whose stored text cannot be read (it was stored before the server checked
 * every change, or is damaged): the chair is offered the last good state, and restoring it
 * replaces the stored text. The best is to replay the stored changes from the last compacted
 * state, each judged as the server judges a change today, so only what broke the text (and what
 * builds on it) is dropped and the text keeps its history. When the compacted state itself is
 * unreadable, the newest readable named version is offered instead.
 */
export class DraftRecovery {
  constructor(
    private readonly storage: Storage,
    private readonly registry: DocumentRegistry,
    private readonly logger: Logger,
  ) {}

  /** Whether a draft's text can be read, and if not, what the chair can restore. */
  async status(draftId: string): Promise<RecoveryStatus> {
    const unreadable = await this.registry.withDocument(draftId, async (document) => document.unreadable, {
      evenIfUnreadable: true,
    });
    if (unreadable === undefined) throw draftNotFound();
    if (unreadable === null) return { unreadable: null, plan: null };
    const recovery = await this.plan(draftId);
    return { unreadable, plan: recovery && withoutState(recovery) };
  }

  /**
   * Restores the last good state: every connection is told and closed, the stored text replaced,
   * and the next connection loads it. Throws 409 when the text is readable or nothing is stored
   * that can be.
   */
  async recover(draftId: string): Promise<RecoveryPlan> {
    const { unreadable } = await this.status(draftId);
    if (unreadable === null)
      throw new ApiError(409, 'draft_readable', 'The text of this draft can be read; there is nothing to restore.');
    const recovery = await this.plan(draftId);
    if (recovery === null) {
      throw new ApiError(
        409,
        'nothing_to_restore',
        'No readable state of this draft is stored: neither its log nor any named version.',
      );
    }
    await this.registry.evict(draftId, { type: 'draft-recovered' }, async () => {
      const { lastSeq } = await this.storage.loadDocument(draftId);
      await this.storage.compactDocument(draftId, recovery.state, lastSeq);
    });
    this.logger.warn({ draftId, plan: withoutState(recovery) }, 'restored the last good state of an unreadable draft');
    return withoutState(recovery);
  }

  private async plan(draftId: string): Promise<Recovery | null> {
    const stored = await this.storage.loadDocument(draftId);
    if (readable(stored.state)) return salvage(stored.state, stored.updates);
    for (const summary of (await this.storage.listVersions(draftId)).reverse()) {
      const version = await this.storage.getVersion(summary.id);
      if (version && readable(version.state)) {
        return {
          kind: 'version',
          versionId: version.id,
          label: version.label,
          at: version.createdAt,
          state: version.state,
        };
      }
    }
    return null;
  }
}

/** Replays stored changes on a readable state through the server's checks (schema and limits), keeping those that pass. */
function salvage(state: Uint8Array | null, updates: readonly Uint8Array[]): Recovery {
  const kept: Uint8Array[] = [];
  const base = state ? [state] : [];
  const gate = new ChangeGate(schema, DOCUMENT_FIELD, () => [...base, ...kept], undefined, ClientOwners.inMemory());
  const replayer = {};
  let dropped = 0;
  for (const update of updates) {
    const admission = gate.admit([update], { role: 'chair', owner: replayer, author: null, pillars: null });
    if (admission.kind !== 'admitted') dropped++;
    else if (admission.effect) kept.push(admission.effect);
  }
  const result = Y.encodeStateAsUpdate(gate.doc);
  gate.destroy();
  return { kind: 'salvage', kept: updates.length - dropped, dropped, state: result };
}

function withoutState(recovery: Recovery): RecoveryPlan {
  const { state: _state, ...plan } = recovery;
  return plan;
}
