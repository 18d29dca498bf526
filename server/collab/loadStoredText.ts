import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { clauseTexts } from '../drafts/documentOutline';
import type { Logger } from '../logger';
import type { DocumentLocation, DocumentLogStorage, StoredDocument } from '../storage/DocumentLogStorage';
import type { StagingStart } from './ChangeGate';
import { letOthersThrough } from './letOthersThrough';
import { type ReaderOptions, isLargeText, readInPiecesOffThread } from './readInPiecesOffThread';
import { applyStoredText } from './UpdateLog';
import { charactersUnder } from '../text/yjsTree';
import { ClauseWords, type RecordedWords } from './ClauseWords';
import { collectYoungGeneration } from './youngGeneration';
import type { WholeText } from './FullStateAnswer';
import { checkedStateOf, recordCheckedState } from './checkedStates';

/** When a draft's text is read on the worker thread and applied a piece at a time. */
export interface TextLoadOptions extends ReaderOptions {
  /** About how large each step the documents are built from is; default 8 KiB (a millisecond or less to apply). */
  stepBytes?: number;
  /** How long one turn of the build applies steps, at most (and one step more); default 2 ms. */
  sliceMs?: number;
}

/** The bytes of a draft's stored text: its compacted state and the log after it. */
export function storedBytes(stored: Pick<StoredDocument, 'state' | 'updates'>): number {
  return stored.updates.reduce((total, update) => total + update.byteLength, stored.state?.byteLength ?? 0);
}

const STEP_BYTES = 8 * 1024;
/**
 * How long the worker waits, once a text it sent early has been handed to the operating system,
 * before it checks it: the newcomers are still taking in 2 MiB each, and the check's few hundred
 * milliseconds of work and garbage (collected on helper threads every thread shares) would take
 * the cores from them and from every other draft. Measured in BENCHMARKS.md ("A stored state
 * known sound").
 */
const CHECK_AFTER_SENT_MS = 250;
/** How long the documents are built in one turn, at most (and one step more). */
const SLICE_MS = 2;

/** Those waiting for a large draft's text while it loads (see `TextFirst`). */
export interface TextWaiters {
  /**
   * The worker has read and checked the text (framed as newcomers are sent it), or read a stored
   * state known sound (see `checkedStates`): called as soon as it has, before it cuts the steps and
   * the text is built here. Should the load still fall back to the careful one, the loaded draft
   * answers them with its whole text.
   */
  read(whole: WholeText): void;
  /** Resolves once they have been sent it: the live text's build gives way to it. */
  sent(): Promise<void>;
}

/** A draft's stored text, loaded: the live text and what the load learned about it. */
export interface LoadedText {
  /**
   * What was read from storage (the bytes of a large text are the worker's: read them no more;
   * for one the worker read from its file, none are here).
   */
  stored: StoredDocument;
  /** How many rows the log holds after the compacted state. */
  logLength: number;
  /** The live text, holding exactly what is stored. */
  doc: Y.Doc;
  /**
   * The staging copy (see `ChangeGate`): built, or for a large text a build for the caller to
   * start once the draft is open, a few steps a turn, giving way before each turn to `giveWay`
   * (the newcomers waiting for the text): the draft opens half a load sooner, and its newcomers
   * are sent it before the copy takes the thread's turns.
   */
  staging: StagingStart | ((giveWay: () => Promise<void>) => Promise<StagingStart>);
  /** Every clause's words by id. */
  clauseTexts: RecordedWords;
  /** The whole text as a newcomer is sent it (framed by the worker), or null: encoded for the first newcomer (see `FullStateAnswer`). */
  whole: WholeText | null;
  /** Whether the text was checked against the schema and found sound. */
  checked: boolean;
}

/** Where a draft's stored text is read. */
export interface TextSource {
  /** Whose text it is: a stored state of it known sound is sent to newcomers before it is checked (see `checkedStates`). */
  draftId?: string;
  /** Reads it on this thread. */
  read(): Promise<StoredDocument>;
  /** Where the worker thread can read it itself, and its size (see `DocumentLogStorage.locateDocument`). */
  locate?(): DocumentLocation | null;
}

