import { z } from 'zod';
import { DOCX_MEDIA_TYPE } from '../../imports/readImportFile';
import { createTokenBody, loginBody } from './auth/schema';
import { patchClauseBody } from './clauses/schema';
import {
  createCommentBody,
  editCommentBody,
  exportQuery as commentsExportQuery,
  hideCommentBody,
  openPeriodBody,
} from './comments/schema';
import { createDraftBody, listDraftsQuery, patchDraftBody, putPillarsBody } from './drafts/schema';
import { historyQuery, redlineQuery } from './history/schema';
import { importFileQuery, importFormFields, importSpecBody } from './imports/schema';
import { acceptInviteBody, createInviteBody } from './invites/schema';
import { patchMemberBody } from './members/schema';
import { holdingBody, selectBody, supportBody } from './negotiation/schema';
import {
  adoptionPreviewBody,
  amendmentsExportQuery,
  answerCoSponsorBody,
  compilationQuery,
  consolidateBody,
  consolidationQuery,
  editAmendmentBody,
  liveChangeDecisionBody,
  movePhaseBody,
  newAmendmentBody,
  openCycleBody,
  resolutionBody,
  statementBody,
  statusBody,
} from './review/schema';
import { facilitatorBody, stanceBody } from './suggestions/schema';
import { compareQuery, createVersionBody, exportQuery, publishBody, publishedExportQuery } from './versions/schema';

/**
 * One route of the JSON API as the OpenAPI description (`GET /api/openapi.json`) tells it. The
 * schemas are the very objects the route validates with, so the description cannot disagree
 * with what the route accepts; `openApiDocument.test.ts` fails when a route is added, removed
 * or moved without its line here.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path as registered in Hono, with `:name` for each path parameter. */
  path: string;
  summary: string;
  /**
   * Who may call it: anyone (`public`); anyone, signed in or not, the route reading the session
   * if there is one (`optional`); or, unless said, someone signed in. Past that, what a member
   * may do is the policy's (shared/roles.ts).
   */
  access?: 'public' | 'optional';
  /** The JSON body the route validates (`parseBody`). */
  body?: z.ZodType;
  /** The query the route validates (`parseQuery`). */
  query?: z.ZodType;
  /** A file the route reads: as multipart/form-data with these fields, or as the raw body of one of these media types. */
  upload?: { form: z.ZodType; media: readonly string[] };
  /** The status of success, 200 unless said. */
  status?: 200 | 201;
  /** The media types of a successful answer, JSON unless said. */
  produces?: readonly string[];
}

type Method = ApiOperation['method'];
type Details = Omit<ApiOperation, 'method' | 'path' | 'summary'>;
const operation =
  (method: Method) =>
  (path: string, summary: string, details: Details = {}): ApiOperation => ({ method, path, summary, ...details });
const get = operation('get');
const post = operation('post');
const put = operation('put');
const patch = operation('patch');
const del = operation('delete');

const JSON_TYPE = 'application/json';
const CSV = 'text/csv';
const AKN = 'application/akn+xml';
const PDF = 'application/pdf';
const HTML = 'text/html';
/** What `format` may ask of an export (EXPORT_FORMATS): json, md, html, akn, docx, pdf. */
const EXPORTS = [JSON_TYPE, 'text/markdown', HTML, AKN, DOCX_MEDIA_TYPE, PDF];
/** A file to import: a .docx, Markdown, plain text or Akoma Ntoso, told apart by name, media type or content. */
const IMPORT_UPLOAD = {
  form: importFormFields.extend({ file: z.file() }),
  media: [DOCX_MEDIA_TYPE, 'text/markdown', 'text/plain', AKN, 'application/octet-stream'],
};

const draft = '/api/drafts/:id';
const cycle = `${draft}/review-cycles/:cycleId`;
const amendment = `${cycle}/amendments/:amendmentId`;

/**
 * Every route of the JSON API, by tag, each under its OpenAPI `operationId`. The id also names
 * the operation's body among the document's schemas (`createDraft` → `CreateDraftBody`); a
 * schema several operations share is named after the first.
 */
