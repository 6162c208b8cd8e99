import * as fs from 'node:fs';
import * as path from 'node:path';
import { Page } from 'playwright-core';
import { Department, EVENT_TYPES } from '@hub/contract';
import { checkDigit } from '@hub/identity';
import { launchBrowser, SCREENSHOT_DIR } from '../support/browser';
import { CONSOLE_PASSWORD, ConsoleHub, startConsoleHub } from '../support/console-hub';
import { cloudEvent } from '../support/contract-events';
import { waitUntil } from '../support/e2e-env';
import { loadRegionTable } from '@hub/rules';

const validId = (first17: string) => first17 + checkDigit(first17);

/**
 * A reviewer's day in a real browser (Debian's Chromium through playwright-core) against intake,
 * matcher, detector and admin on the real broker and database: settle a POSSIBLE_MATCH pair (masked,
 * then unmasked with a reason, then "same person"), and dismiss a duplicate alert with a reason after
 * reading its explanation and evidence; the CSV export carries it. Screenshots go to .run/screenshots/.
 */
describe('review and alerts in a real browser', () => {
  let hub: ConsoleHub;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let sent = 0;

  const grant = async (department: Department, person: Record<string, unknown>, program = 'DIBAO', source?: string) => {
    sent++;
    const data = {
      benefitId: `RB-${sent}`,
      program,
      person,
      amountFen: 50_000,
      period: { start: '2026-01-01', end: '2026-12-31' },
    };
    const m = cloudEvent(
      department,
      EVENT_TYPES.BENEFIT_GRANTED,
      data,
      `review-ui-${sent}`,
      'structured',
      String(person.sourcePersonId),
    );
    const value = source ? Buffer.from(JSON.stringify({ ...JSON.parse(m.value.toString()), source })) : m.value;
    await hub.bus.publish([{ topic: hub.topics.intake(department), key: m.key, value, headers: m.headers }]);
  };
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const personOf = async (sourcePersonId: string) =>
    (await hub.db.query('SELECT person_id FROM person_record WHERE source_person_id = $1', [sourcePersonId])).rows[0]
      ?.person_id as string | undefined;
  const auditActions = async (username: string) =>
    (await hub.db.query('SELECT action FROM audit_log WHERE username = $1 ORDER BY seq', [username])).rows.map(
      (r) => r.action as string,
    );

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    hub = await startConsoleHub('console_review', {}, { linking: true });
    // A pair for review: the charity knows 王伟 without an ID number.
    await grant('civil-affairs', {
      sourcePersonId: 'UI-1',
      idType: 'RESIDENT_ID',
      idNumber: validId('33050219700707101'),
      name: '王伟',
      gender: 'M',
      hukouRegion: '330502',
    });
    await waitUntil('the first record linked', async () => !!(await personOf('UI-1')));
    await grant(
      'charity',
      { sourcePersonId: 'UI-2', idType: 'NONE', name: '王伟', gender: 'M', hukouRegion: '330502' },
      'CHARITY_MEDICAL',
    );
    // A duplicate: 低保 for 赵强 from two counties at once.
    const id = validId('33050219650505101');
    await grant('civil-affairs', {
      sourcePersonId: 'UI-3',
      idType: 'RESIDENT_ID',
      idNumber: id,
      name: '赵强',
      gender: 'M',
    });
    await grant(
      'civil-affairs',
      { sourcePersonId: 'UI-4', idType: 'RESIDENT_ID', idNumber: id, name: '赵强', gender: 'M' },
      'DIBAO',
      '/330503/civil-affairs/dibao',
    );
    await waitUntil(
      'the review pair queued and the duplicate alert raised',
      async () =>
        Number((await hub.db.query(`SELECT count(*)::int AS n FROM match_review WHERE status = 'OPEN'`)).rows[0].n) ===
          1 &&
        Number(
          (
            await hub.db.query(
              `SELECT count(*)::int AS n FROM alert WHERE rule_id = 'dup.same-program-overlap' AND status = 'OPEN'`,
            )
          ).rows[0].n,
        ) === 1,
      60_000,
    );
    await hub.user('rev.li', 'reviewer');
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('settles a review pair: masked side by side, unmasked with a reason, then the same person', async () => {
    await page.goto(`${hub.admin.url}/`);
    await page.fill('form[data-test=login-form] input[name=username]', 'rev.li');
    await page.fill('form[data-test=login-form] input[name=password]', CONSOLE_PASSWORD);
    await page.click('form[data-test=login-form] button[type=submit]');
    // A reviewer lands on the review queue.
    await page.waitForSelector('section[data-page=reviews] table[data-test=reviews] tbody tr[data-id]');
    expect(await page.locator('#top nav a').allTextContents()).toEqual([
      '匹配审核',
      '预警',
      '追回',
      '公示',
      '统计',
      '人员查询',
    ]);
    expect(await page.textContent('[data-test=review-total]')).toBe('共 1 对');
    expect(await page.textContent('section[data-page=reviews] [data-test=page-range]')).toBe('第 1–1 条，共 1 条');
    expect(await page.locator('section[data-page=reviews] [data-action=next-page]').isHidden()).toBe(true);
    await shot('reviews');

    await page.click('tr[data-id] [data-action=open]');
    const compare = page.locator('[data-test=review] table[data-test=compare]');
    await compare.waitFor();
    const nameCells = await compare.locator('tr[data-field=name] td').allTextContents();
    expect(nameCells.slice(0, 2)).toEqual(['王*', '王*']);
    expect(nameCells[2]).toMatch(/^EXACT \+\d/);
    expect(await compare.locator('tr[data-field=idNumber] td').first().textContent()).toBe('—');
    expect(await compare.locator('tr[data-field=idNumber] td').nth(1).textContent()).toMatch(/^330502\*+\d{3}[\dX]$/);
    // Unmasking needs a reason, and is audited.
    await page.click('[data-action=unmask]');
    await page.waitForSelector('[data-test=flash]:has-text("请先填写理由")');
    // A refusal looks like one (issue 14: errors were shown in the colour of success).
    expect(await page.locator('[data-test=flash]').getAttribute('class')).toContain('flash-error');
    await page.fill('[data-test=review] [data-test=reason]', '核对慈善医疗救助对象身份');
    await page.click('[data-action=unmask]');
    await page.waitForSelector('[data-test=review] [data-test=unmasked]');
    expect(await page.locator('[data-test=review] tr[data-field=name] td').first().textContent()).toBe('王伟');
    expect(await page.locator('[data-test=review] tr[data-field=idNumber] td').nth(1).textContent()).toBe(
      validId('33050219700707101'),
    );
    await shot('review-compare');

    await page.fill('[data-test=review] [data-test=reason]', '电话核实为同一人');
    await page.click('[data-action=same]');
    await page.waitForSelector('[data-test=flash]:has-text("已确认为同一人")');
    expect(await page.locator('[data-test=flash]').getAttribute('class')).not.toContain('flash-error');
    await page.waitForSelector('table[data-test=reviews] tbody tr:not([data-id])');
    expect(await personOf('UI-2')).toBe(await personOf('UI-1'));
    expect(await auditActions('rev.li')).toEqual(expect.arrayContaining(['review.unmasked', 'review.decided']));
  });

  it('shows the recovery case the duplicate opened (追回): totals, the basis worked out by day, a waiver with a reason, in both languages', async () => {
    await waitUntil(
      'the case opened',
      async () => Number((await hub.db.query('SELECT count(*)::int AS n FROM recovery_case')).rows[0].n) === 1,
      30_000,
    );
    await page.click('#top nav a[data-nav=recovery]');
    const row = page.locator('table[data-test=recovery-cases] tbody tr[data-id]');
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('OPEN');
    // The later county's 低保 paid the whole year a second time: 500.00 due, all of it outstanding.
    const summary = page.locator('table[data-test=recovery-summary] tbody tr[data-department=civil-affairs]');
    expect(await summary.textContent()).toContain('500.00');
    await row.locator('[data-action=open]').click();
    await page.waitForSelector('[data-test=case] [data-test=basis]');
    expect(await page.textContent('[data-test=case] [data-test=basis]')).toContain('500.00×365÷365=500.00元');
    await shot('recovery-case');
    await page.fill('[data-test=case] [data-test=waive-reason]', '两县核实后由外县自行扣回');
    await page.click('[data-test=case] [data-action=waive]');
    await page.waitForSelector('[data-test=flash]:has-text("已免予追回")');
    await waitUntil('the case waived', async () => (await row.getAttribute('data-status')) === 'WAIVED');
    expect((await hub.db.query('SELECT status, closed_by FROM recovery_case')).rows).toEqual([
      { status: 'WAIVED', closed_by: 'rev.li' },
    ]);
    expect(await auditActions('rev.li')).toContain('recovery.waived');

    await page.click('[data-test=language]');
    await page.waitForSelector('section[data-page=recovery] h2:has-text("Recovery cases")');
    // The page loads again in English: wait for its rows, not for the ones before.
    await page.locator('table[data-test=recovery-cases] tbody tr', { hasText: 'Waived' }).waitFor();
    await shot('recovery-en');
    await page.click('[data-test=language]');
    await page.waitForSelector('section[data-page=recovery] h2:has-text("追回案件")');
  });

  it('makes a public notice list (公示) of an area and month to preview, print on A4 and download, names masked (contract 8)', async () => {
    const [noticed] = (
      await hub.db.query(
        `SELECT region_code, to_char(granted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month FROM detector_benefit WHERE program = 'DIBAO' AND village_code IS NULL ORDER BY granted_at LIMIT 1`,
      )
    ).rows;
    await page.click('#top nav a[data-nav=notices]');
    await page.fill('form[data-test=notice-form] input[name=area]', noticed.region_code);
    await page.fill('form[data-test=notice-form] input[name=month]', noticed.month);
    await page.click('form[data-test=notice-form] button[type=submit]');
    await page.waitForSelector('[data-test=notice-sheet] table[data-test=notice-grants] tbody tr');
    const sheet = await page.textContent('[data-test=notice-sheet]');
    expect(sheet).toContain(`${noticed.month} 社会救助公示`);
    expect(sheet).toContain('低保金');
    expect(sheet).toMatch(/[王赵]\*/);
    expect(sheet).not.toMatch(/[0-9]{17}[0-9X]/);
    expect(await page.locator('[data-action=print]').isVisible()).toBe(true);
    await shot('notice');
    const csv = await page.request.get(`${hub.admin.url}${(await page.getAttribute('[data-test=csv]', 'href'))!}`);
    const text = await csv.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('救助对象');
    expect(await auditActions('rev.li')).toContain('notices.exported');
  });

  it('shows a month’s statistics for the joint meeting and exports the monthly report as Excel (统计与报送)', async () => {
    const [{ month }] = (
      await hub.db.query(
        `SELECT to_char(min(period_start), 'YYYY-MM') AS month FROM detector_benefit WHERE program = 'DIBAO'`,
      )
    ).rows;
    await page.click('#top nav a[data-nav=statistics]');
    await page.fill('form[data-test=statistics-form] input[name=month]', month);
    await page.click('form[data-test=statistics-form] button[type=submit]');
    await waitUntil(
      'the month shown',
      async () => Number(await page.textContent('[data-test=st-persons] .figure')) > 0,
    );
    // Every department has a line, the silent ones too.
    expect(await page.locator('table[data-test=st-departments] tbody tr').count()).toBe(6);
    expect(await page.textContent('[data-test=dashboard]')).toContain('低保金');
    await shot('statistics');
    const report = await page.request.get(`${hub.admin.url}${(await page.getAttribute('[data-test=excel]', 'href'))!}`);
    expect(report.headers()['content-type']).toContain('spreadsheetml');
    expect((await report.body()).subarray(0, 2).toString()).toBe('PK');
    // The scorecard of the month the events came in: what intake kept and flagged, what went to review (charity's 王伟).
    const received = (
      await hub.db.query(
        `SELECT to_char(max(received_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month FROM intake_event`,
      )
    ).rows[0].month as string;
    const scorecard = (await (await page.request.get(`${hub.admin.url}/api/statistics?month=${received}`)).json()) as {
      departments: { department: string; accepted: number; sentToReview: number }[];
    };
    expect(scorecard.departments).toHaveLength(6);
    expect(scorecard.departments.find((d) => d.department === 'civil-affairs')!.accepted).toBeGreaterThanOrEqual(3);
    expect(scorecard.departments.find((d) => d.department === 'charity')!.sentToReview).toBeGreaterThanOrEqual(1);
    expect(await auditActions('rev.li')).toContain('statistics.exported');
  });

  it('reads a duplicate alert with its explanation and evidence, dismisses it with a reason, and exports the month as CSV', async () => {
    await page.click('#top nav a[data-nav=alerts]');
    const row = page.locator('table[data-test=alerts] tr[data-rule="dup.same-program-overlap"]');
    await row.waitFor();
    const alertId = (await row.getAttribute('data-id'))!;
    // The rule by its county name (the rule pack's title), the id on hover (issue 14).
    const ruleName = row.locator('[data-test=rule-name]');
    expect({ shown: await ruleName.textContent(), hover: await ruleName.getAttribute('title') }).toEqual({
      shown: '同一救助重复享受',
      hover: 'dup.same-program-overlap',
    });
    expect(
      await page
        .locator('form[data-test=alert-filters] select[name=ruleId] option[value="dup.same-program-overlap"]')
        .textContent(),
    ).toBe('同一救助重复享受');
    // Regions by name, the code on hover (the county's region table).
    const regionCode = (await hub.db.query('SELECT region_code FROM alert WHERE alert_id = $1', [alertId])).rows[0]
      .region_code as string;
    const region = row.locator('[data-test=region-name]');
    expect({ shown: await region.textContent(), hover: await region.getAttribute('title') }).toEqual({
      shown: loadRegionTable().find((r) => r.code === regionCode)?.name,
      hover: regionCode,
    });
    // The list says how many there are (issue 14: it stopped at 100 without saying so).
    const stored = Number((await hub.db.query('SELECT count(*)::int AS n FROM alert')).rows[0].n);
    await waitUntil(
      'the total shown',
      async () =>
        (await page.textContent('section[data-page=alerts] [data-test=page-range]')) ===
        `第 1–${Math.min(stored, 100)} 条，共 ${stored} 条`,
    );
    await page.selectOption('form[data-test=alert-filters] select[name=kind]', 'OMISSION');
    await page.click('form[data-test=alert-filters] button[type=submit]');
    await page.waitForSelector('table[data-test=alerts] tbody tr:not([data-id])');
    await page.selectOption('form[data-test=alert-filters] select[name=kind]', 'DUPLICATE');
    await page.selectOption('form[data-test=alert-filters] select[name=department]', 'civil-affairs');
    await page.click('form[data-test=alert-filters] button[type=submit]');
    await row.waitFor();
    await shot('alerts');

    await row.locator('[data-action=open]').click();
    await page.waitForSelector('[data-test=alert] [data-test=explanation]');
    expect(await page.textContent('[data-test=alert] [data-test=explanation]')).toContain('赵*');
    expect(await page.locator('[data-test=alert] [data-test=evidence] li').count()).toBe(2);
    expect(await page.textContent('[data-test=alert] [data-test=evidence]')).toContain('/330503/civil-affairs/dibao');
    await shot('alert-detail');
    await page.fill('[data-test=alert] [data-test=dismiss-reason]', '两县已核实，外县低保已于本月停发');
    await page.click('[data-test=alert] [data-action=dismiss]');
    await page.waitForSelector('[data-test=flash]:has-text("已驳回并发布")');
    await waitUntil(
      'the alert dismissed',
      async () =>
        (await hub.db.query('SELECT status FROM alert WHERE alert_id = $1', [alertId])).rows[0].status === 'DISMISSED',
    );
    const published = (
      await hub.db.query(`SELECT cloud_event FROM alert_history WHERE alert_id = $1 AND change = 'DISMISSED'`, [
        alertId,
      ])
    ).rows;
    expect(published[0].cloud_event.data).toMatchObject({ alertId, resolution: 'DISMISSED' });

    const href = (await page.getAttribute('[data-test=csv]', 'href'))!;
    const csv = await page.request.get(`${hub.admin.url}${href}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const text = await csv.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n')[0]).toContain('预警编号 alertId');
    expect(text).toContain(alertId);
    expect(text).toContain('DISMISSED');
    expect(await auditActions('rev.li')).toEqual(expect.arrayContaining(['alert.dismissed', 'alerts.exported']));
  });

  it('finds a person by name and by ID number in any form, with records, unified account and audit', async () => {
    await page.click('#top nav a[data-nav=people]');
    await page.fill('form[data-test=people-search] input[name=q]', '王偉');
    await page.click('form[data-test=people-search] button[type=submit]');
    // Traditional characters find the same person; the charity and civil affairs records are one person since the review.
    const row = page.locator('table[data-test=people] tbody tr[data-id]');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    await row.locator('[data-action=open]').click();
    await page.waitForSelector('[data-test=person] table[data-test=timeline] tbody tr[data-program]');
    expect(await page.locator('[data-test=person] table[data-test=records] tbody tr').count()).toBe(2);
    expect(await page.textContent('[data-test=person] table[data-test=records]')).not.toContain('王伟');
    expect(
      (
        await page
          .locator('[data-test=person] table[data-test=timeline] tbody tr')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-program')))
      ).sort(),
    ).toEqual(['CHARITY_MEDICAL', 'DIBAO']);
    await shot('person');

    // The reviewer changes their mind about the charity record: it leaves the person, with a reason.
    await page.fill('[data-test=person] input[name=reason]', '慈善机构核实：系同名另一人');
    await page.click('[data-test=person] tr[data-source-person=UI-2] [data-action=unlink]');
    await page.waitForSelector('[data-test=flash]:has-text("已拆出为人员")');
    await waitUntil(
      'the person shown again with one record',
      async () => (await page.locator('[data-test=person] table[data-test=records] tbody tr').count()) === 1,
    );
    expect(await personOf('UI-2')).not.toBe(await personOf('UI-1'));
    await waitUntil(
      'the charity grant moved with it',
      async () =>
        (await hub.db.query(`SELECT person_id FROM detector_benefit WHERE program = 'CHARITY_MEDICAL'`)).rows[0]
          ?.person_id === (await personOf('UI-2')),
    );

    // The charity confirms it was him after all: on the record's own person, the reviewer links it to his id (issue 14).
    const his = (await personOf('UI-1'))!;
    const apart = (await personOf('UI-2'))!;
    await page.fill('form[data-test=people-search] input[name=q]', '王偉');
    await page.click('form[data-test=people-search] button[type=submit]');
    await page.click(`table[data-test=people] tbody tr[data-id="${apart}"] [data-action=open]`);
    await page.waitForSelector('[data-test=person] table[data-test=records] tr[data-source-person=UI-2]');
    await page.fill('[data-test=person] input[name=reason]', '慈善机构复核：确系本人');
    await page.fill('[data-test=person] input[name=personId]', his);
    await page.click('[data-test=person] tr[data-source-person=UI-2] [data-action=link]');
    await page.waitForSelector('[data-test=flash]:has-text("已归入人员")');
    await waitUntil(
      'his person shown with both records',
      async () => (await page.locator('[data-test=person] table[data-test=records] tbody tr').count()) === 2,
    );
    expect(await personOf('UI-2')).toBe(his);
    await waitUntil(
      'the charity grant back on him',
      async () =>
        (await hub.db.query(`SELECT person_id FROM detector_benefit WHERE program = 'CHARITY_MEDICAL'`)).rows[0]
          ?.person_id === his,
    );
    await shot('person-linked');

    // Unmerge in one step: on his person, the reviewer ticks the charity record and splits it off as a new person.
    await page.fill('[data-test=person] input[name=reason]', '复核：慈善记录系同名另一人');
    await page.check('[data-test=person] tr[data-source-person=UI-2] [data-test=split-choice]');
    await page.click('[data-test=person] [data-action=split]');
    await page.waitForSelector('[data-test=flash]:has-text("已拆分为人员")');
    await waitUntil('UI-2 on a person of its own', async () => (await personOf('UI-2')) !== his);
    expect(await personOf('UI-1')).toBe(his);
    await waitUntil(
      'the charity grant with it',
      async () =>
        (await hub.db.query(`SELECT person_id FROM detector_benefit WHERE program = 'CHARITY_MEDICAL'`)).rows[0]
          ?.person_id === (await personOf('UI-2')),
    );
    await shot('person-split');

    // An ID number typed with spaces finds 赵强 (and the clerk's mistyped record of another man, linked to him).
    await page.fill(
      'form[data-test=people-search] input[name=q]',
      ` ${validId('33050219650505101').slice(0, 6)} ${validId('33050219650505101').slice(6)}`,
    );
    await page.click('form[data-test=people-search] button[type=submit]');
    // The rows of the search before stay until the answer replaces them: wait for the new rows, not for any row.
    await page.locator('table[data-test=people] tbody tr[data-id]', { hasText: '赵*' }).first().waitFor();
    expect(await page.textContent('table[data-test=people] tbody')).toContain('赵*');
    expect(await auditActions('rev.li')).toEqual(
      expect.arrayContaining(['people.searched', 'person.viewed', 'record.unlinked', 'record.linked', 'person.split']),
    );
  });

  it("purges a person where the law requires it: an admin's reasoned, audited action across intake, matcher and detector (issue 12)", async () => {
    const admin = await hub.user('ops.purge', 'admin');
    const reviewer = await hub.user('rev.purge', 'reviewer');
    const personId = (await personOf('UI-3'))!;
    const events = async () =>
      Number(
        (
          await hub.db.query(
            `SELECT count(*)::int AS n FROM intake_event WHERE event_id IN ('review-ui-3', 'review-ui-4')`,
          )
        ).rows[0].n,
      );
    expect(await events()).toBe(2);
    const alertsBefore = (
      await hub.db.query(`SELECT alert_id, raised->'subject' AS subject FROM alert WHERE person_id = $1`, [personId])
    ).rows;
    expect(alertsBefore.length).toBeGreaterThan(0);

    expect(
      (await reviewer.post(`/api/people/${personId}/purge`, { reason: '依法删除：本人申请，民政局审批' })).status,
    ).toBe(403);
    expect((await admin.post(`/api/people/${personId}/purge`, { reason: 'asked' })).status).toBe(400);
    const purged = await admin.post(`/api/people/${personId}/purge`, {
      reason: '依《个人信息保护法》第四十七条，本人申请删除，审批 MZ-2026-118',
    });
    expect(purged.status).toBe(200);
    expect(purged.body).toMatchObject({ personId, records: 2, events: 2, persons: 1 });
    expect(purged.body.facts).toBeGreaterThanOrEqual(2);

    // Gone everywhere it was held: records and identities, stored events, facts and account.
    expect(await personOf('UI-3')).toBeUndefined();
    expect(await personOf('UI-4')).toBeUndefined();
    expect(await events()).toBe(0);
    const left = (
      await hub.db.query(
        `SELECT (SELECT count(*) FROM detector_benefit WHERE person_id = $1)::int AS facts, (SELECT count(*) FROM detector_person WHERE person_id = $1)::int AS accounts,
              (SELECT count(*) FROM person WHERE person_id = $1)::int AS persons, (SELECT count(*) FROM person_id_number WHERE person_id = $1)::int AS claims`,
        [personId],
      )
    ).rows[0];
    expect(left).toEqual({ facts: 0, accounts: 0, persons: 0, claims: 0 });
    expect((await reviewer.get(`/api/people/${personId}`)).status).toBe(404);
    // The alerts stay as the record of what workers were told, with the subject masked as it always was.
    expect(
      (await hub.db.query(`SELECT alert_id, raised->'subject' AS subject FROM alert WHERE person_id = $1`, [personId]))
        .rows,
    ).toEqual(alertsBefore);
    expect(JSON.stringify(alertsBefore)).not.toContain('赵强');

    // Audited before and after, with the reason and the counts; asked again, it finds no one (and is audited).
    const audit = (
      await hub.db.query(
        `SELECT action, target, detail FROM audit_log WHERE username = 'ops.purge' AND action LIKE 'person.purge%' ORDER BY seq`,
      )
    ).rows;
    expect(audit.map((a) => a.action)).toEqual(['person.purge.requested', 'person.purged']);
    expect(audit[1].detail).toMatchObject({ reason: expect.stringContaining('第四十七条'), records: 2, events: 2 });
    expect(
      (await admin.post(`/api/people/${personId}/purge`, { reason: '依《个人信息保护法》第四十七条，重复申请' }))
        .status,
    ).toBe(404);
    // The event store stays append-only for everyone else.
    await expect(hub.db.query(`DELETE FROM intake_event WHERE event_id = 'review-ui-1'`)).rejects.toThrow(
      /append-only/,
    );
  });
});
