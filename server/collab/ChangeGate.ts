import type { Schema } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { RefusalCode } from '../../shared/closeCodes';
import type { Role } from '../../shared/roles';
import type { Refusal } from '../text/checkChange';
import { checkChange } from '../text/checkChange';
import { describeChange } from '../text/describeChange';
import type { Author } from '../text/checkSuggestions';
import { forgetTextsGivenSuggestions } from '../text/checkSuggestions';
import { charactersUnder } from '../text/yjsTree';
import type { ClientClaim } from '../storage/DocumentLogStorage';
import { type ClientHolder, type ClientOwners, SERVER_HOLDER } from './ClientOwners';

/** Who sent a change: their role, and the connection (or the server) the change comes from. */
export interface Sender {
  role: Role;
  /** Stands for the connection in the staging copy's transactions (their origin). */
  owner: object;
  /**
   * The person, for the rules of suggestions and for whom the Yjs client ids a change adds items
   * for belong to (null only for the server itself).
   */
  author: Author | null;
  /** The keys of the draft's pillars, which tags must be among (null: not checked, for the server itself). */
  pillars: ReadonlySet<string> | null;
}

/** The outcome of {@link ChangeGate.admit}. */
export type Admission =
  /**
   * It may stand; `effect` is what it changed, as Yjs encodes it (null: nothing new), and `claims`
   * the Yjs client ids now its writer's, to be stored with it (`StoredUpdate.claims`).
   */
  | { kind: 'admitted'; effect: Uint8Array | null; claims: ClientClaim[] }
  | { kind: 'refused'; refusal: Refusal }
  /** It could not be read or applied at all (not a valid Yjs update). */
  | { kind: 'malformed'; error: unknown };

/** A change staged and found sound, and the Yjs client ids it added items for. */
type Staged =
  { kind: 'admitted'; effect: Uint8Array | null; clients: number[] } | Exclude<Admission, { kind: 'admitted' }>;

/** The server's own changes: never refused for a role, only for breaking the schema or a limit. */
const SERVER: Sender = { role: 'chair', owner: Object.freeze({ server: true }), author: null, pillars: null };

/** Why a change that refers to text the server does not have is refused. */
const INCOMPLETE: Refusal = {
  code: RefusalCode.Schema,
  reason: 'The change builds on text the server does not have; it was not applied.',
};

/** A change under another person's or the server's Yjs client id. */
const FORGED: Refusal = {
  code: RefusalCode.NotAllowed,
  reason: 'The change writes as another editor; it was not applied.',
};

/** The origin of rows staged from another instance. */
const ABSORBED = Symbol('absorbed');

const holderOf = (sender: Sender): ClientHolder => sender.author?.userId ?? SERVER_HOLDER;

/** A first staging copy built by the caller (at load, a piece at a time), with its count of characters. */
export interface StagingStart {
  doc: Y.Doc;
  characters: number;
}

/**
 * The validation stage: every change, a client's or the server's own, is first applied to a
 * staging copy of the text and judged there by what it did (see `checkChange`). The live text
 * never holds a refused change; it receives only admitted effects, after they are stored. When a
 * change is refused, the staging copy is rebuilt from the live text and the admitted effects not
 * yet applied to it (rare: only misbehaving clients and races lose their change).
 *
 * The staging copy is one step ahead of the live text: upkeep reads and writes it, so repairs are
 * made against the newest text. A large draft's load hands it over still being built (the draft
 * opens to newcomers meanwhile): the caller waits for {@link ready} before staging anything.
 */
export class ChangeGate {
  /** Null while the staging copy is still being built (see {@link ready}). */
  private copy: Y.Doc | null = null;
  /** Characters in the staged text, kept by each admitted change's count of added and deleted ones. */
  private characters = 0;
  private destroyed = false;
  /** Rows of other instances that came while the staging copy was being built: staged once it is. */
  private absorbedMeanwhile: Uint8Array[] = [];
  /** Bytes of text the staging copy has been rebuilt from so far, after refusals (what they cost). */
  rebuiltBytes = 0;
  /**
   * Resolves once the staging copy is there: at once, unless the caller is still building it (a
   * large draft's load opens the draft to newcomers first). Nothing may be staged before.
   */
  readonly ready: Promise<void>;

  constructor(
    private readonly schema: Schema,
    private readonly field: string,
    /** The updates the staging copy is rebuilt from: the live text, then admitted effects not yet applied to it. */
    private readonly rebuildFrom: () => Uint8Array[],
    initial: StagingStart | Promise<StagingStart> | undefined,
    /** Whom each Yjs client id belongs to: nobody else may add items for it. */
    readonly owners: ClientOwners,
  ) {
    if (!(initial instanceof Promise)) {
      this.start(initial);
      this.ready = Promise.resolve();
      return;
    }
    // A copy that could not be built is built here from the live text instead.
    this.ready = initial.then(
      (built) => this.start(built),
      () => this.start(undefined),
    );
  }

  /** Whether the staging copy is there (see {@link ready}). */
  get isReady(): boolean {
    return this.copy !== null;
  }

  /** The staged text: the live text and every admitted change not yet applied to it. */
  get doc(): Y.Doc {
    if (this.copy === null) throw new Error('the staging copy is still being built');
    return this.copy;
  }