/** Where `storage` has a draft's stored text. */
export function storedTextOf(
  storage: Pick<DocumentLogStorage, 'loadDocument' | 'locateDocument'>,
  draftId: string,
): TextSource {
  return {
    draftId,
    read: () => storage.loadDocument(draftId),
    locate: () => storage.locateDocument?.(draftId) ?? null,
  };
}

/** A large text as the worker is handed it: where it reads it itself, or its bytes, read here. */
type LargeText = StoredDocument | { location: DocumentLocation };

/**
 * As much of a draft's stored text as this thread reads before the worker takes over: a small
 * text whole; of a large one, only its location where the worker can read it itself (`locate`),
 * else its bytes, for the worker to be handed.
 */
export async function readOrLocate(
  { read, locate }: TextSource,
  options: ReaderOptions,
): Promise<{ small: StoredDocument } | { large: LargeText }> {
  const location = locate?.() ?? null;
  if (location !== null && isLargeText(location.bytes, options)) return { large: { location } };
  const stored = await read();
  return isLargeText(storedBytes(stored), options) ? { large: stored } : { small: stored };
}

/**
 * Reads a draft's stored text and loads it. A large one (a 2 MiB text takes about half a second
 * to merge and apply, as long to build the staging copy, and more to check and encode) is handed
 * to the worker thread (or, where `locate` tells it where, read by the worker from the SQLite file
 * itself), which reads, checks, frames it (for newcomers) and cuts it into steps; this thread then
 * builds the live text from the steps, a couple of milliseconds a turn, and returns; the staging
 * copy goes on being built the same way.
 * A text the worker cannot vouch for is read again (the worker has its bytes) and, like any small
 * one, applied here in one step (and the staging copy in another), and checked by the caller. One
 * the worker could not read where it was told (compacted since it was located) is read here and
 * handed to the worker as bytes.
 * `waiters` are handed the text the worker read before the live text is built, and the build
 * waits, turn by turn, until they have been sent it.
 */
export async function loadStoredText(
  source: TextSource,
  logger: Logger,
  options: TextLoadOptions,
  waiters?: TextWaiters,
): Promise<LoadedText> {
  const text = await readOrLocate(source, options);
  if ('small' in text) return loadHere(text.small, logger);
  const loaded = await loadOffThread(text.large, source.draftId, logger, options, waiters);
  if (typeof loaded === 'object') return loaded;
  // The worker has the bytes it was handed: they are read again.
  const stored = await source.read();
  if (loaded === 'careful' || !('location' in text.large) || !isLargeText(storedBytes(stored), options))
    return loadHere(stored, logger);
  // The location went stale (a compaction since), or the worker stopped: once more, with the bytes read here.
  const again = await loadOffThread(stored, source.draftId, logger, options, waiters);
  return typeof again === 'object' ? again : loadHere(await source.read(), logger);
}

/**
 * The worker reads `text`, and the live text is built here from its steps; `failed` if the worker
 * could not read it, `careful` if the text needs the careful load.
 */
