-- Platform accounts exist before any transaction needs them, so no two writers race to create them.
INSERT INTO accounts (purpose, asset, allow_negative)
SELECT p.purpose, a.asset, p.purpose IN ('payment_clearing', 'payout_clearing', 'issuance', 'rewards_expense', 'commissions_expense', 'release_expense')
FROM (VALUES ('escrow'), ('sales'), ('rewards_expense'), ('commissions_expense'), ('release_expense'), ('pool_monthly'), ('pool_daily'),
             ('payment_clearing'), ('payout_clearing'), ('withdrawals_pending'), ('fees'), ('issuance'), ('bridge_pending')) AS p(purpose)
CROSS JOIN (VALUES ('CASH'), ('GOLD'), ('DIVIDEND'), ('POOL'), ('CONSUMPTION'), ('DIGITAL')) AS a(asset)
ON CONFLICT DO NOTHING;
