import type { ClueStatus, DisposalMode, ReporterKind } from './dictionaries.js';

// The disposition state machine (处置流程): a handler proposes a disposal, the person entitled to
// approve it approves or returns it, and the outcome is recorded. Every clue ends with an outcome and
// a reply (件件有着落、事事有回音).

export type DispositionEvent = 'propose' | 'approve' | 'reject' | 'complete';

export type ClueTransition = { ok: true; status: ClueStatus } | { ok: false; code: 'clues.bad_state' | 'clues.reply_required'; message: string };

const STATE_MESSAGES: Record<DispositionEvent, string> = {
  propose: '只有待处置的线索才能提出处置意见',
  approve: '该线索没有待审批的处置意见',
  reject: '该线索没有待审批的处置意见',
  complete: '只有处置中的线索才能办结',
};

export interface DispositionContext {
  mode: DisposalMode;
  reporter: ReporterKind;
  /** Replies recorded for the reporter (any kind), visible to them. */
  repliesToReporter: number;
}

/**
 * The next status. Approving a merge merges the clue; approving any other mode starts it; the outcome
 * closes the clue — and a clue with a reporter cannot close before a reply has reached them.
 */
export function nextStatus(status: ClueStatus, event: DispositionEvent, c: DispositionContext): ClueTransition {
  const bad = (): ClueTransition => ({ ok: false, code: 'clues.bad_state', message: STATE_MESSAGES[event] });
  switch (event) {
    case 'propose':
      return status === 'registered' ? { ok: true, status: 'pending_approval' } : bad();
    case 'approve':
      if (status !== 'pending_approval') return bad();
      return { ok: true, status: c.mode === 'merge' ? 'merged' : 'disposing' };
    case 'reject':
      return status === 'pending_approval' ? { ok: true, status: 'registered' } : bad();
    case 'complete':
      if (status !== 'disposing') return bad();
      if (!canClose(c.reporter, c.repliesToReporter)) {
        return { ok: false, code: 'clues.reply_required', message: '该线索有举报人，须先答复举报人（答复对其可见）后才能办结' };
      }
      return { ok: true, status: 'closed' };
  }
}

/** A clue with a reporter (named or with a query code) needs a reply visible to them before closing. */
export function canClose(reporter: ReporterKind, repliesToReporter: number): boolean {
  return reporter === 'none' || repliesToReporter > 0;
}

/**
 * Who approves a disposal: opening a preliminary verification, transferring a clue out and issuing a
 * warning are decided by the centre (district level); the handler's own leadership approves talks and
 * inquiries, holding and concluding, and merging.
 */
export function approvalLevel(mode: DisposalMode): 'centre' | 'handler' {
  return mode === 'preliminary_verification' || mode === 'transfer' || mode === 'warning' ? 'centre' : 'handler';
}

/** The actions on a clue, computed from its state and what the caller may do; the web shows these. */
export interface ClueCapabilities {
  handles: boolean;
  routes: boolean;
  approvesHere: boolean;
  approvesCentre: boolean;
  revealsReporter: boolean;
}

export function clueActions(
  clue: { status: ClueStatus; reporter: ReporterKind; pendingMode: DisposalMode | null; named: boolean },
  can: ClueCapabilities,
): string[] {
  const a: string[] = [];
  const open = clue.status !== 'closed' && clue.status !== 'merged';
  if (can.routes && clue.status === 'registered') a.push('route');
  if (can.handles && open) a.push('grade');
  if (can.handles && clue.status === 'registered') a.push('propose');
  if (clue.status === 'pending_approval' && clue.pendingMode) {
    const entitled = approvalLevel(clue.pendingMode) === 'centre' ? can.approvesCentre : can.approvesHere || can.approvesCentre;
    if (entitled) a.push('approve');
  }
  if (can.handles && clue.status === 'disposing') a.push('close');
  if (can.handles && clue.reporter !== 'none') a.push('reply');
  if (can.handles && open) a.push('attach');
  if (can.revealsReporter && clue.named) a.push('revealReporter');
  return a;
}
