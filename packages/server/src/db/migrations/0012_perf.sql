-- Deadline day (bench/deadline-day.ts): every submission notifies the Nodal Officers of the employee's Ministry
-- (features/profile/repo.ts nodalOfficerUserIds: role = 'NODAL_OFFICER' AND ministry_id = $1). role_grant has
-- one row per user (30,000+), and its only indexes lead with user_id, so each submission scanned the table.
CREATE INDEX role_grant_ministry_role ON role_grant(ministry_id, role);