  /**
   * Checks a client's updates (what one connection sent in a turn) against the staged text, as
   * one change: they are applied in one transaction and judged, and stored and relayed as one.
   * An admitted change stays staged.
   */
  admit(updates: readonly Uint8Array[], sender: Sender): Admission {
    const apply = (doc: Y.Doc): void => {
      for (const update of updates) Y.applyUpdate(doc, update, sender.owner);
    };
    const outcome = this.stage((doc) => doc.transact(() => apply(doc), sender.owner), sender);
    if (outcome.kind !== 'admitted') return outcome;
    const store = this.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      this.rebuild();
      return { kind: 'refused', refusal: INCOMPLETE };
    }
    // Nothing new (effect null) was written under any id.
    const claims = outcome.effect === null ? [] : this.owners.claim(outcome.clients, holderOf(sender));
    return { kind: 'admitted', effect: outcome.effect, claims };
  }

  /**
   * Makes a change as the server on the staged text. Refused only when it would break the schema
   * or a limit (a defect in the server): then it throws and nothing changes.
   */
  write(change: (doc: Y.Doc) => void): Uint8Array | null {
    const outcome = this.stage((doc) => doc.transact(() => change(doc), SERVER.owner), SERVER);
    if (outcome.kind === 'admitted') {
      // The server's own ids: held here, and never recorded as a person's.
      this.owners.claim(outcome.clients, SERVER_HOLDER);
      return outcome.effect;
    }
    if (outcome.kind === 'refused') throw new Error(`a change by the server was refused: ${outcome.refusal.reason}`);
    throw outcome.error;
  }

  /**
   * Stages rows another instance admitted and stored, unjudged (the live text takes them too).
   * Whose Yjs client ids they are is told to {@link owners} (`ClientOwners.claimRows`).
   */
  absorb(update: Uint8Array): void {
    if (this.copy === null) {
      this.absorbedMeanwhile.push(update);
      return;
    }
    const fragment = this.doc.getXmlFragment(this.field);
    const count = (transaction: Y.Transaction): void => {
      if (transaction.origin !== ABSORBED) return;
      const change = describeChange(transaction, fragment);
      this.characters += change.insertedCharacters - change.deletedCharacters;
      forgetTextsGivenSuggestions(change);
    };
    this.doc.on('afterTransaction', count);
    try {
      Y.applyUpdate(this.doc, update, ABSORBED);
    } finally {
      this.doc.off('afterTransaction', count);
    }
  }

  /**
   * Admitted changes were dropped (they could not be stored): the staging copy is rebuilt from
   * the live text and what is still in flight, without them; their `claims` go with the next change.
   */
  reset(dropped: readonly { claims?: readonly ClientClaim[] }[]): void {
    this.owners.notStored(dropped.flatMap((change) => change.claims ?? []));
    this.rebuild();
  }

  destroy(): void {
    this.destroyed = true;
    this.copy?.destroy();
  }

  private start(initial: StagingStart | undefined): void {
    if (this.destroyed) {
      initial?.doc.destroy();
      return;
    }
    this.copy = initial?.doc ?? this.build(new Y.Doc().clientID);
    this.characters = initial?.characters ?? this.countCharacters();
    // A copy built from the live text holds them already; staging them again changes nothing.
    for (const update of this.absorbedMeanwhile.splice(0)) this.absorb(update);
  }

  private stage(apply: (doc: Y.Doc) => void, sender: Sender): Staged {
    const doc = this.doc;
    let effect: Uint8Array | null = null;
    let verdict: { refusal: Refusal | null; characters: number; clients: number[] } | null = null;
    const onTransaction = (transaction: Y.Transaction): void => {
      if (transaction.origin === sender.owner) verdict ??= this.judge(transaction, sender);
    };
    const onUpdate = (update: Uint8Array, origin: unknown): void => {
      if (origin === sender.owner) effect = update;
    };
    doc.on('afterTransaction', onTransaction);
    doc.on('update', onUpdate);
    try {
      apply(doc);
    } catch (error) {
      this.rebuild();
      return { kind: 'malformed', error };
    } finally {
      doc.off('afterTransaction', onTransaction);
      doc.off('update', onUpdate);
    }
    // Narrowed by the listeners above, which TypeScript cannot see.
    const judged = verdict as { refusal: Refusal | null; characters: number; clients: number[] } | null;
    if (judged?.refusal) {
      this.rebuild();
      return { kind: 'refused', refusal: judged.refusal };
    }
    if (judged) this.characters = judged.characters;
    return { kind: 'admitted', effect, clients: judged?.clients ?? [] };
  }

  private judge(
    transaction: Y.Transaction,
    sender: Sender,
  ): { refusal: Refusal | null; characters: number; clients: number[] } {
    const change = describeChange(transaction, this.doc.getXmlFragment(this.field));
    const characters = this.characters + change.insertedCharacters - change.deletedCharacters;
    const holder = holderOf(sender);
    const forged = change.clients.some((client) => {
      const owner = this.owners.ownerOf(client);
      return (owner !== undefined && owner !== holder) || (client === this.doc.clientID && sender !== SERVER);
    });
    const refusal = forged
      ? FORGED
      : checkChange(change, {
          role: sender.role,
          schema: this.schema,
          fragment: this.doc.getXmlFragment(this.field),
          documentCharacters: characters,
          author: sender.author,
          pillars: sender.pillars,
        });
    return { refusal, characters, clients: change.clients };
  }

  /** A staging copy writing as `clientID`: the server's Yjs client id stays the same across rebuilds. */
  private build(clientID: number, updates: readonly Uint8Array[] = this.rebuildFrom()): Y.Doc {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    for (const update of updates) Y.applyUpdate(doc, update);
    return doc;
  }

  private rebuild(): void {
    const previous = this.doc;
    const updates = this.rebuildFrom();
    this.rebuiltBytes += updates.reduce((total, update) => total + update.byteLength, 0);
    this.copy = this.build(previous.clientID, updates);
    previous.destroy();
    this.characters = this.countCharacters();
  }

  private countCharacters(): number {
    return charactersUnder(this.doc.getXmlFragment(this.field));
  }
}