async function loadOffThread(
  text: LargeText,
  draftId: string | undefined,
  logger: Logger,
  options: TextLoadOptions,
  waiters: TextWaiters | undefined,
): Promise<LoadedText | 'failed' | 'careful'> {
  const stepBytes = options.stepBytes ?? STEP_BYTES;
  // Newcomers are handed the text as soon as the worker has checked it, or read it if it is known sound (see `TextFirst`).
  const toNewcomers = waiters && ((whole: WholeText) => waiters.read(whole));
  const digest = draftId === undefined ? undefined : checkedStateOf(draftId);
  // The worker checks a text it sent early once the newcomers have taken it in (see CHECK_AFTER_SENT_MS).
  const goOn =
    waiters &&
    (() => waiters.sent().then(() => new Promise<void>((resolve) => setTimeout(resolve, CHECK_AFTER_SENT_MS))));
  const vouched = digest === undefined ? undefined : { digest, goOn };
  const reading = await readInPiecesOffThread(text, stepBytes, toNewcomers, vouched).catch((error: unknown) => {
    logger.warn({ err: error }, 'reading the stored text on the worker thread failed');
    return undefined;
  });
  if (reading === undefined) return 'failed';
  if (reading === null) {
    logger.info('the stored text needs the careful load; loading it in one step');
    if (draftId !== undefined) recordCheckedState(draftId, null);
    return 'careful';
  }
  if (draftId !== undefined && reading.stateDigest !== null) recordCheckedState(draftId, reading.stateDigest);
  const { sliceMs } = options;
  const toWaiters = waiters && (() => waiters.sent());
  const doc = await applyInTurns(new Y.Doc(), reading.steps, { sliceMs, giveWay: toWaiters });
  logger.debug({ steps: reading.steps.length }, 'loaded the stored text a few steps at a time');
  const { characters, whole } = reading;
  // Built once the draft is open: newcomers need only the live text, and a change waits for it.
  const staging = (giveWay: () => Promise<void>) =>
    applyInTurns(new Y.Doc(), reading.steps, { sliceMs, giveWay }).then((copy) => ({ doc: copy, characters }));
  const read =
    'location' in text
      ? { stored: { state: null, updates: [], lastSeq: text.location.lastSeq }, logLength: text.location.updates }
      : { stored: text, logLength: text.updates.length };
  return { ...read, doc, staging, clauseTexts: new ClauseWords(reading.clauseTexts), whole, checked: true };
}

/** A text (small, or one the worker could not vouch for) applied here in one step, and its staging copy in another. */
async function loadHere(stored: StoredDocument, logger: Logger): Promise<LoadedText> {
  const doc = new Y.Doc();
  const text = applyStoredText(doc, stored.state, stored.updates, logger) ?? Y.encodeStateAsUpdate(doc);
  await letOthersThrough();
  const staging = new Y.Doc();
  Y.applyUpdate(staging, text);
  await letOthersThrough();
  const characters = charactersUnder(staging.getXmlFragment(DOCUMENT_FIELD));
  return {
    stored,
    logLength: stored.updates.length,
    doc,
    staging: { doc: staging, characters },
    clauseTexts: clauseTextsIfReadable(doc, logger),
    whole: null,
    checked: false,
  };
}

/**
 * Every clause's words as the history starts from them; none for a text that cannot be read (it
 * is left unreadable by the caller, and its first changes after a restore have no words before).
 */
function clauseTextsIfReadable(doc: Y.Doc, logger: Logger): Map<string, string> {
  try {
    return clauseTexts(doc);
  } catch (error) {
    logger.warn({ err: error }, 'the clauses of the stored text cannot be read for the history');
    return new Map();
  }
}

/** How {@link applyInTurns} shares the thread. */
export interface TurnOptions {
  /** How long one turn applies steps, at most (and one step more); default 2 ms. */
  sliceMs?: number;
  /** Waited for before each turn: work that goes first (newcomers waiting for the text). */
  giveWay?: () => Promise<void>;
  /** Run after each turn, in it; default: a collection of the young generation (see `collectYoungGeneration`). */
  afterTurn?: () => void;
}

/**
 * Applies causal steps to `doc`, a few a turn (for `sliceMs`, and at least one): after each turn,
 * I/O waiting for other drafts goes through, then the thread is left to them for as long as the
 * turn took (its garbage collection included), so a load takes at most about half of it while
 * other drafts are busy, and holds them up a few milliseconds at a time.
 */
export async function applyInTurns(
  doc: Y.Doc,
  steps: readonly Uint8Array[],
  options: TurnOptions = {},
): Promise<Y.Doc> {
  const { sliceMs = SLICE_MS, giveWay, afterTurn = collectYoungGeneration } = options;
  let next = 0;
  while (next < steps.length) {
    await giveWay?.();
    const started = performance.now();
    do Y.applyUpdate(doc, steps[next++]!);
    while (next < steps.length && performance.now() - started < sliceMs);
    afterTurn();
    await letOthersThrough();
    await new Promise((resolve) => setTimeout(resolve, performance.now() - started));
  }
  return doc;
}