export const API_OPERATIONS = {
  meta: {
    health: get('/api/health', 'Whether the server can save (503 naming the failing part when not)', {
      access: 'public',
    }),
    openApi: get('/api/openapi.json', 'This description of the API (OpenAPI 3.1)', { access: 'public' }),
  },
  auth: {
    signIn: post('/api/auth/login', 'Sign in: a session cookie and its token', { access: 'public', body: loginBody }),
    signOut: post('/api/auth/logout', 'End the session or token this request came with', { access: 'optional' }),
    me: get('/api/auth/me', 'Who is signed in: name, email, delegation or organisation'),
    listSessions: get('/api/auth/sessions', 'Your sessions and personal access tokens'),
    createAccessToken: post('/api/auth/tokens', 'A personal access token for scripts (shown once)', {
      body: createTokenBody,
      status: 201,
    }),
    revokeSession: del('/api/auth/sessions/:sessionId', 'Revoke one of your sessions or tokens'),
    listAffiliations: get('/api/affiliations', 'The delegations and organisations known to this server'),
  },
  drafts: {
    listDrafts: get('/api/drafts', 'Your drafts, most recently edited first', { query: listDraftsQuery }),
    createDraft: post('/api/drafts', 'Create a draft; its creator chairs it', { body: createDraftBody, status: 201 }),
    getDraft: get(draft, 'One draft, with your role in it'),
    changeDraft: patch(draft, 'Rename, archive or restore a draft', { body: patchDraftBody }),
    setPillars: put(
      `${draft}/pillars`,
      "Set the draft's pillars; `removed` says what becomes of a removed one's tags",
      {
        body: putPillarsBody,
      },
    ),
    getOutline: get(`${draft}/outline`, 'The clauses of the live text, in order'),
    changeClause: patch(`${draft}/clauses/:clauseId`, "Tag a clause's pillars or set its status", {
      body: patchClauseBody,
    }),
    getRecovery: get(`${draft}/recovery`, 'Whether the stored text can be read, and what the chair can restore'),
    recover: post(`${draft}/recovery`, 'Restore the stored text the recovery plan names'),
    getHistory: get(`${draft}/history`, 'Who changed which clause and when, newest first', { query: historyQuery }),
    getHistoryRedline: get(`${draft}/history/redline`, "What a run of history entries did to one clause's words", {
      query: redlineQuery,
    }),
    getAudit: get(`${draft}/audit`, 'Every API action on the draft', { query: historyQuery }),
  },
  negotiation: {
    listMarkers: get(`${draft}/brackets`, 'The brackets and alternatives open in the text'),
    holdBracket: put(`${draft}/brackets/:bracketId/holding`, 'Join or leave the delegations holding a bracket', {
      body: holdingBody,
    }),
    removeBracket: del(`${draft}/brackets/:bracketId`, 'Lift a bracket, keeping its words'),
    supportAlternative: put(`${draft}/alternatives/:setId/support`, 'The wording your delegation supports', {
      body: supportBody,
    }),
    selectAlternative: post(`${draft}/alternatives/:setId/select`, 'Settle on one wording', { body: selectBody }),
    listSuggestions: get(`${draft}/suggestions`, 'The suggestions in the text, and whether facilitator mode is on'),
    acceptSuggestion: post(`${draft}/suggestions/:suggestionId/accept`, 'Accept a suggestion'),
    rejectSuggestion: post(`${draft}/suggestions/:suggestionId/reject`, 'Reject a suggestion'),
    withdrawSuggestion: post(`${draft}/suggestions/:suggestionId/withdraw`, 'Withdraw your own suggestion'),
    acceptClauseSuggestions: post(
      `${draft}/clauses/:clauseId/suggestions/accept-all`,
      'Accept every suggestion in a clause',
    ),
    rejectClauseSuggestions: post(
      `${draft}/clauses/:clauseId/suggestions/reject-all`,
      'Reject every suggestion in a clause',
    ),
    takeStance: put(`${draft}/suggestions/:suggestionId/stance`, 'Support or oppose a suggestion, or take it back', {
      body: stanceBody,
    }),
    setFacilitatorMode: put(`${draft}/facilitator-mode`, 'Only the chair edits (on), or everyone may (off)', {
      body: facilitatorBody,
    }),
    freezeNumbering: post(`${draft}/numbering/freeze`, 'Freeze paragraph numbers'),
    unfreezeNumbering: post(`${draft}/numbering/unfreeze`, 'Let paragraph numbers follow the text again'),
    renumber: post(`${draft}/numbering/renumber`, 'Renumber the paragraphs and the references to them'),
  },
  people: {
    listMembers: get(`${draft}/members`, 'Who holds which role'),
    changeMember: patch(`${draft}/members/:userId`, "Change a member's role", { body: patchMemberBody }),
    removeMember: del(`${draft}/members/:userId`, 'Remove a member (a draft keeps at least one chair)'),
    createInvite: post(`${draft}/invites`, 'An invitation link for a role and a delegation or organisation', {
      body: createInviteBody,
      status: 201,
    }),
    listInvites: get(`${draft}/invites`, "The draft's invitations"),
    revokeInvite: del(`${draft}/invites/:inviteId`, 'Revoke an invitation'),
    getInvite: get('/api/invites/:token', 'What an invitation is for', { access: 'public' }),
    acceptInvite: post('/api/invites/:token/accept', 'Accept an invitation, signed in or creating the account', {
      access: 'optional',
      body: acceptInviteBody,
    }),
  },
  comments: {
    listComments: get(`${draft}/comments`, 'Every comment, resolved against the live text, and the comment periods'),
    exportComments: get(`${draft}/comments/export`, 'The public record of the comments', {
      query: commentsExportQuery,
      produces: [JSON_TYPE, CSV],
    }),
    createComment: post(`${draft}/comments`, 'A new thread on a span or a clause, or a reply', {
      body: createCommentBody,
      status: 201,
    }),
    editComment: patch(`${draft}/comments/:commentId`, 'Edit your comment', { body: editCommentBody }),
    resolveComment: post(`${draft}/comments/:commentId/resolve`, 'Resolve a thread'),
    reopenComment: post(`${draft}/comments/:commentId/reopen`, 'Reopen a thread'),
    hideComment: post(`${draft}/comments/:commentId/hide`, 'Hide a comment, with the reason', {
      body: hideCommentBody,
    }),
    unhideComment: post(`${draft}/comments/:commentId/unhide`, 'Show a hidden comment again'),
    listCommentPeriods: get(`${draft}/comment-periods`, 'The comment periods'),
    openCommentPeriod: post(`${draft}/comment-periods`, 'Open a comment period', {
      body: openPeriodBody,
      status: 201,
    }),
    closeCommentPeriod: post(`${draft}/comment-periods/:periodId/close`, 'Close a comment period'),
  },
  versions: {
    createVersion: post(`${draft}/versions`, 'Save the live text as a named, immutable version', {
      body: createVersionBody,
      status: 201,
    }),
    listVersions: get(`${draft}/versions`, 'The named versions'),
    getVersion: get(`${draft}/versions/:versionId`, "One version's text and outline"),
    restoreVersion: post(`${draft}/versions/:versionId/restore`, 'Make the live text equal to a version again'),
    publishVersion: post(`${draft}/versions/:versionId/publish`, 'Publish a version to anyone, or take it back', {
      body: publishBody,
    }),
    exportDraft: get(`${draft}/export`, 'The live text or a version, as a file', {
      query: exportQuery,
      produces: EXPORTS,
    }),
    compare: get(`${draft}/compare`, 'The redline between two versions, or a version and the live text', {
      query: compareQuery,
      produces: [JSON_TYPE, HTML, DOCX_MEDIA_TYPE, PDF],
    }),
    getPublishedVersion: get('/api/public/versions/:versionId', 'A published version', { access: 'public' }),
    exportPublishedVersion: get('/api/public/versions/:versionId/export', 'A published version, as a file', {
      access: 'public',
      query: publishedExportQuery,
      produces: EXPORTS,
    }),
  },
  review: {
    listReviewCycles: get(`${draft}/review-cycles`, 'The review cycles'),
    openReviewCycle: post(`${draft}/review-cycles`, 'Open a review cycle on a published version', {
      body: openCycleBody,
      status: 201,
    }),
    getReviewCycle: get(cycle, 'A review cycle with its amendments'),
    movePhase: post(`${cycle}/phase`, 'Move the review to its next phase', { body: movePhaseBody }),
    visitReviewCycle: post(`${cycle}/visit`, 'Mark the review cycle seen'),
    getCompilation: get(`${cycle}/compilation`, 'The base text with every tabled amendment beneath its clause', {
      query: compilationQuery,
      produces: [JSON_TYPE, DOCX_MEDIA_TYPE, PDF],
    }),
    exportAmendments: get(`${cycle}/amendments/export`, 'The tabled amendments, as a file', {
      query: amendmentsExportQuery,
      produces: [JSON_TYPE, CSV, DOCX_MEDIA_TYPE],
    }),
    proposeAmendment: post(`${cycle}/amendments`, "Propose an amendment, in your delegation's name", {
      body: newAmendmentBody,
      status: 201,
    }),
    getAmendment: get(amendment, 'One amendment'),
    getAmendmentAkn: get(`${amendment}/akn`, 'One amendment as an Akoma Ntoso document', { produces: [AKN] }),
    editAmendment: patch(amendment, 'Rewrite an amendment until it is submitted', { body: editAmendmentBody }),
    changeAmendmentStatus: post(`${amendment}/status`, 'Submit or withdraw an amendment, or decide on it', {
      body: statusBody,
    }),
    previewAdoption: post(`${amendment}/adoption-preview`, 'What adopting the amendment would make of the text', {
      body: adoptionPreviewBody,
    }),
    requestCoSponsorship: post(`${amendment}/co-sponsors`, 'Ask to co-sponsor an amendment'),
    answerCoSponsorship: post(`${amendment}/co-sponsors/:affiliationId`, 'Accept or decline a co-sponsor', {
      body: answerCoSponsorBody,
    }),
    leaveCoSponsorship: del(`${amendment}/co-sponsors/:affiliationId`, 'Withdraw a co-sponsorship'),
    stateOnAmendment: put(`${amendment}/statement`, "State your delegation's support or objection", {
      body: statementBody,
    }),
    withdrawStatement: del(`${amendment}/statement`, "Take back your delegation's statement"),
    getConsolidation: get(`${cycle}/consolidation`, 'The plan of the consolidated text', { query: consolidationQuery }),
    resolveConflict: put(`${cycle}/resolutions/:clauseId`, 'Resolve a conflict between adopted amendments', {
      body: resolutionBody,
      query: consolidationQuery,
    }),
    clearResolution: del(`${cycle}/resolutions/:clauseId`, 'Clear the resolution of a conflict', {
      query: consolidationQuery,
    }),
    decideLiveChange: put(`${cycle}/live-changes/:changeId`, 'Keep or discard a live change since the base', {
      body: liveChangeDecisionBody,
      query: consolidationQuery,
    }),
    consolidate: post(`${cycle}/consolidate`, 'Consolidate the decisions into a new version', {
      body: consolidateBody,
    }),
  },
  imports: {
    previewImport: post('/api/imports/preview', 'Read a file and show the draft it would make; nothing is created', {
      upload: IMPORT_UPLOAD,
      query: importFileQuery,
    }),
    importDraft: post('/api/imports', 'Create a draft from a file, or from its corrected preview', {
      body: importSpecBody,
      upload: IMPORT_UPLOAD,
      query: importFileQuery,
      status: 201,
    }),
  },
} satisfies Record<string, Record<string, ApiOperation>>;
