import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EVENT_TYPES, payloadOf } from '@hub/contract';
import { Finding } from '@hub/detection';
import { MESSAGE_BUS, MessageBus } from '@hub/kafka';
import { Outbox, OutboxMessage } from '@hub/runtime';
import {
  LinkedEvent,
  RECOVERY_CASE_TYPES,
  RecoveryCaseOpenedData,
  RecoveryCaseUpdatedData,
  TopicNames,
  hubCloudEvent,
} from '@hub/topics';
import { caseAfterRecoveries, closing, openedCase } from './recovery-plan';
import { RecoveryStore } from './recovery-store';

const SOURCE = '/hub/detector/recovery';
const WITHDRAWN_REASON: Record<string, string> = {
  RETRACTED: '预警已撤销，依据的记录已撤销或人员关联已变更',
  DISMISSED: '预警已被审核人员驳回',
};

/**
 * 追回 cases (contract section 8), in the detection cycle's transaction: a duplicate alert that establishes an
 * overpayment opens a case (once: the case id is the alert's); every recovery of a grant a case claims updates it;
 * the alert retracted or dismissed cancels it; a reviewer may waive it with a reason. Each change goes to
 * `recovery_outbox` with the change and is relayed to `cases.recovery` after commit.
 */
@Injectable()
export class RecoveryBook {
  readonly outbox: Outbox;

  constructor(
    private readonly db: DataSource,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    private readonly topics: TopicNames,
    private readonly store: RecoveryStore,
  ) {
    this.outbox = new Outbox(db, bus, 'recovery_outbox');
  }

  /** Stores this batch's recoveries and brings the cases that claim their grants up to date. */
  async record(tx: EntityManager, events: LinkedEvent[]): Promise<number> {
    const recovered = events
      .filter((e) => e.type === EVENT_TYPES.BENEFIT_RECOVERED)
      .map((e) => {
        const d = payloadOf(EVENT_TYPES.BENEFIT_RECOVERED, e.data);
        return {
          source: e.source,
          eventId: e.id,
          benefitId: d.benefitId,
          amountFen: d.amountFen,
          recoveredAt: d.recoveredAt,
          reason: d.reason ?? null,
        };
      });
    const grants = await this.store.addRecoveries(tx, recovered);
    if (grants.length === 0) return 0;
    const at = new Date(Math.max(...recovered.map((r) => Date.parse(r.recoveredAt))));
    const cases = await this.store.casesWithGrants(tx, await this.store.openCasesOfGrants(tx, grants));
    const updates = [...cases.values()].flatMap(
      ({ state, grants: claimed }) => caseAfterRecoveries(state, claimed) ?? [],
    );
    for (const update of updates) await this.store.updateCase(tx, update, at);
    await this.outbox.append(
      tx,
      updates.map((u) => this.message(RECOVERY_CASE_TYPES.updated, u, at)),
    );
    return grants.length;
  }

  /**
   * After the cycle's alerts are settled: cases for the open alerts whose findings establish an overpayment, with what
   * was recovered of their grants already (a recovery may come first); cases of the households' alerts that were
   * retracted are cancelled.
   */
  async settle(
    tx: EntityManager,
    findings: Finding[],
    householdKeys: string[],
    at: Date,
  ): Promise<{ opened: number; cancelled: number }> {
    const overpaid = new Map(
      findings.filter((f) => f.kind === 'DUPLICATE' && f.overpayment).map((f) => [f.alertId, f]),
    );
    const toOpen = await this.store.alertsWithoutCase(tx, [...overpaid.keys()]);
    const messages: OutboxMessage[] = [];
    const openedIds: string[] = [];
    for (const alert of toOpen) {
      const overpayment = overpaid.get(alert.alertId)!.overpayment!;
      const opened = openedCase(alert, overpayment);
      await this.store.insertCase(tx, opened, alert, overpayment.grants, at);
      messages.push(this.message(RECOVERY_CASE_TYPES.opened, opened, at));
      openedIds.push(opened.caseId);
    }
    const fresh = await this.store.casesWithGrants(tx, openedIds);
    for (const { state, grants } of fresh.values()) {
      const update = caseAfterRecoveries(state, grants);
      if (!update) continue;
      await this.store.updateCase(tx, update, at);
      messages.push(this.message(RECOVERY_CASE_TYPES.updated, update, at));
    }
    const cancelled = await this.cancelWithdrawn(tx, { householdKeys }, at, messages);
    await this.outbox.append(tx, messages);
    return { opened: toOpen.length, cancelled };
  }

  /** The alert was dismissed by a reviewer (in the caller's transaction): its case, if any, is cancelled. */
  async alertDismissed(tx: EntityManager, alertId: string, at: Date): Promise<void> {
    const messages: OutboxMessage[] = [];
    await this.cancelWithdrawn(tx, { alertIds: [alertId] }, at, messages);
    await this.outbox.append(tx, messages);
  }

  /** A reviewer lets the rest of a case go, with a reason (家庭困难、无法追回…); published as WAIVED. */
  async waive(caseId: string, reviewer: string, reason: string): Promise<RecoveryCaseUpdatedData> {
    const update = await this.db.transaction(async (tx) => {
      const found = (await this.store.casesWithGrants(tx, [caseId])).get(caseId);
      if (!found) throw new NotFoundException(`no recovery case ${caseId}`);
      const decision = closing(found.state, 'WAIVED', reason);
      if ('refused' in decision) throw new ConflictException(decision.refused);
      const at = new Date();
      await this.store.updateCase(tx, decision.update, at, reviewer);
      await this.outbox.append(tx, [this.message(RECOVERY_CASE_TYPES.updated, decision.update, at)]);
      return decision.update;
    });
    await this.outbox.relay();
    return update;
  }

  private async cancelWithdrawn(
    tx: EntityManager,
    scope: { householdKeys?: string[]; alertIds?: string[] },
    at: Date,
    messages: OutboxMessage[],
  ): Promise<number> {
    const withdrawn = await this.store.casesOfWithdrawnAlerts(tx, scope);
    const cases = await this.store.casesWithGrants(
      tx,
      withdrawn.map((w) => w.caseId),
    );
    let cancelled = 0;
    for (const { caseId, resolution } of withdrawn) {
      const decision = closing(cases.get(caseId)!.state, 'CANCELLED', WITHDRAWN_REASON[resolution]);
      if ('refused' in decision) continue;
      await this.store.updateCase(tx, decision.update, at);
      messages.push(this.message(RECOVERY_CASE_TYPES.updated, decision.update, at));
      cancelled++;
    }
    return cancelled;
  }

  private message(type: string, data: RecoveryCaseOpenedData | RecoveryCaseUpdatedData, at: Date): OutboxMessage {
    return { topic: this.topics.recoveryCases, key: data.caseId, value: hubCloudEvent(SOURCE, type, data, at) };
  }
}
