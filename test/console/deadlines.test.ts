import { byDaysLeft, daysLeft, urgency } from '../../src/console/pages/dpo/deadlines.js';

const now = new Date('2026-12-04T12:00:00Z');
const due = (days: number) => new Date(now.getTime() + days * 24 * 3600 * 1000).toISOString();

describe('R23 the urgency of a rights request on the DPO page', () => {
  test('days left are whole days rounded up; past due is late', () => {
    expect(daysLeft(due(3), now)).toBe(3);
    expect(daysLeft(due(0.5), now)).toBe(1);
    expect(daysLeft(due(-2), now)).toBe(-2);
  });

  test('open past its due date is overdue, also an hour past; due within seven days is this week; answered ones are closed', () => {
    expect(urgency({ status: 'OPEN', dueAt: due(-1 / 24), overdue: false }, now)).toBe('overdue');
    expect(urgency({ status: 'EXTENDED', dueAt: due(10), overdue: true }, now)).toBe('overdue');
    expect(urgency({ status: 'OPEN', dueAt: due(7), overdue: false }, now)).toBe('this-week');
    expect(urgency({ status: 'OPEN', dueAt: due(8), overdue: false }, now)).toBe('later');
    expect(urgency({ status: 'RESOLVED', dueAt: due(-5), overdue: false }, now)).toBe('closed');
  });

  test('open requests first by days left, answered ones after', () => {
    const rows = [
      { id: 'resolved', status: 'RESOLVED', dueAt: due(-30) },
      { id: 'later', status: 'OPEN', dueAt: due(20) },
      { id: 'late', status: 'OPEN', dueAt: due(-3) },
      { id: 'soon', status: 'EXTENDED', dueAt: due(2) },
    ];
    expect(byDaysLeft(rows).map((r) => r.id)).toEqual(['late', 'soon', 'later', 'resolved']);
  });
});
